"""Learning-rate schedules, label smoothing, weight decay and refit_full (train.*), and their bad values.

The fused trainer is held against `model.fit` with each of them (identical weights from the same
batches), the schedules against their arithmetic, the smoothed loss against NumPy, and refit_full
against the count of its updates. No timings here.
"""

import importlib.util
import math

import numpy as np
import pytest

from ann_keras import config as cfg
from ann_keras import data

keras = pytest.importorskip("keras")

from ann_keras import models, training  # noqa: E402
from ann_keras.training import fused  # noqa: E402

HAS_JAX = importlib.util.find_spec("jax") is not None

# Each recipe: train.* overrides on 혼공머신 7-3's model (Dropout(0.3), Adam).
RECIPES = {
    "cosine_with_warmup": {"lr_schedule": "cosine", "warmup_epochs": 0.5},
    "label_smoothing": {"label_smoothing": 0.1},
    "adamw_weight_decay": {"optimizer": "adamw", "weight_decay": 0.1},
    "all_three": {
        "optimizer": "adamw",
        "weight_decay": 1e-2,
        "lr_schedule": "cosine",
        "warmup_epochs": 0.5,
        "label_smoothing": 0.1,
    },
}
EPOCHS, BATCH = 3, 32


def small_splits(train=200, val=100):
    return data.load_splits(cfg.DataConfig(dataset="synthetic", train_samples=train, val_samples=val))


def recipe_config(recipe: dict) -> cfg.Config:
    config = cfg.default_config()
    config.model.hidden[0].dropout = 0.3
    config.train.optimizer = "adam"
    config.train.epochs = EPOCHS
    config.train.shuffle = False  # the same batches on both sides (shuffled order: training/fused.py)
    for key, value in recipe.items():
        setattr(config.train, key, value)
    cfg.validate(config)
    return config


def train_both(recipe: dict, splits):
    """The same model trained by model.fit and by the fused trainer, from the same seed."""
    config = recipe_config(recipe)
    out = []
    for train in (keras.Model.fit, fused.fit):
        training.seed_everything(7)
        model = models.build_model(config.model, (28, 28))
        training.compile_model(model, config.train, len(splits.x_train))
        history = train(
            model,
            splits.x_train,
            splits.y_train,
            batch_size=BATCH,
            epochs=EPOCHS,
            validation_data=(splits.x_val, splits.y_val),
            shuffle=False,
            **({"verbose": 0} if train is keras.Model.fit else {}),
        )
        out.append((model, history.history))
    return out


@pytest.mark.parametrize("name", list(RECIPES))
def test_fused_trainer_equals_fit_with_each_recipe(name):
    splits = small_splits()
    (fit_model, fit_history), (fast_model, fast_history) = train_both(RECIPES[name], splits)
    updates = EPOCHS * math.ceil(len(splits.x_train) / BATCH)
    assert (
        int(fast_model.optimizer.iterations.numpy()) == int(fit_model.optimizer.iterations.numpy()) == updates
    )
    for key in fit_history:
        np.testing.assert_allclose(fast_history[key], fit_history[key], rtol=1e-5)
    for a, b in zip(fit_model.get_weights(), fast_model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    # The recipe changed the training: the plain 7-3 model ends elsewhere.
    (_, _), (plain, _) = train_both({}, splits)
    assert max(np.abs(a - b).max() for a, b in zip(plain.get_weights(), fast_model.get_weights())) > 1e-4
