"""ann_keras: the Fashion-MNIST experiments of 혼공머신 ch.7 and 핸즈온 ch.10, in Keras 3.

    import ann_keras as ak
    config = ak.experiment_config("hg7_3_dropout_early_stopping", **{"train.epochs": 5})
    result = ak.run(config, name="dropout_5_epochs")
    result.metrics["test_accuracy"], result.history, result.model, result.page

The stages, one folder or module each: `data` (Fashion-MNIST in, validated, split),
`models` (the one builder), `training` (compile and fit, the fused trainer),
`evaluation` (scikit-learn metrics, no Keras), `pipeline` (experiments run end to end),
`tuning` (keras-tuner), `report` (pages from result files, no Keras). Importing the
package imports no Keras; the functions below load it when something trains.
"""

__version__ = "0.2.0"

from ann_keras.api import (  # noqa: E402
    Result,
    compare,
    default_config,
    experiment_config,
    fidelity,
    keras_code,
    list_experiments,
    report,
    run,
    run_experiment,
    tune,
)
from ann_keras.errors import UserError  # noqa: E402

__all__ = [
    "Result",
    "UserError",
    "__version__",
    "compare",
    "default_config",
    "experiment_config",
    "fidelity",
    "keras_code",
    "list_experiments",
    "report",
    "run",
    "run_experiment",
    "tune",
]
