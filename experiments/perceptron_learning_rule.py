"""Notes 000 실습 1: the perceptron learning rule learns AND exactly and never settles on XOR."""

from ann_keras.config import default_config

TITLE = "The perceptron learning rule: AND learned, XOR never"
NOTES = "000_ffceadf0120e5c77.txt: 실습 > 인공신경망 > 퍼셉트론 학습 (step_func, perceptron_fit)"
BOOK = "핸즈온 10.1.3"
ORDER = 11
TRAINS = False  # no Keras model: the notes' arithmetic in NumPy
DESCRIPTION = """
The notes' perceptron: a step function that outputs 1 only when t > 1e-7 (a guard against
floating-point error), weights and bias starting at 0, learning rate 0.2, 50 epochs, one
sample at a time in the order (0,0), (0,1), (1,0), (1,1). On AND it must end with weights
[0.4, 0.2] and bias -0.4 and predict 0, 0, 0, 1, as the notes print. The same rule on OR and
NAND also reaches zero errors; on XOR there is no line to find, so every epoch has wrong
predictions and the weights cycle. NumPy only; runs in a second.
"""


def get_config():
    config = default_config()
    config.train.epochs = 50  # the notes' perceptron_fit(X, y, epochs=50, learning_rate=0.2)
    config.train.learning_rate = 0.2
    config.train.batch_size = 1  # one update per sample
    config.params = {"step_threshold": 1e-7}  # step_func: 1 if t > 0.0000001
    return config


def run(ctx):
    import pandas as pd

    from ann_keras.textbook import gates, perceptron

    config = ctx.config
    fits = {
        name: perceptron.fit(
            gates.INPUTS,
            target,
            config.train.epochs,
            config.train.learning_rate,
            config.params["step_threshold"],
        )
        for name, target in gates.TARGETS.items()
    }
    rows = []
    for name, fit in fits.items():
        predictions = perceptron.predict(gates.INPUTS, fit.weights, fit.bias, config.params["step_threshold"])
        rows.append(
            {
                "gate": name,
                "w1": round(fit.weights[0], 10),
                "w2": round(fit.weights[1], 10),
                "bias": round(fit.bias, 10),
                "predictions": " ".join(map(str, predictions)),
                "target": " ".join(map(str, gates.TARGETS[name])),
                "first epoch without errors": fit.converged_epoch or "never",
                "errors in the last epoch": fit.errors_per_epoch[-1],
            }
        )
    ctx.page.add_table(
        "learned",
        pd.DataFrame(rows),
        f"After {config.train.epochs} epochs at rate {config.train.learning_rate:g}",
        "The notes print weights [0.4 0.2] and bias -0.4 for AND. XOR never has an epoch without errors.",
    )

    epochs = pd.DataFrame({"epoch": range(1, config.train.epochs + 1)})
    for name in ("AND", "XOR"):
        epochs[f"{name} errors"] = fits[name].errors_per_epoch
        for i, key in enumerate(("w1", "w2", "b")):
            epochs[f"{name} {key}"] = [round(h[i], 10) for h in fits[name].history]
    ctx.page.add_table(
        "epochs",
        epochs.head(12),
        "The first epochs, AND against XOR",
        "Wrong predictions in each epoch and the weights after it; tables/epochs_all.csv holds every epoch.",
    )
    ctx.page.save_table("epochs_all", epochs)
    errors = pd.DataFrame(
        [
            {"gate": name, "epoch": epoch, "errors": count}
            for name, fit in fits.items()
            for epoch, count in enumerate(fit.errors_per_epoch, 1)
        ]
    )
    ctx.page.add_figure(
        "errors_per_epoch",
        "lines",
        ctx.page.save_table("errors_per_epoch", errors),
        x="epoch",
        y="errors",
        group="gate",
        markers=True,
        ylim=[-0.2, 4.2],
        ylabel="wrong predictions (of 4)",
        title="Wrong predictions per epoch",
    )

    and_fit, xor_fit = fits["AND"], fits["XOR"]
    ctx.page.add_facts(
        and_w1=float(and_fit.weights[0]),
        and_w2=float(and_fit.weights[1]),
        and_bias=float(and_fit.bias),
        and_predictions=" ".join(
            map(
                str,
                perceptron.predict(
                    gates.INPUTS, and_fit.weights, and_fit.bias, config.params["step_threshold"]
                ),
            )
        ),
        and_first_epoch_without_errors=and_fit.converged_epoch,
        xor_epochs_with_errors=sum(1 for e in xor_fit.errors_per_epoch if e),
        xor_min_errors_in_an_epoch=min(xor_fit.errors_per_epoch),
        xor_errors_last_epoch=xor_fit.errors_per_epoch[-1],
        errors_per_epoch={name: fit.errors_per_epoch for name, fit in fits.items()},
    )
    ctx.log(
        f"  AND: weights {and_fit.weights.round(10).tolist()}, bias {round(and_fit.bias, 10)}; "
        f"XOR: errors in every one of {config.train.epochs} epochs: {all(xor_fit.errors_per_epoch)}"
    )


if __name__ == "__main__":  # python experiments/perceptron_learning_rule.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
