"""핸즈온 10.2.8: ModelCheckpoint, EarlyStopping, a custom callback and TensorBoard logs."""

from ann_keras.config import LayerConfig, default_config

TITLE = "ModelCheckpoint, EarlyStopping, a custom callback, TensorBoard"
NOTES = "003_4f79ef8f212079da.txt: Early-stopping (patience), 핸즈온 10"
BOOK = "핸즈온 10.2.8"
ORDER = 192
DESCRIPTION = """
핸즈온 10's callbacks on its 784-300-100-10 network: ModelCheckpoint keeps the best model (by
val_loss) in the work folder, EarlyStopping(patience=10, restore_best_weights=True) ends the
run after 10 epochs without a better val_loss (epochs=100 is only an upper bound), the book's
custom callback prints the ratio val_loss / loss after every epoch (above 1 and rising: the
model overfits), and TensorBoard writes its logs under the work folder. Adam on the first 12,000
training images (validation and test sets whole), so that the model overfits and early stopping
ends the run within minutes. The page checks the checkpoint: reloaded, it scores the best
val_loss the history shows. One seed.
"""


def get_config():
    config = default_config()
    config.data.split = "tail"  # 핸즈온 10: X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000  # 55,000 / 5,000
    config.model.hidden = [LayerConfig(units=300), LayerConfig(units=100)]
    config.train.optimizer = (
        "adam"  # overfits 12,000 images within a few epochs, so early stopping has work to do
    )
    config.train.epochs = 100  # 핸즈온: epochs=100 with EarlyStopping(patience=10)
    config.train.early_stopping_patience = 10
    config.train.checkpoint = True  # ModelCheckpoint("my_checkpoints.keras", save_best_only=True)
    config.train.tensorboard = True
    config.data.train_samples = 12_000
    return config


def run(ctx):
    import shutil

    import keras
    import numpy as np

    from ann_keras import files
    from ann_keras.training.callbacks import ValTrainRatio

    config = ctx.config
    work = ctx.paths.work_dir("main", config.seed)
    shutil.rmtree(work / "tensorboard", ignore_errors=True)  # count only this run's event files
    ratio = ValTrainRatio(verbose=ctx.options.verbose)
    fit = ctx.fits.train(config, "main", config.seed, callbacks=[ratio])
    ratios = ctx.page.add_table(
        "val_train_ratio",
        ratio.frame(),
        "The custom callback: val_loss / loss per epoch",
        "Printed by the callback during training; above 1 and rising means overfitting.",
    )
    ctx.page.add_figure(
        "val_train_ratio",
        "lines",
        ratios,
        x="epoch",
        y="val_train_ratio",
        ylabel="val_loss / loss",
        markers=True,
        title="val_loss / loss per epoch",
    )

    checkpoint = work / "best-model.keras"
    splits = ctx.data.splits(config.data)
    reloaded = keras.models.load_model(checkpoint)
    reloaded_loss = float(
        reloaded.evaluate(splits.x_val, splits.y_val, batch_size=1024, verbose=0, return_dict=True)["loss"]
    )
    best = float(np.min(fit.history["val_loss"]))
    events = sorted(p for p in (work / "tensorboard").rglob("*") if p.is_file())
    root = ctx.options.work_root()
    logs = files.shown_path(work / "tensorboard", root)
    ctx.page.add_facts(
        epochs_run=fit.metrics["epochs_run"],
        best_epoch=fit.metrics["best_epoch"],
        stopped_early=fit.metrics["stopped_early"],
        checkpoint=files.shown_path(checkpoint, root),
        checkpoint_bytes=checkpoint.stat().st_size,
        best_val_loss_in_history=best,
        val_loss_of_reloaded_checkpoint=reloaded_loss,
        tensorboard_log_dir=logs,
        tensorboard_event_files=len(events),
        tensorboard_bytes=sum(p.stat().st_size for p in events),
    )
    ctx.page.add_text(
        "TensorBoard",
        f"The logs are in `{logs}` ({len(events)} event files, inside the work folder). View them with "
        f"`tensorboard --logdir {logs}` from the folder that holds it.",
    )


if __name__ == "__main__":  # python experiments/hml10_callbacks.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
