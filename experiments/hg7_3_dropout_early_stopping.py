"""혼공머신 7-3: the chapter's eight fits: overfitting, Dropout, saving, checkpoints, early stopping."""

from ann_keras.config import default_config

TITLE = "Dropout, checkpoint and early stopping"
NOTES = "003_4f79ef8f212079da.txt: 혼공머신 7장 > Dropout, Early-stopping"
BOOK = "혼공머신 7-3"
ORDER = 73
DESCRIPTION = """
The chapter's eight fits, in its order and in one random stream (seeded once, as the
notebook): Flatten, Dense(100, relu) and Dense(10, softmax) trained 5 epochs, then 20
epochs (the training loss keeps falling), then 20 epochs watching the validation loss
(it turns up: overfitting), with Adam instead of RMSprop, with Dropout(0.3), with Dropout
for 11 epochs then saved and loaded back (weights alone, and the whole model), with
ModelCheckpoint keeping the best model by val_loss, and finally with
EarlyStopping(patience=2, restore_best_weights=True), which stops after two epochs without
a better val_loss and restores the best weights. The last fit is the headline. The book
prints a validation accuracy of 0.8853 (2nd edition) and 0.8859 (1st), stopping at the
0-based epoch 12 (2nd) and 16 (1st).
"""
NOTEBOOK = True  # seeded once at the top; the eight models built and trained in order in one random stream

_PLAIN = {  # model_fn(): no Dropout, compile()'s default RMSprop, no callbacks
    "model.hidden.0.dropout": 0.0,
    "train.optimizer": "rmsprop",
    "train.early_stopping_patience": None,
    "train.checkpoint": False,
}
_DROPOUT = {"train.early_stopping_patience": None, "train.checkpoint": False}
VARIANTS = {  # the book's fits, in its order
    "fit1_5_epochs": {**_PLAIN, "train.epochs": 5},
    "fit2_20_epochs": dict(_PLAIN),
    "fit3_validation": dict(_PLAIN),  # the book passes validation_data from here on
    "fit4_adam": {**_PLAIN, "train.optimizer": "adam"},
    "fit5_dropout": dict(_DROPOUT),
    "fit6_dropout_11_epochs": {**_DROPOUT, "train.epochs": 11},  # then saved and loaded back
    "fit7_checkpoint": {"train.early_stopping_patience": None},  # ModelCheckpoint, then load_model
    "fit8_early_stopping": {},  # ModelCheckpoint and EarlyStopping: the chapter's last cell
}
PRIMARY = "fit8_early_stopping"
SAVED = "fit6_dropout_11_epochs"
CHECKPOINTED = "fit7_checkpoint"


def get_config():
    config = default_config()
    config.model.hidden[0].dropout = 0.3  # turns 30% of the hidden outputs off while training
    # model_fn(keras.layers.Dropout(0.3)) creates the Dropout before the Dense layers.
    config.model.dropout_created_first = True
    config.train.optimizer = "adam"  # the book's choice from fit 4 on
    config.train.epochs = 20  # an upper bound: early stopping ends the run sooner
    config.train.early_stopping_patience = 2  # stop after two epochs without a better val_loss
    config.train.checkpoint = True  # ModelCheckpoint('best-model.keras', save_best_only=True)
    return config


def run(ctx):
    """The eight fits in order; after fit 6 the save/load round trips, after fit 7 the checkpoint reload."""
    checks = {}
    for variant, config, seed in ctx.fits.each():
        keep = variant in (SAVED, CHECKPOINTED)
        fit = ctx.fits.train(config, variant, seed, keep_model=keep)
        if variant == SAVED:
            checks["saved"] = save_and_load(ctx, fit)
        elif variant == CHECKPOINTED:
            checks["checkpoint"] = reload_checkpoint(ctx, fit)
    page(ctx, checks)


def _val(ctx, config):
    splits = ctx.data.splits(config.data)
    return splits.x_val, splits.y_val


