"""핸즈온 10.3's search space as the book writes it (cells 156 and 163 of 10_neural_nets_with_keras.ipynb), as
data for `SEARCH_SPACE` (no Keras).

    n_hidden = hp.Int("n_hidden", min_value=0, max_value=8, default=2)
    n_neurons = hp.Int("n_neurons", min_value=16, max_value=256)
    learning_rate = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2, sampling="log")
    optimizer = hp.Choice("optimizer", values=["sgd", "adam"])

Where the book gives no default, none is given here either (keras-tuner then takes the minimum,
or the first value). The order is the book's: keras-tuner draws the values of a trial in the
order they are declared.
"""

from __future__ import annotations

HANDSON_10_3 = [
    {"name": "n_hidden", "type": "int", "min": 0, "max": 8, "default": 2, "config_key": "model.hidden"},
    {
        "name": "n_neurons",
        "type": "int",
        "min": 16,
        "max": 256,
        "config_key": "model.hidden.*.units",
    },
    {
        "name": "learning_rate",
        "type": "float",
        "min": 1e-4,
        "max": 1e-2,
        "sampling": "log",
        "config_key": "train.learning_rate",
    },
    {
        "name": "optimizer",
        "type": "choice",
        "values": ["sgd", "adam"],
        "config_key": "train.optimizer",
    },
]

# MyClassificationHyperModel.fit: `if hp.Boolean("normalize")`, a Normalization layer adapted on the
# training images. Declared with the others (after them, where the book's fit meets it), so that every
# trial really draws it; the book creates it inside fit, after the oracle has drawn the trial, so its
# first trials keep the default (False). True here standardizes the inputs with the training images'
# mean and standard deviation, for training, validation and test alike.
NORMALIZE = {
    "name": "normalize",
    "type": "boolean",
    "default": False,
    "config_key": "data.scaling",
    "config_values": ["raw", "standardize"],
}

HANDSON_10_3_NORMALIZING = [*HANDSON_10_3, NORMALIZE]
