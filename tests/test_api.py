"""The README's "From Python or a notebook" snippet, as a user types it."""

from __future__ import annotations

import numpy as np
import pytest

import ann_keras as ak


def test_run_trains_evaluates_and_returns_what_the_readme_promises(real_data_dir, tmp_path):
    overrides = {
        "train.epochs": 2,
        "data.train_samples": 600,
        "data.val_samples": 200,
        "data.test_samples": 300,
    }
    config = ak.experiment_config("hg7_3_dropout_early_stopping", **overrides)
    result = ak.run(config, name="dropout_2_epochs", results_dir=tmp_path / "results", verbose=False)

    assert list(result.history["epoch"]) == [1, 2]
    assert (tmp_path / "results" / "dropout_2_epochs" / "report.html").is_file()
    # The run imported the report stage, ann_keras.report, which Python then sets as ak.report:
    # ak.report() still rebuilds the pages.
    assert ak.report(tmp_path / "results", quiet=True) == tmp_path / "results" / "index.html"
    # the returned model is the one that was tested: scikit-learn's accuracy of its predictions
    from sklearn.metrics import accuracy_score

    from ann_keras import data

    splits = data.load_splits(config.data, data_dir=real_data_dir)
    x_test, y_test, _ = data.load_test(config.data, splits.scaler, data_dir=real_data_dir)
    predicted = np.argmax(result.model.predict(x_test, verbose=0), axis=1)
    assert result.metrics["test_accuracy"] == pytest.approx(accuracy_score(y_test, predicted), abs=1e-4)


def test_a_mistake_raises_the_one_line_error_the_command_line_prints():
    with pytest.raises(ak.UserError, match="did you mean train.epochs"):
        ak.experiment_config("hg7_3_dropout_early_stopping", **{"train.epoch": 5})
    config = ak.experiment_config("hg7_3_dropout_early_stopping", **{"model.output_activation": "nosuch"})
    with pytest.raises(ak.UserError, match="Keras has no activation 'nosuch'"):
        ak.run(config, name="x")
