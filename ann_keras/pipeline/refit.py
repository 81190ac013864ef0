"""`train.refit_full`: after the run on the split, a fresh model on train + validation, tested once.

핸즈온 10.3 retrains its search's best model on the whole training set: once validation
has chosen everything (the hyperparameters and the number of epochs), the 12,000
validation images are more training data. Here the run on the split chooses the number of
epochs (the epoch whose weights it would have evaluated: the best one under EarlyStopping
with restore_best_weights, else the epochs it ran); a fresh model from the same seed then
trains on all 60,000 images (the split's subsets when `data.train_samples` / `val_samples`
shrink it) for exactly that many epochs, with no validation and no early stopping, and it
is the model the test set sees. The learning-rate schedule spans the refit's own updates.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from ann_keras import config as cfg
from ann_keras.data import Splits


def full_training_set(splits: Splits) -> Splits:
    """Training and validation images as one training set (already scaled alike), no validation."""
    return Splits(
        np.concatenate([splits.x_train, splits.x_val]),
        np.concatenate([splits.y_train, splits.y_val]),
        None,
        None,
        splits.scaler,
    )


def without_refit(config: cfg.Config) -> cfg.Config:
    """The same config with `train.refit_full` off: the run on the split alone."""
    return dataclasses.replace(config, train=dataclasses.replace(config.train, refit_full=False))


def refit_config(config: cfg.Config, epochs: int) -> cfg.Config:
    """The split run's config for the refit: `epochs` epochs, nothing that watches validation."""
    train = dataclasses.replace(
        config.train,
        epochs=epochs,
        early_stopping_patience=None,
        checkpoint=False,
        monitor="loss",
        refit_full=False,
    )
    return dataclasses.replace(config, train=train)


def train_full(
    config: cfg.Config,
    seed: int,
    splits: Splits,
    epochs: int,
    work_dir: Path,
    label: str = "train",
    verbose: bool = True,
):
    """A fresh model, seeded like the split run's, trained on train + validation for `epochs` epochs.

    Returns:
        (the trained Keras model, what metrics.json adds: refit_samples, refit_epochs, refit_loss,
        refit_accuracy, refit_train_time_s).
    """
    from ann_keras import models, training

    keras = training.load_keras()
    keras.backend.clear_session()
    training.seed_everything(seed, config.train.deterministic)
    full = full_training_set(splits)
    refit = refit_config(config, epochs)
    model = models.build_model(refit.model, full.input_shape)
    training.compile_model(model, refit.train, len(full.x_train))
    history = training.fit(
        model,
        full,
        refit,
        work_dir,
        callbacks=[keras.callbacks.TerminateOnNaN()],
        label=f"{label} refit on {len(full.x_train):,}",
        verbose=verbose,
        resumable=True,
    )
    seconds = history.get("epoch_seconds", [])
    return model, {
        "refit_full": True,
        "refit_samples": int(len(full.x_train)),
        "refit_epochs": len(history.get("loss", [])),
        "refit_loss": history["loss"][-1] if history.get("loss") else None,
        "refit_accuracy": history["accuracy"][-1] if history.get("accuracy") else None,
        "refit_train_time_s": float(sum(seconds)),
    }
