"""Batch normalisation off, before and after the activation, in a deep sigmoid and a deep ReLU net (notes
004)."""

from ann_keras.config import LayerConfig, default_config

TITLE = "Batch normalisation on and off, before or after the activation"
NOTES = (
    "004_ef13815ae234472e.txt: Batch Normalization (mini-batch mean and variance, scale and shift, internal "
    "covariate shift)"
)
BOOK = "핸즈온 11.1.3"
ORDER = 130
DEPTH = 6
DESCRIPTION = """
The six-layer Dense(100) network of the vanishing-gradient experiment, trained with plain SGD
(learning rate 0.01, batch 32) for 5 epochs on the first 12,000 training images (validation
and test sets whole), with a BatchNormalization layer in every hidden block: none, before the
activation (Dense without activation, BN, activation: the 핸즈온 11 layout) or after it. BN
normalises each unit over the mini-batch (mean, variance), then scales by gamma and shifts by
beta, so the sigmoid's inputs stay where its slope is large; the sigmoid network that stalls
without it learns with it. The same three settings with ReLU show the effect where gradients
do not vanish. 3 seeds; --quick runs one.
"""


def _hidden(activation: str, batch_norm: str) -> list[dict]:
    return [{"units": 100, "activation": activation, "batch_norm": batch_norm}] * DEPTH


VARIANTS = {
    f"{activation}_{placement}": {"model.hidden": _hidden(activation, placement)}
    for activation in ("sigmoid", "relu")
    for placement in ("none", "before", "after")
}
PRIMARY = "relu_before"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.model.hidden = [LayerConfig(units=100, activation="sigmoid") for _ in range(DEPTH)]
    config.train.optimizer = "sgd"  # plain SGD: the setting where the sigmoid net stalls without BN
    config.train.epochs = 5
    config.data.train_samples = 12_000  # 6 variants x 3 seeds on a quarter of the training split
    config.seeds = 3
    return config


def run(ctx):
    from ann_keras import evaluation

    ctx.fits.train_all()
    by_fit = evaluation.fit_rows(
        ctx.fits.done, ["val_accuracy", "test_accuracy", "loss", "seconds_per_epoch", "params"]
    )
    summary = evaluation.summarize(by_fit, ["val_accuracy", "test_accuracy", "loss", "seconds_per_epoch"])
    summary.insert(
        1, "params", [int(by_fit[by_fit["variant"] == v]["params"].iloc[0]) for v in summary["variant"]]
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Batch normalisation: accuracy after 5 epochs",
        "Mean and std over seeds; params counts BN's gamma, beta and moving statistics (4 per unit). "
        "seconds_per_epoch includes validation.",
    )
    for activation in ("sigmoid", "relu"):
        ctx.page.add_history_figure(
            f"loss_{activation}",
            ctx.fits.done,
            y="loss",
            where={"seed": "first", "variant": [v for v in ctx.configs if v.startswith(activation)]},
            logy=True,
            ylabel="training loss",
            title=f"Training loss per epoch, {activation}",
            caption="First seed.",
        )


if __name__ == "__main__":  # python experiments/batch_norm.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
