"""핸즈온 10.3: the book's BayesianOptimization search."""

from ann_keras.config import default_config
from ann_keras.tuning.book_spaces import HANDSON_10_3_NORMALIZING

TITLE = "The book's BayesianOptimization (10 trials)"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10.3 신경망 하이퍼파라미터 튜닝하기"
BOOK = "핸즈온 10.3"
ORDER = 202
DESCRIPTION = """
The book's third search (cell 166): kt.BayesianOptimization(MyClassificationHyperModel(),
objective="val_accuracy", seed=42, max_trials=10, alpha=1e-4, beta=2.6), searched for up to 10
epochs a trial with EarlyStopping(patience=2) on the 55,000 / 5,000 split of raw pixels. The
HyperModel and its `normalize` are those of the Hyperband search (declared with the other
hyperparameters here, so every trial draws it). keras-tuner draws its first points at random, 3 per
hyperparameter unless told otherwise (num_initial_points, which the book leaves unset), before a
Gaussian process chooses: 15 here, 12 in the book (its `normalize` joins the space late), both more
than the 10 trials, so in the book as here every trial of this search is drawn at random. The book
prints best val_accuracy 0.8636 and tests no model of this search; here the best trial's model is
evaluated once on the test images, as the search left it.
"""

SEARCH_SPACE = HANDSON_10_3_NORMALIZING

TUNING = {
    "tuner": "bayesian",
    "max_trials": 10,
    "epochs": 10,
    "objective": "val_accuracy",
    "refit": "best_model",
    "options": {"alpha": 1e-4, "beta": 2.6, "num_initial_points": None},
}


def get_config():
    config = default_config()
    config.data.split = "tail"  # X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000
    config.data.scaling = "raw"  # the searched `normalize` switches this to standardize
    config.train.epochs = 10  # search(epochs=10)
    config.train.early_stopping_patience = 2  # EarlyStopping(patience=2): val_loss, weights not restored
    config.train.restore_best_weights = False
    return config


if __name__ == "__main__":  # python experiments/hml10_3_bayesian.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the book prints for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
BOOK_NUMBERS = [
    {
        "metric": "search_score",
        "cell": "bayesian_opt_tuner.search(...): best val_accuracy of 10 trials",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8636}],
    },
]
