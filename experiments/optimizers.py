"""Optimizers: SGD, momentum, Nesterov, Adagrad, RMSprop, Adam and Nadam on one model and budget (004)."""

from ann_keras.config import default_config

TITLE = "Optimizers on one model and budget"
NOTES = (
    "004_ef13815ae234472e.txt: Optimizer (SGD, momentum, NAG, Adagrad, RMSProp, Adam); "
    "000_ffceadf0120e5c77.txt: 향상된 최적화 기법"
)
BOOK = "핸즈온 11.3"
ORDER = 120
DESCRIPTION = """
혼공머신 7-2's network (Flatten, Dense(100, relu), Dense(10, softmax)) trained by seven optimizers
with the same budget: 5 epochs of batch 32 on the first 12,000 training images (validation and
test sets whole), each at Keras' default learning rate (0.01 for SGD and its momentum variants,
0.001 for the others; momentum 0.9). Beside the usual curves, a callback records the loss on a
fixed set of 2,000 training images after 1, 2, 4, ... updates, so the first hundred updates,
where the optimizers differ most, are visible on a log axis. 3 seeds; --quick runs one.
"""

VARIANTS = {
    "sgd": {"train.optimizer": "sgd"},
    "momentum": {"train.optimizer": "sgd", "train.momentum": 0.9},
    "nesterov": {"train.optimizer": "sgd", "train.momentum": 0.9, "train.nesterov": True},
    "adagrad": {"train.optimizer": "adagrad"},
    "rmsprop": {"train.optimizer": "rmsprop"},
    "adam": {"train.optimizer": "adam"},
    "nadam": {"train.optimizer": "nadam"},
}
PRIMARY = "adam"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()  # Flatten, Dense(100, relu), Dense(10, softmax); each optimizer's default rate
    config.data.train_samples = 12_000  # 7 optimizers x 3 seeds: a quarter of the training split
    config.seeds = 3
    config.params = {"probe_samples": 2000}
    return config


def run(ctx):
    from ann_keras import evaluation
    from ann_keras.training.callbacks import LossByUpdate

    probe = ctx.config.params["probe_samples"]
    milestones = (10, 100)  # probed exactly, beside 1, 2, 4, 8, ...
    losses = ctx.fits.train_recording(
        lambda splits, config: LossByUpdate(splits.x_train[:probe], splits.y_train[:probe], also=milestones)
    )
    by_update = ctx.page.save_table("loss_by_update_all", losses)

    by_fit = evaluation.fit_rows(ctx.fits.done, ["val_accuracy", "test_accuracy", "loss", "train_time_s"])
    for milestone in milestones:  # the first probe at or after this many updates
        at = losses[losses["update"] >= milestone].groupby(["variant", "seed"], sort=False)["loss"].first()
        by_fit[f"probe_loss_after_{milestone}"] = [
            at.get((v, s)) for v, s in zip(by_fit["variant"], by_fit["seed"])
        ]
    summary = evaluation.summarize(
        by_fit,
        [
            "val_accuracy",
            "test_accuracy",
            "probe_loss_after_10",
            "probe_loss_after_100",
            "loss",
            "train_time_s",
        ],
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Optimizers: accuracy and loss",
        "Mean and std over seeds. probe_loss_after_N: loss on 2,000 fixed training images after N updates; "
        "loss: training loss of the last epoch.",
    )
    ctx.page.add_loss_by_update_figure(
        by_update, title="Training loss against updates", caption="First seed."
    )


if __name__ == "__main__":  # python experiments/optimizers.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
