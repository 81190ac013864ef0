"""One fit, end to end: config -> data -> model -> fit -> evaluate once on test -> its result files.

Keras is imported when a model is trained, not when this module is.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ann_keras import config as cfg
from ann_keras import evaluation, files
from ann_keras.data import CLASS_NAMES, DataCache

MISCLASSIFIED_KEPT = 48  # images kept for the page's grid of mistakes
FIT_FILES = ("metrics.json", "history.csv", "model.json", "predictions.csv", "misclassified.npz")


@dataclasses.dataclass
class Fit:
    """One trained and evaluated model: a (variant, seed) pair."""

    variant: str
    seed: int
    config: cfg.Config
    metrics: dict
    history: dict[str, list[float]]
    path: Path
    model: Any = None


def train_and_evaluate(
    config: cfg.Config,
    variant: str,
    seed: int,
    data: DataCache,
    path: Path,
    work_dir: Path,
    callbacks: Sequence = (),
    label: str = "train",
    verbose: bool = True,
    keep_model: bool = False,
    seed_now: bool = True,
    split: Fit | None = None,
) -> Fit:
    """Seed, build, compile, fit on train/validation (resumable), evaluate once on test, write the files.

    Args:
        config: the resolved config of this fit.
        variant, seed: which fit this is.
        data: where the splits come from.
        path: the fit's result folder; work_dir: its checkpoints and backup.
        callbacks: more Keras callbacks for `fit` (recorders, timers).
        label: how progress lines name this fit.
        keep_model: keep the trained Keras model on the returned Fit.
        seed_now: clear Keras' session and seed before building; False in a notebook sequence after
            its start, where the random stream runs on from the models before.
        split: with `train.refit_full`, an earlier fit of the same config without the refit and the
            same seed: its run on the split (the same numbers) is taken instead of training it again.
    Returns:
        The Fit, its files written (metrics.json last: its presence marks the fit finished).
    """
    from ann_keras import models, training

    keras = training.load_keras()
    if seed_now:
        keras.backend.clear_session()
        training.seed_everything(seed, config.train.deterministic)
    splits = data.splits(config.data)
    if split is not None and config.train.refit_full:  # the run on the split is `split`'s (pipeline/refit.py)
        history = split.history
    else:
        model = models.build_model(config.model, splits.input_shape)
        training.compile_model(model, config.train, len(splits.x_train))
        history = training.fit(
            model,
            splits,
            config,
            work_dir,
            callbacks=[keras.callbacks.TerminateOnNaN(), *callbacks],
            label=label,
            verbose=verbose,
            resumable=True,
        )
    t = config.train
    summary = evaluation.training_summary(
        history, t.epochs, t.monitor, t.early_stopping_patience is not None, t.restore_best_weights
    )
    refitted: dict = {}
    if t.refit_full and not summary["diverged"]:  # the test sees the refit model only (pipeline/refit.py)
        from ann_keras.pipeline import refit

        model, refitted = refit.train_full(
            config, seed, splits, summary["evaluated_epoch"], work_dir / "refit", label, verbose
        )
    return test_and_write(
        model, config, history, splits, data, path, variant, seed, keep_model, refitted, summary
    )


def test_and_write(
    model: Any,
    config: cfg.Config,
    history: dict[str, list[float]],
    splits: Any,
    data: DataCache,
    path: Path,
    variant: str,
    seed: int,
    keep_model: bool = False,
    refitted: dict | None = None,
    summary: dict | None = None,
) -> Fit:
    """Evaluate a trained model once on test and write the fit's files (metrics.json last).

    `refitted`: what `refit.train_full` says of a model trained again on train + validation
    (`model` is then that one); its training time counts in train_time_s. `summary`: the history's
    `evaluation.training_summary` when the caller has it already.
    """
    from ann_keras import models, training

    keras = training.load_keras()
    refitted = refitted or {}
    t = config.train
    if summary is None:
        summary = evaluation.training_summary(
            history, t.epochs, t.monitor, t.early_stopping_patience is not None, t.restore_best_weights
        )
    x_test, y_test, raw_test = data.test_set(config.data, splits.scaler)
    probabilities = training.predict(model, x_test)
    metrics = evaluation.evaluate(probabilities, y_test, CLASS_NAMES)
    metrics.update(summary, **refitted)
    epoch_seconds = history.get("epoch_seconds", [])
    metrics.update(
        params=int(model.count_params()),
        train_time_s=float(sum(epoch_seconds)) + refitted.get("refit_train_time_s", 0.0),
        seconds_per_epoch=float(np.mean(epoch_seconds)) if epoch_seconds else None,
        learning_rate=float(keras.ops.convert_to_numpy(model.optimizer.learning_rate)),
    )
    write_fit(
        path,
        config,
        metrics,
        history,
        models.describe(model, splits.input_shape),
        probabilities,
        y_test,
        raw_test,
    )
    return Fit(variant, seed, config, metrics, history, path, model if keep_model else None)


def write_fit(
    path: Path,
    config: cfg.Config,
    metrics: dict,
    history: dict,
    model_info: dict,
    probabilities: np.ndarray,
    y_test: np.ndarray,
    raw_test: np.ndarray,
) -> None:
    """history.csv, config.json, model.json, predictions.csv, misclassified.npz, then metrics.json."""
    frame = pd.DataFrame(history)
    frame.insert(0, "epoch", range(1, len(frame) + 1))
    files.write_csv(path / "history.csv", frame)
    files.write_json(path / "config.json", cfg.to_dict(config))
    files.write_json(path / "model.json", model_info)
    y_pred = probabilities.argmax(axis=1)
    confidence = probabilities.max(axis=1)
    predictions = pd.DataFrame(
        {
            "index": np.arange(len(y_test)),
            "true": y_test,
            "predicted": y_pred,
            "confidence": confidence.round(6),
        }
    )
    files.write_csv(path / "predictions.csv", predictions)
    wrong = np.flatnonzero(y_pred != y_test)[:MISCLASSIFIED_KEPT]
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        indices=wrong,
        images=raw_test[wrong],
        true=y_test[wrong],
        predicted=y_pred[wrong],
        confidence=confidence[wrong],
    )
    files.write_bytes(path / "misclassified.npz", buffer.getvalue())
    files.write_json(path / "metrics.json", metrics)


def load_fit(path: Path, variant: str, seed: int, config: cfg.Config) -> Fit:
    """A fit finished by an earlier, stopped run of the same configuration."""
    metrics = files.read_json(path / "metrics.json")
    history = pd.read_csv(path / "history.csv").drop(columns="epoch").to_dict(orient="list")
    return Fit(variant, seed, config, metrics, history, path)
