"""Depth vs width at an equal parameter count; funnel vs constant width (핸즈온 10.3, notes 003)."""

from ann_keras.config import default_config

TITLE = "Depth vs width at equal parameter count, funnel vs constant width"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10 > 은닉층 개수 (파라미터 효율성), 은닉층의 뉴런 개수 (깔때기)"
BOOK = "핸즈온 10.3"
ORDER = 180
# Hidden widths with exactly 177,295 parameters each on 784 inputs and 10 outputs (a test checks it):
# 785*223 + 224*10 = 785*159 + 2*160*159 + 160*10 = 785*194 + 195*104 + 105*41 + 42*10.
SHAPES = {
    "wide_1x223": [223],  # one wide hidden layer
    "constant_3x159": [159, 159, 159],  # three layers of one width
    "funnel_194_104_41": [194, 104, 41],  # three layers narrowing towards the output
}
DESCRIPTION = """
Three networks with exactly 177,295 parameters each: one hidden layer of 223 units, three
layers of 159 units, and a funnel of 194, 104 and 41 units (ReLU everywhere). 핸즈온 10: one
wide hidden layer can in theory model anything, but deep networks use their parameters more
efficiently, and a funnel lets many low-level features merge into fewer high-level ones (though
a constant width often does as well). Each is trained with Adam for 10 epochs on the first
12,000 training images (validation and test sets whole), 3 seeds each. --quick runs one seed.
"""

VARIANTS = {
    name: {"model.hidden": [{"units": units, "activation": "relu"} for units in widths]}
    for name, widths in SHAPES.items()
}
PRIMARY = "funnel_194_104_41"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.train.optimizer = "adam"  # converges in a few epochs, so the shapes are compared near their best
    config.train.epochs = 10
    config.data.train_samples = 12_000  # 3 shapes x 3 seeds on a quarter of the training split
    config.seeds = 3
    return config


def run(ctx):
    from ann_keras import evaluation

    ctx.fits.train_all()
    by_fit = evaluation.fit_rows(
        ctx.fits.done,
        ["params", "val_accuracy", "best_val_accuracy", "test_accuracy", "loss", "seconds_per_epoch"],
    )
    summary = evaluation.summarize(
        by_fit, ["val_accuracy", "best_val_accuracy", "test_accuracy", "loss", "seconds_per_epoch"]
    )
    summary.insert(1, "hidden", [" ".join(map(str, SHAPES.get(v, []))) for v in summary["variant"]])
    summary.insert(
        2, "params", [int(by_fit[by_fit["variant"] == v]["params"].iloc[0]) for v in summary["variant"]]
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Equal parameter count: accuracy per shape",
        "Mean and std over seeds; loss is the training loss of the last epoch; seconds_per_epoch includes "
        "validation.",
    )
    ctx.page.add_facts(
        parameter_counts_equal=bool(by_fit["params"].nunique() == 1), params=int(by_fit["params"].iloc[0])
    )
    ctx.page.add_history_figure(
        "val_accuracy",
        ctx.fits.done,
        y="val_accuracy",
        title="Validation accuracy per epoch",
        caption="First seed.",
    )


if __name__ == "__main__":  # python experiments/depth_width.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
