"""핸즈온 10.3: the book's Hyperband search with a HyperModel that may normalize the inputs."""

from ann_keras.config import default_config
from ann_keras.tuning.book_spaces import HANDSON_10_3_NORMALIZING

TITLE = "The book's Hyperband, normalizing or not"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10.3 신경망 하이퍼파라미터 튜닝하기"
BOOK = "핸즈온 10.3"
ORDER = 201
DESCRIPTION = """
The book's second search (cells 163-165): kt.Hyperband(MyClassificationHyperModel(),
objective="val_accuracy", seed=42, max_epochs=10, factor=3, hyperband_iterations=2), searched with
EarlyStopping(patience=2) on the 55,000 / 5,000 split of raw pixels. Its HyperModel builds the
model of the RandomSearch and, in fit, adapts a Normalization layer to the training images and
applies it when hp.Boolean("normalize") is true. The book's version has two quirks: the Boolean is
first created inside fit, after keras-tuner has drawn the trial's values, so the first trials keep
its default (False) instead of drawing it; and it normalizes the training images only, while the
validation images reach the model raw. Here `normalize` is declared with the other
hyperparameters, so every trial draws it, and true standardizes training, validation and test
images alike with the training images' mean and standard deviation. The book prints best
val_accuracy 0.8704 after 60 trials and tests no model of this search; here the best trial's model
is evaluated once on the test images, as the search left it.
"""

# The RandomSearch's space and the HyperModel's `normalize` (ann_keras/tuning/book_spaces.py).
SEARCH_SPACE = HANDSON_10_3_NORMALIZING

# No max_trials: Hyperband's own schedule (max_epochs=10, factor=3, two iterations) sets the trials.
TUNING = {
    "tuner": "hyperband",
    "max_trials": None,
    "epochs": 10,
    "objective": "val_accuracy",
    "refit": "best_model",
    "options": {"hyperband_iterations": 2, "factor": 3},
}


def get_config():
    config = default_config()
    config.data.split = "tail"  # X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000
    config.data.scaling = "raw"  # the searched `normalize` switches this to standardize
    config.train.epochs = 10  # max_epochs=10
    config.train.early_stopping_patience = 2  # EarlyStopping(patience=2): val_loss, weights not restored
    config.train.restore_best_weights = False
    return config


if __name__ == "__main__":  # python experiments/hml10_3_hyperband.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the book prints for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
BOOK_NUMBERS = [
    {
        "metric": "search_score",
        "cell": "hyperband_tuner.search(...): best val_accuracy so far after 60 trials",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8704}],
    },
]