def save_and_load(ctx, fit) -> dict:
    """The book's cells after fit 6: save() and save_weights(), a new model_fn() model with load_weights()
    and the accuracy of its predictions, load_model() and evaluate(); each checked against the model saved."""
    import numpy as np

    from ann_keras import models, training

    keras = training.load_keras()
    x_val, y_val = _val(ctx, fit.config)
    folder = ctx.paths.work_dir(fit.variant, fit.seed)
    whole, weights = folder / "model-whole.keras", folder / "model.weights.h5"
    trained = fit.model
    trained.save(whole)
    trained.save_weights(weights)
    rebuilt = models.build_model(fit.config.model, x_val.shape[1:])  # model_fn(keras.layers.Dropout(0.3))
    rebuilt.load_weights(weights)
    predicted = rebuilt.predict(x_val, verbose=0)
    predict_accuracy = float(np.mean(np.argmax(predicted, axis=-1) == y_val))
    loaded = keras.models.load_model(whole)
    loaded_loss, loaded_accuracy = (float(v) for v in loaded.evaluate(x_val, y_val, verbose=0))
    # The comparisons: the same weights, the same predictions, the same evaluation as the model saved.
    same_weights = all(
        np.array_equal(a, b) and np.array_equal(a, c)
        for a, b, c in zip(trained.get_weights(), rebuilt.get_weights(), loaded.get_weights())
    )
    original = trained.predict(x_val, verbose=0)
    trained_loss, trained_accuracy = (float(v) for v in trained.evaluate(x_val, y_val, verbose=0))
    return {
        "predict_accuracy": predict_accuracy,
        "original_predict_accuracy": float(np.mean(np.argmax(original, axis=-1) == y_val)),
        "predictions_equal": bool(np.array_equal(predicted, original)),
        "loaded_val_loss": loaded_loss,
        "loaded_val_accuracy": loaded_accuracy,
        "trained_val_loss": trained_loss,
        "trained_val_accuracy": trained_accuracy,
        "evaluate_equal": loaded_loss == trained_loss and loaded_accuracy == trained_accuracy,
        "weights_equal": bool(same_weights),
    }


def reload_checkpoint(ctx, fit) -> dict:
    """The book's cell after fit 7: load_model('best-model.keras') and evaluate() on the validation set."""
    from ann_keras import evaluation, training

    keras = training.load_keras()
    x_val, y_val = _val(ctx, fit.config)
    best = keras.models.load_model(ctx.paths.work_dir(fit.variant, fit.seed) / "best-model.keras")
    loss, accuracy = (float(v) for v in best.evaluate(x_val, y_val, verbose=0))
    epoch = evaluation.best_epoch(fit.history["val_loss"], "val_loss")
    return {
        "best_epoch": int(epoch),
        "loaded_val_loss": loss,
        "loaded_val_accuracy": accuracy,
        "history_val_loss": float(fit.history["val_loss"][epoch - 1]),
        "history_val_accuracy": float(fit.history["val_accuracy"][epoch - 1]),
    }


