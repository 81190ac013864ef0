"""Batch vs online vs mini-batch gradient descent on the notes' 32,000 samples (notes 000)."""

from ann_keras.config import default_config

TITLE = "Batch, online and mini-batch gradient descent"
NOTES = "000_ffceadf0120e5c77.txt: 미니 배치 (배치학습 32000 / 온라인학습 1 / 미니배치 32)"
BOOK = "핸즈온 4.2"
ORDER = 150
DESCRIPTION = """
The notes' example: 32,000 training samples, learnt by batch gradient descent (one update per
pass over all 32,000), online learning (one update per sample: stochastic gradient descent) and
mini-batches of 32. The network is 혼공머신 7-2's (Dense(100, relu), Dense(10, softmax)) with
plain SGD at learning rate 0.01 for all three; each gets the same budget of 30 seconds of
training (validation and probes not counted; the epoch count is only an upper bound). A callback
records the loss on a fixed 2,000 of the training images after 1, 2, 4, ... updates and the
training time when it was taken, so the page shows loss against the number of updates and
against wall time. On a busy machine each variant does fewer updates in its 30 seconds; the
table reports how many it did. 3 seeds; --quick runs one with an 8-second budget.
"""

VARIANTS = {
    "batch_32000": {"train.batch_size": 32_000},  # the whole training set per update
    "online_1": {"train.batch_size": 1},  # one sample per update
    "mini_batch_32": {"train.batch_size": 32},
}
PRIMARY = "mini_batch_32"
QUICK = {"seeds": 1, "train.epochs": 10_000, "params.time_budget_s": 8.0}


def get_config():
    config = default_config()
    config.train.optimizer = "sgd"  # gradient descent itself, no momentum or adaptive rates
    config.train.epochs = 10_000  # an upper bound: the time budget ends each run
    config.data.train_samples = 32_000  # the notes' number of samples
    config.data.val_samples = 2_000  # validated once per pass; the batch variant makes hundreds of passes
    config.seeds = 3
    config.params = {"time_budget_s": 30.0, "probe_samples": 2000}
    return config


def run(ctx):
    import pandas as pd

    from ann_keras import evaluation
    from ann_keras.training.callbacks import LossByUpdate

    probe, budget = ctx.config.params["probe_samples"], ctx.config.params["time_budget_s"]
    losses = ctx.fits.train_recording(
        lambda splits, config: LossByUpdate(
            splits.x_train[:probe], splits.y_train[:probe], time_budget_s=budget
        )
    )
    extra = []
    for fit in ctx.fits.done:
        last = losses[(losses["variant"] == fit.variant) & (losses["seed"] == fit.seed)].iloc[-1]
        batch = min(fit.config.train.batch_size, len(ctx.data.splits(fit.config.data).x_train))
        extra.append(
            {
                "variant": fit.variant,
                "seed": fit.seed,
                "batch_size": batch,
                "updates": int(last["update"]),
                "train_seconds": float(last["seconds"]),
                "updates_per_second": last["update"] / last["seconds"],
                "samples_per_second": last["update"] * batch / last["seconds"],
                "final_probe_loss": float(last["loss"]),
            }
        )
    by_update = ctx.page.save_table("loss_by_update_all", losses)

    by_fit = evaluation.fit_rows(ctx.fits.done, ["val_accuracy", "test_accuracy", "epochs_run"]).merge(
        pd.DataFrame(extra), on=["variant", "seed"]
    )
    summary = evaluation.summarize(
        by_fit,
        [
            "updates",
            "train_seconds",
            "updates_per_second",
            "samples_per_second",
            "final_probe_loss",
            "val_accuracy",
            "test_accuracy",
        ],
    )
    summary.insert(
        1,
        "batch_size",
        [int(by_fit[by_fit["variant"] == v]["batch_size"].iloc[0]) for v in summary["variant"]],
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Updates, throughput and loss within the same training time",
        "Mean and std over seeds. final_probe_loss: loss on 2,000 fixed training images when the budget ran "
        "out.",
    )
    ctx.page.add_loss_by_update_figure(
        by_update,
        title="Loss against the number of updates",
        caption="First seed. Per update the full batch is the most accurate step; online makes the most "
        "steps.",
    )
    ctx.page.add_figure(
        "loss_by_time",
        "lines",
        by_update,
        x="seconds",
        y="loss",
        group="variant",
        where={"seed": "first"},
        xlabel="training time (s)",
        ylabel="loss on 2,000 training images",
        title="Loss against training time",
        caption="First seed. The same budget for each; probes and validation not counted.",
    )


if __name__ == "__main__":  # python experiments/batch_vs_online.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
