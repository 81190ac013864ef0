"""Notes 000 실습 2: XOR with a 2-2-1 sigmoid MLP and backprop written by hand in NumPy."""

from ann_keras.config import default_config

TITLE = "XOR with a 2-2-1 MLP and hand-written backprop"
NOTES = "000_ffceadf0120e5c77.txt: 실습 > 다층 퍼셉트론 (sigmoid_func, MLP_fit)"
BOOK = "핸즈온 10.1.4"
ORDER = 13
DESCRIPTION = """
The notes' MLP_fit: two inputs, two sigmoid hidden units, one sigmoid output, weights and
biases uniform in [-0.1, 0.1], learning rate 0.2, 10,000 epochs of per-sample updates with
the deltas written out (output delta = (output - target) * o(1 - o), hidden delta = output
delta . W2^T * h(1 - h)), which is gradient descent on 1/2 (output - target)^2. The notes
print outputs 0.04 / 0.95 / 0.95 / 0.06 for (0,0) (0,1) (1,0) (1,1); here the net is trained
from several seeds to show that this is what it reaches, not one lucky start. The deltas
are checked against finite differences and against tf.GradientTape on the same weights,
and the same net is trained with Keras (SGD, batch size 1) from the same starting weights:
it follows the hand-written trajectory. About 3-5 s per seed in NumPy (five seeds) and 5-10 s
in Keras, one fit with 4,000 steps per execution.
"""


def get_config():
    config = default_config()
    config.seeds = 5  # the notes show one start; five show that the result does not hang on it
    config.train.optimizer = "sgd"  # plain gradient descent, one sample per update
    config.train.learning_rate = 0.2  # MLP_fit(X, T, epochs=10000, learning_rate=0.2)
    config.train.batch_size = 1
    config.train.epochs = 10_000
    config.params = {
        "init_limit": 0.1,  # np.random.uniform(-0.1, 0.1, ...)
        "log_every": 1000,  # epochs between progress lines
        "gradient_check_epsilon": 1e-6,  # step of the central differences
    }
    return config


NOTES_OUTPUTS = ("0.04250626", "0.95236738", "0.95224611", "0.06101696")