def page(ctx, checks: dict) -> None:
    """One section per fit with its figure, then the remedies overlaid."""
    import pandas as pd

    fits = {fit.variant: fit for fit in ctx.fits.done}
    rows = []
    for fit in ctx.fits.done:
        for epoch, values in enumerate(zip(*(fit.history[k] for k in ("loss", "val_loss"))), 1):
            rows.append({"variant": fit.variant, "epoch": epoch, "curve": "train", "loss": values[0]})
            rows.append({"variant": fit.variant, "epoch": epoch, "curve": "val", "loss": values[1]})
    curves = ctx.page.save_table("loss_curves", pd.DataFrame(rows))
    steps = {
        "fit1_5_epochs": (
            "Fit 1: 5 epochs",
            "model_fn() compiled with compile()'s defaults (RMSprop) and trained 5 epochs: the training loss "
            "falls every epoch.",
            ["train"],
        ),
        "fit2_20_epochs": (
            "Fit 2: 20 epochs",
            "A new model trained 20 epochs: the training loss goes on falling, which says nothing yet about "
            "images the model has not seen.",
            ["train"],
        ),
        "fit3_validation": (
            "Fit 3: the validation loss (overfitting)",
            "The same, watching the validation loss: it falls for a few epochs and then rises while the "
            "training loss keeps falling. The model fits the training images more and new ones less.",
            ["train", "val"],
        ),
        "fit4_adam": (
            "Fit 4: Adam",
            "Adam instead of RMSprop, 20 epochs.",
            ["train", "val"],
        ),
        "fit5_dropout": (
            "Fit 5: Dropout(0.3)",
            "A Dropout(0.3) layer after the hidden layer, Adam, 20 epochs.",
            ["train", "val"],
        ),
        SAVED: (
            "Fit 6: Dropout, 11 epochs, saved and loaded back",
            "Dropout(0.3), Adam, 11 epochs; then save() and save_weights(), a new model with load_weights() "
            "and load_model(). The table below compares both with the model they came from.",
            ["train", "val"],
        ),
        CHECKPOINTED: (
            "Fit 7: ModelCheckpoint",
            "Dropout(0.3), Adam, 20 epochs, ModelCheckpoint(save_best_only=True) keeping the model of the "
            "lowest val_loss; then load_model() of that file and evaluate() on the validation set.",
            ["train", "val"],
        ),
        "fit8_early_stopping": (
            "Fit 8: EarlyStopping",
            "ModelCheckpoint and EarlyStopping(patience=2, restore_best_weights=True): training stops two "
            "epochs after the lowest val_loss and the weights of that epoch are restored.",
            ["train", "val"],
        ),
    }
    for variant, (title, text, shown) in steps.items():
        fit = fits.get(variant)
        if fit is None:  # left out by --only
            continue
        m = fit.metrics
        facts = f"Last epoch: loss {fit.history['loss'][-1]:.4f}, accuracy {fit.history['accuracy'][-1]:.4f}"
        if "val" in shown:
            facts += (
                f"; val_loss {fit.history['val_loss'][-1]:.4f}, val_accuracy "
                f"{fit.history['val_accuracy'][-1]:.4f}"
            )
        if variant == "fit8_early_stopping":
            stopped = m["epochs_run"] - 1 if m.get("stopped_early") else 0
            val_accuracy = m.get("val_accuracy", float("nan"))
            facts += (
                f". Ran {m['epochs_run']} epochs (stopped_epoch {stopped}, counted from 0); the restored "
                f"weights are epoch {m['evaluated_epoch']}'s: val_accuracy {val_accuracy:.4f}"
            )
        ctx.page.add_figure(
            f"curves_{variant}",
            "lines",
            curves,
            where={"variant": variant, "curve": shown},
            x="epoch",
            y="loss",
            group="curve",
            markers=True,
            xlabel="epoch",
            ylabel="loss",
            title=title,
            caption=f"{text} {facts}.",
        )
        if variant == SAVED and "saved" in checks:
            c = checks["saved"]
            table = pd.DataFrame(
                [
                    ["the trained model: evaluate()", c["trained_val_accuracy"], c["trained_val_loss"], "-"],
                    [
                        "load_weights() + predict(): accuracy",
                        c["predict_accuracy"],
                        None,
                        "yes" if c["predictions_equal"] and c["weights_equal"] else "NO",
                    ],
                    [
                        "load_model() + evaluate()",
                        c["loaded_val_accuracy"],
                        c["loaded_val_loss"],
                        "yes" if c["evaluate_equal"] and c["weights_equal"] else "NO",
                    ],
                ],
                columns=["model", "val_accuracy", "val_loss", "identical to the trained model"],
            )
            ctx.page.add_table(
                "save_and_load",
                table,
                "Fit 6: saved and loaded back",
                decimals=10,
                caption="Identical: every weight array equal and the predictions (or the evaluation) equal "
                "to the last digit.",
            )
            ctx.page.add_facts(
                round_trip_identical=bool(
                    c["weights_equal"] and c["predictions_equal"] and c["evaluate_equal"]
                ),
                load_weights_predict_accuracy=c["predict_accuracy"],
                load_model_val_accuracy=c["loaded_val_accuracy"],
            )
        if variant == CHECKPOINTED and "checkpoint" in checks:
            c = checks["checkpoint"]
            table = pd.DataFrame(
                [
                    [
                        f"history at epoch {c['best_epoch']} (lowest val_loss)",
                        c["history_val_accuracy"],
                        c["history_val_loss"],
                    ],
                    [
                        "load_model('best-model.keras') + evaluate()",
                        c["loaded_val_accuracy"],
                        c["loaded_val_loss"],
                    ],
                ],
                columns=["model", "val_accuracy", "val_loss"],
            )
            ctx.page.add_table("checkpoint_reload", table, "Fit 7: the checkpoint loaded back", decimals=10)
            ctx.page.add_facts(
                checkpoint_val_accuracy=c["loaded_val_accuracy"], checkpoint_epoch=c["best_epoch"]
            )
    remedies = [
        v for v in ("fit3_validation", "fit4_adam", "fit5_dropout", "fit8_early_stopping") if v in fits
    ]
    if remedies:
        ctx.page.add_figure(
            "remedies",
            "lines",
            curves,
            where={"variant": remedies, "curve": "val"},
            x="epoch",
            y="loss",
            group="variant",
            markers=True,
            xlabel="epoch",
            ylabel="val_loss",
            title="The overfitting curve and each remedy",
            caption="Validation loss of fit 3 (RMSprop, overfitting), fit 4 (Adam), fit 5 (Adam + Dropout) "
            "and fit 8 (Adam + Dropout, stopped early).",
        )


if (
    __name__ == "__main__"
):  # python experiments/hg7_3_dropout_early_stopping.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the books print for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the book's notebook cells run unchanged on this project's CPU (the eighth fit of the notebook).
BOOK_NUMBERS = [
    {
        "metric": "val_accuracy",
        "variant": "fit6_dropout_11_epochs",
        "cell": "Dropout(0.3), 11 epochs, saved and loaded again: model.evaluate(val_scaled, val_target)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8829},
            {"edition": "1st", "keras": "3.4", "value": 0.8780},
        ],
        "here": [0.8842499852180481],
    },
    {
        "metric": "val_accuracy",
        "cell": "the early-stopped model: model.evaluate(val_scaled, val_target)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8853},
            {"edition": "1st", "keras": "3.4", "value": 0.8859},
        ],
        "here": [0.8832499980926514],
    },
    {
        "metric": "stopped_epoch",
        "cell": "EarlyStopping(patience=2, restore_best_weights=True): stopped_epoch (0-based)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 12},
            {"edition": "1st", "keras": "3.4", "value": 16},
        ],
        "here": [15],
    },
]
