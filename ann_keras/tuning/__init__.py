"""keras-tuner searches over an experiment's SEARCH_SPACE (`ann-keras tune NAME`).

    from ann_keras import registry, tuning
    path = tuning.tune(registry.get_experiment("hml10_3_tuning"), {"data.train_samples": 6000},
                       settings=tuning.TuneSettings(tuner="bayesian", max_trials=5))
    trials = tuning.load_trials(path)          # trials.csv as a pandas DataFrame

Modules: `space` (the declared search space, no Keras), `trials` (trial table from the tuner
folder, no Keras), `search` (HyperModel, tuners, chief and workers), `pipeline` (the command).
"""

from ann_keras.tuning.pipeline import DEFAULTS, TUNERS, TuneSettings, search_and_retrain, search_space, tune
from ann_keras.tuning.space import SearchSpace, parse
from ann_keras.tuning.trials import load_trials

__all__ = ["DEFAULTS", "TUNERS", "SearchSpace", "TuneSettings", "load_trials", "parse", "search_and_retrain", "search_space", "tune"]