def run(ctx):
    import time

    import numpy as np
    import pandas as pd

    from ann_keras.config import seed_list
    from ann_keras.textbook import backprop, keras_xor, tape

    config, params = ctx.config, ctx.config.params
    x, t = backprop.XOR_INPUTS, backprop.XOR_TARGETS
    epochs, rate = config.train.epochs, config.train.learning_rate
    log_every = min(params["log_every"], epochs)
    fits, seconds = {}, {}
    for seed in seed_list(config):
        ctx.log(f"-- NumPy MLP, seed {seed}: {epochs:,} epochs at rate {rate:g}")
        started = time.perf_counter()
        fits[seed] = backprop.train_xor_mlp(
            backprop.init_params(np.random.default_rng(seed), limit=params["init_limit"]),
            x,
            t,
            epochs,
            rate,
            progress=lambda epoch, loss, seed=seed: ctx.log(
                f"  [numpy seed {seed}] epoch {epoch:,}/{epochs:,}  loss {loss:.6f}"
            ),
            progress_every=log_every,
        )
        seconds[seed] = time.perf_counter() - started

    rows = []
    for seed, fit in fits.items():
        outputs = backprop.forward(fit.params, x)[1].ravel()
        rows.append(
            {
                "seed": seed,
                **{f"output ({int(a)},{int(b)})": o for (a, b), o in zip(x, outputs)},
                "final loss": fit.losses[-1],
                "solved (all within 0.5 of target)": bool(np.all(np.abs(outputs - t.ravel()) < 0.5)),
            }
        )
    rows.append(
        {"seed": "notes", **{f"output ({int(a)},{int(b)})": float(o) for (a, b), o in zip(x, NOTES_OUTPUTS)}}
    )
    ctx.page.add_table(
        "outputs_by_seed",
        pd.DataFrame(rows),
        "Outputs after training, NumPy backprop",
        "Loss: sum over the four samples of 1/2 (output - target)^2.",
        decimals=6,
    )

    first = fits[config.seed]
    checks = []
    for label, weights in (("initial weights", first.initial_params), ("trained weights", first.params)):
        by_hand = backprop.gradients(weights, x, t)
        numeric = backprop.numerical_gradients(weights, x, t, params["gradient_check_epsilon"])
        taped = tape.xor_mlp_gradients(weights, x, t)
        checks.append(
            {
                "where": label,
                "largest |gradient|": max(float(np.abs(g).max()) for g in by_hand.values()),
                "relative error against finite differences": backprop.relative_error(by_hand, numeric),
                "relative error against GradientTape": backprop.relative_error(by_hand, taped),
            }
        )
    ctx.page.add_table(
        "gradient_check",
        pd.DataFrame(checks),
        f"Gradient check (seed {config.seed})",
        "Hand-written deltas against central differences (float64) and tf.GradientTape (float64) on the "
        "same weights.",
        decimals=12,
    )

    ctx.log(
        f"-- Keras: the same net from seed {config.seed}'s starting weights, SGD at rate {rate / 2:g} on "
        "mean squared error"
    )
    started = time.perf_counter()
    keras_fit = keras_xor.train_mlp(
        first.initial_params,
        epochs,
        rate,
        log_every,
        progress=lambda epoch, loss: ctx.log(f"  [keras] epoch {epoch:,}/{epochs:,}  loss {loss:.6f}"),
    )
    keras_seconds = time.perf_counter() - started
    numpy_outputs = backprop.forward(first.params, x)[1].ravel()
    ctx.page.add_table(
        "numpy_vs_keras",
        pd.DataFrame(
            {
                "input": [f"({int(a)},{int(b)})" for a, b in x],
                "target": t.ravel().astype(int),
                "NumPy backprop": numpy_outputs,
                "Keras": keras_fit["outputs"],
                "notes": [float(o) for o in NOTES_OUTPUTS],
            }
        ),
        f"Hand-written backprop against Keras (seed {config.seed})",
        "Keras' mean_squared_error is (o - t)^2, twice the notes' 1/2 (o - t)^2, so Keras runs at half the "
        "rate to take the same steps "
        f"(in float32). NumPy: {seconds[config.seed]:.1f} s, Keras: {keras_seconds:.1f} s.",
        decimals=6,
    )

    losses = pd.DataFrame({"epoch": range(1, len(first.losses) + 1), "loss": first.losses})
    ctx.page.add_figure(
        "loss",
        "lines",
        ctx.page.save_table("loss_by_epoch", losses),
        x="epoch",
        y="loss",
        logy=True,
        ylabel="sum of 1/2 (o - t)^2",
        title=f"Loss per epoch (NumPy, seed {config.seed})",
    )

    all_outputs = np.array([backprop.forward(fit.params, x)[1].ravel() for fit in fits.values()])
    ctx.page.add_facts(
        outputs=numpy_outputs.tolist(),
        output_00=float(numpy_outputs[0]),
        output_01=float(numpy_outputs[1]),
        output_10=float(numpy_outputs[2]),
        output_11=float(numpy_outputs[3]),
        seeds_trained=len(fits),
        seeds_solved=int(sum(np.all(np.abs(o - t.ravel()) < 0.5) for o in all_outputs)),
        max_output_for_target_0=float(all_outputs[:, [0, 3]].max()),
        min_output_for_target_1=float(all_outputs[:, [1, 2]].min()),
        gradient_check_finite_differences=max(c["relative error against finite differences"] for c in checks),
        gradient_check_gradient_tape=max(c["relative error against GradientTape"] for c in checks),
        keras_outputs=keras_fit["outputs"].tolist(),
        max_abs_keras_minus_numpy_output=float(np.max(np.abs(keras_fit["outputs"] - numpy_outputs))),
        numpy_seconds_per_seed=round(float(np.mean(list(seconds.values()))), 2),
        keras_seconds=round(keras_seconds, 2),
    )


if __name__ == "__main__":  # python experiments/xor_mlp_backprop.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
