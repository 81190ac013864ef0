"""Notes 001 §3: one sigmoid unit trained on XOR with cross-entropy gets stuck at ln 2."""

from ann_keras.config import default_config

TITLE = "A single layer cannot learn XOR"
NOTES = "001_6b6b17e52b4a7b21.txt: 3 XOR 문제 - 단층 퍼셉트론 구현하기"
BOOK = "핸즈온 10.1.3"
ORDER = 12
DESCRIPTION = """
The notes' PyTorch run in Keras: Dense(1, sigmoid) on the four XOR inputs, binary
cross-entropy, SGD with learning rate 1, all four samples in every step, 10,001 steps
(the notes call them epochs 0 to 10,000). Whatever the start, the cost falls to
ln 2 = 0.6931 within a few hundred steps and stays there: the best a single line can do
under cross-entropy is w = 0, b = 0, which outputs 0.5 for every input. The weights end up
within float32 rounding of zero, so the outputs straddle 0.5 by one float32 step (6e-8).
The notes' accuracy (prediction = output > 0.5) is computed on the outputs rounded to 6
decimals, so that rounding noise does not decide it; the accuracy on the unrounded float32
outputs is shown next to it. One fit with 100 steps per execution: a few seconds.
"""


def get_config():
    config = default_config()
    config.seed = 777  # the notes' torch.manual_seed(777); only the starting cost depends on it
    config.train.optimizer = "sgd"  # torch.optim.SGD(model.parameters(), lr=1)
    config.train.learning_rate = 1.0
    config.train.loss = "binary_crossentropy"  # torch.nn.BCELoss()
    config.train.batch_size = 4  # the whole XOR set in every step
    config.train.epochs = 10_001  # for step in range(10001): one step per epoch
    config.params = {
        "log_every": 100,  # the notes print the cost every 100 steps
        "output_decimals": 6,  # float32 outputs are good to about 1e-7
    }
    return config


# The costs the notes print (PyTorch, seed 777), shown beside ours.
NOTES_COSTS = {
    0: "0.7273974418640137",
    100: "0.6931476593017578",
    200: "0.6931471824645996",
    10_000: "0.6931471824645996",
}


def run(ctx):
    import math
    import time

    import numpy as np
    import pandas as pd

    from ann_keras.textbook import keras_xor
    from ann_keras.textbook.backprop import XOR_INPUTS, XOR_TARGETS

    config = ctx.config
    started = time.perf_counter()
    result = keras_xor.train_single_layer(
        steps=config.train.epochs,
        learning_rate=config.train.learning_rate,
        log_every=min(config.params["log_every"], config.train.epochs),
        seed=config.seed,
        progress=lambda step, cost: ctx.log(
            f"  [xor_single_layer] step {step:,}/{config.train.epochs:,}  cost {cost:.10f}"
        ),
    )
    seconds = time.perf_counter() - started
    steps, costs = zip(*result["costs"])
    shown = [s for s in (0, 100, 200, 300, 1000, 5000, 10_000) if s in steps]
    ctx.page.add_table(
        "costs",
        pd.DataFrame(
            {
                "step": shown,
                "cost": [round(costs[steps.index(s)], 10) for s in shown],
                "notes (PyTorch)": [NOTES_COSTS.get(s, "") for s in shown],
            }
        ),
        "Cost every few hundred steps",
        "Natural log. The cost at step s is measured before update s, as the notes print it.",
        decimals=10,
    )
    ctx.page.add_figure(
        "cost",
        "lines",
        ctx.page.save_table("cost_by_step", pd.DataFrame({"step": steps, "cost": costs})),
        x="step",
        y="cost",
        hlines={"ln 2 = 0.6931": math.log(2)},
        title="Cost against step",
    )

    outputs = result["outputs"]
    decided = np.round(outputs, config.params["output_decimals"]) > 0.5
    targets = XOR_TARGETS.ravel()
    ctx.page.add_table(
        "outputs",
        pd.DataFrame(
            {
                "x1": XOR_INPUTS[:, 0].astype(int),
                "x2": XOR_INPUTS[:, 1].astype(int),
                "target": targets.astype(int),
                "output": outputs,
                "prediction (rounded output > 0.5)": decided.astype(int),
                "prediction on unrounded float32": (outputs > 0.5).astype(int),
            }
        ),
        f"Outputs after {result['steps']:,} steps",
        "The notes: every output 0.5, every prediction 0, accuracy 0.5.",
        decimals=8,
    )
    ctx.page.add_facts(
        steps=result["steps"],
        initial_cost=costs[0],
        final_cost=result["final_cost"],
        ln_2=math.log(2),
        final_cost_minus_ln_2=result["final_cost"] - math.log(2),
        max_abs_output_minus_half=float(np.max(np.abs(outputs - 0.5))),
        accuracy=float(np.mean(decided == targets)),
        accuracy_unrounded_float32=float(np.mean((outputs > 0.5) == targets)),
        w1=float(result["weights"][0]),
        w2=float(result["weights"][1]),
        bias=result["bias"],
        training_seconds=round(seconds, 2),
        outputs=outputs.tolist(),
        costs=[list(c) for c in result["costs"]],
    )


if __name__ == "__main__":  # python experiments/xor_single_layer.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
