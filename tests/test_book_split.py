"""핸즈온 10's split: the last `validation_size` training images validate (X_train_full[:-5000])."""

import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from ann_keras import config as cfg
from ann_keras import data
from ann_keras.errors import UserError


def test_tail_split_is_the_books_slices():
    config = cfg.apply_overrides(
        cfg.default_config(),
        {"data.dataset": "synthetic", "data.split": "tail", "data.validation_size": "500"},
    )
    splits = data.load_splits(config.data)
    images, labels = data.synthetic(6000, seed=0)
    np.testing.assert_array_equal(splits.y_train, labels[:-500])
    np.testing.assert_array_equal(splits.y_val, labels[-500:])
    np.testing.assert_array_equal(splits.x_val, images[-500:].astype(np.float32) / 255.0)


def test_a_count_in_train_test_split_is_sklearns_count():
    config = cfg.apply_overrides(
        cfg.default_config(), {"data.dataset": "synthetic", "data.validation_size": "700"}
    )
    splits = data.load_splits(config.data)
    images, labels = data.synthetic(6000, seed=0)
    _, _, y_train, y_val = train_test_split(images, labels, test_size=700, random_state=42)
    np.testing.assert_array_equal(splits.y_val, y_val)
    np.testing.assert_array_equal(splits.y_train, y_train)


def test_the_default_split_is_unchanged():
    splits = data.load_splits(cfg.apply_overrides(cfg.default_config(), {"data.dataset": "synthetic"}).data)
    assert (len(splits.y_train), len(splits.y_val)) == (4800, 1200)


@pytest.mark.parametrize("value", ["0", "60000", "2.5", "-3"])
def test_bad_validation_sizes_are_refused_before_data(value):
    with pytest.raises(UserError, match="data.validation_size"):
        cfg.apply_overrides(cfg.default_config(), {"data.validation_size": value})


def test_a_count_larger_than_the_synthetic_set_is_refused():
    with pytest.raises(UserError, match="5,999"):
        cfg.apply_overrides(
            cfg.default_config(), {"data.dataset": "synthetic", "data.validation_size": "6000"}
        )


def test_unknown_split_is_refused():
    with pytest.raises(UserError, match="train_test_split, tail"):
        cfg.apply_overrides(cfg.default_config(), {"data.split": "head"})


@pytest.mark.parametrize("name", ["hml10_sequential", "hml10_apis", "hml10_callbacks"])
def test_handson_experiments_use_55000_5000(name):
    from ann_keras.pipeline.experiments import get_experiment

    config = get_experiment(name).get_config()
    assert config.data.split == "tail" and cfg.validation_count(config.data, 60_000) == 5000
