"""Batch size from 2 to 8,192, with and without learning-rate warm-up (핸즈온 10.3, notes 003)."""

from ann_keras.config import default_config

TITLE = "Batch size: time per epoch, samples per second, accuracy; learning-rate warm-up"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10.3 > 배치 크기 (르쿤 2-32, warm up 으로 매우 큰 배치)"
BOOK = "핸즈온 10.3"
ORDER = 170
BASE_RATE, BASE_BATCH = 0.01, 32
SIZES = (2, 8, 32, 128, 512, 2048, 8192)
WARMUP_SIZES = (128, 512, 2048, 8192)  # where the scaled rate exceeds the base rate
DESCRIPTION = f"""
혼공머신 7-2's network (Dense(100, relu), Dense(10, softmax)) trained 3 epochs with SGD on the
first 12,000 training images (3,000 validation images; the test set whole) at batch sizes
{", ".join(map(str, SIZES))}. The learning rate follows the linear scaling rule, {BASE_RATE} x
batch / {BASE_BATCH} (so every size covers about the same distance per epoch), which makes very
large batches take very large steps from the first update. 핸즈온: large batches use the hardware
well but can be unstable early; LeCun advises 2-32; a warm-up makes very large batches workable.
So the sizes from {WARMUP_SIZES[0]} up also run with a linear warm-up: the rate climbs from
rate/steps to the full rate over the first epoch. Time per epoch counts training only (not
validation) and leaves out the first epoch, which includes tracing. 3 seeds; --quick runs one.
"""


def _rate(batch_size: int) -> float:
    return BASE_RATE * batch_size / BASE_BATCH


VARIANTS = {f"b{size}": {"train.batch_size": size, "train.learning_rate": _rate(size)} for size in SIZES}
VARIANTS.update(
    {
        f"b{size}_warmup": {
            "train.batch_size": size,
            "train.learning_rate": _rate(size),
            "params.warmup_epochs": 1.0,
        }
        for size in WARMUP_SIZES
    }
)
PRIMARY = "b32"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.train.optimizer = "sgd"
    config.train.epochs = (
        3  # batch size 2 makes 6,000 updates per epoch: a short budget keeps the run to minutes
    )
    config.data.train_samples = 12_000
    config.data.val_samples = 3_000  # validation runs at the training batch size, slow for batch 2
    config.seeds = 3
    config.params = {"warmup_epochs": 0.0}
    return config


def run(ctx):
    import math

    import pandas as pd

    from ann_keras import evaluation
    from ann_keras.training import EpochTimer
    from ann_keras.training.callbacks import LearningRateWarmup

    extra = []
    for variant, config, seed in ctx.fits.each():
        samples = len(ctx.data.splits(config.data).x_train)
        batch = min(config.train.batch_size, samples)
        timer = EpochTimer()  # its train seconds leave validation out
        callbacks = [timer]
        warmup_steps = round(config.params["warmup_epochs"] * math.ceil(samples / batch))
        if warmup_steps:
            callbacks.append(LearningRateWarmup(config.train.learning_rate, warmup_steps))
        ctx.fits.train(config, variant, seed, callbacks=callbacks)
        seconds = timer.typical()
        extra.append(
            {
                "variant": variant,
                "seed": seed,
                "batch_size": config.train.batch_size,
                "warmup": "warm-up" if warmup_steps else "none",
                "learning_rate": config.train.learning_rate,
                "updates_per_epoch": math.ceil(samples / batch),
                "train_seconds_per_epoch": seconds,
                "samples_per_second": samples / seconds if seconds > 0 else float("nan"),
            }
        )
    by_fit = evaluation.fit_rows(ctx.fits.done, ["val_accuracy", "test_accuracy"]).merge(
        pd.DataFrame(extra), on=["variant", "seed"]
    )
    summary = evaluation.summarize(
        by_fit.drop(columns="diverged"), ["train_seconds_per_epoch", "samples_per_second"]
    )
    # A diverged run has no accuracy: counted in diverged_seeds, left out of the means.
    summary = summary.merge(
        evaluation.summarize(by_fit, ["val_accuracy", "test_accuracy"]).drop(columns="seeds"), on="variant"
    )
    info = by_fit.drop_duplicates("variant").set_index("variant")
    for position, column in enumerate(("batch_size", "warmup", "learning_rate", "updates_per_epoch"), 1):
        summary.insert(position, column, [info.loc[v, column] for v in summary["variant"]])
    headline = ctx.page.add_table(
        "headline",
        summary,
        "Batch size: speed and accuracy",
        "Mean and std over seeds. train_seconds_per_epoch: training only, first epoch left out; accuracies "
        "leave out diverged seeds (loss NaN), "
        "which diverged_seeds counts.",
    )
    shown = ["train_seconds_per_epoch", "samples_per_second", "val_accuracy"]
    ctx.page.add_figure(
        "batch_size",
        "lines",
        headline,
        x="batch_size",
        y=[f"{metric}_mean" for metric in shown],
        yerr=[f"{metric}_std" for metric in shown],
        ylabel=shown,
        group="warmup",
        logx=True,
        logy=[True, True, False],
        title="Time per epoch, samples per second and validation accuracy against batch size",
        caption="Mean and std over seeds; log scale for batch size.",
    )


if __name__ == "__main__":  # python experiments/batch_size.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
