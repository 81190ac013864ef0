"""Notes 000 and 002: input normalisation, the notes' demo, then four scalings of Fashion-MNIST."""

from ann_keras.config import default_config

TITLE = "Input scaling: raw pixels, /255, z-score and L2-normalised"
NOTES = (
    "002_62e211a327abbe58.txt: 입력데이터 전처리 (표준화, 정규화); 000_ffceadf0120e5c77.txt: 데이터 정규화"
)
BOOK = "혼공머신 7-1"
ORDER = 17
DESCRIPTION = """
The notes' demo first: 2 x 100 points drawn from N(3, 2.5) and divided by the L2 norm of the
whole array, scattered before ("random") and after ("normalized"): the same cloud, shrunk
so that every coordinate is below 1 in magnitude. Then the same Fashion-MNIST model
(Flatten, Dense(100, relu), Dense(10, softmax), RMSprop, 5 epochs) on four versions of the
inputs: raw pixels 0-255, pixels / 255 as the book does, a z-score with the training set's
mean and standard deviation, and each image divided by its own L2 norm. Four models on the
full data: about 3 minutes on two quiet CPU cores.
"""

VARIANTS = {
    "raw_0_255": {"data.scaling": "raw"},  # no scaling: inputs up to 255
    "divide_255": {},  # the book: train_input / 255.0
    "standardize": {"data.scaling": "standardize"},  # (x - mean) / std of the training pixels
    "l2_normalize": {"data.scaling": "l2_normalize"},  # each image / its L2 norm
}
PRIMARY = "divide_255"


def get_config():
    config = default_config()  # Flatten + Dense(100, relu) + Dense(10, softmax), RMSprop, 5 epochs
    config.params = {
        "demo_mean": 3.0,
        "demo_std": 2.5,
        "demo_points": 100,
    }  # np.random.normal(3, 2.5, size=(2, 100))
    return config


def run(ctx):
    import numpy as np
    import pandas as pd

    from ann_keras.textbook import scaling

    p = ctx.config.params
    demo = scaling.normalization_demo(ctx.config.seed, p["demo_mean"], p["demo_std"], (2, p["demo_points"]))
    points = pd.concat(
        [
            pd.DataFrame({"panel": panel, "x1": demo[key][0], "x2": demo[key][1]})
            for panel, key in (("random", "x"), ("normalized", "normalized"))
        ]
    )
    ctx.page.add_figure(
        "normalization_demo",
        "scatter",
        ctx.page.save_table("normalization_demo", points),
        x="x1",
        y="x2",
        panels="panel",
        colors=["orange", "blue"],  # the notes' colours
        title="The notes' demo: x / ||x||",
    )
    ctx.page.add_facts(
        demo_norm=demo["norm"],
        demo_normalized_norm=float(np.linalg.norm(demo["normalized"])),
        demo_max_abs_before=float(np.abs(demo["x"]).max()),
        demo_max_abs_after=float(np.abs(demo["normalized"]).max()),
        demo_mean_before=float(demo["x"].mean()),
        demo_std_before=float(demo["x"].std()),
    )

    rows = []
    for variant, config in ctx.configs.items():
        x = ctx.data.splits(config.data).x_train
        rows.append(
            {
                "variant": variant,
                "min": float(x.min()),
                "max": float(x.max()),
                "mean": float(x.mean()),
                "std": float(x.std()),
            }
        )
    ctx.page.add_table(
        "input_statistics", pd.DataFrame(rows), "What the model sees: training inputs after scaling"
    )

    fits = ctx.fits.train_all()
    rows = [
        {
            "variant": u.variant,
            "seed": u.seed,
            "val_accuracy": u.metrics["val_accuracy"],
            "test_accuracy": u.metrics["test_accuracy"],
            "test_loss": u.metrics["test_loss"],
            "diverged": u.metrics["diverged"],
        }
        for u in fits
    ]
    ctx.page.add_table(
        "results",
        pd.DataFrame(rows),
        "Fashion-MNIST with each scaling",
        "Same model, optimizer and epochs; only the inputs differ.",
    )
    ctx.page.add_history_figure(
        "curves", fits, y=["loss", "val_accuracy"], title="Training loss and validation accuracy per epoch"
    )
    ctx.page.add_test_accuracies(fits, ctx.config.seed)


if __name__ == "__main__":  # python experiments/input_scaling.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
