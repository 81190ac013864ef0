"""keras-tuner searches over an experiment's SEARCH_SPACE (`ann-keras tune NAME`, `ak.tune(NAME)`).

space       the declared search space, mapped onto config keys (no Keras)
plan        a search checked and resolved before anything starts; its folder (no Keras)
hypermodel  the HyperModel over the one model builder, the tuners, progress lines
workers     keras-tuner's chief and worker processes
trials      the trials table from the tuner folder (no Keras)
search      the command: search, retrain the best, test it once, write the files
"""

from ann_keras.tuning.plan import DEFAULTS, TUNERS, TuneSettings, search_space
from ann_keras.tuning.search import search_and_retrain, tune
from ann_keras.tuning.space import SearchSpace, parse
from ann_keras.tuning.trials import load_trials

__all__ = [
    "DEFAULTS",
    "TUNERS",
    "SearchSpace",
    "TuneSettings",
    "load_trials",
    "parse",
    "search_and_retrain",
    "search_space",
    "tune",
]
