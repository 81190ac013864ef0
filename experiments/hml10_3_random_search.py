"""핸즈온 10.3: the book's RandomSearch, exactly as its cells run it."""

from ann_keras.config import default_config
from ann_keras.tuning.book_spaces import HANDSON_10_3

TITLE = "The book's RandomSearch (5 trials of 10 epochs on raw pixels)"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10.3 신경망 하이퍼파라미터 튜닝하기"
BOOK = "핸즈온 10.3"
ORDER = 200
DESCRIPTION = """
The book's first search (cells 156-162): kt.RandomSearch(build_model, objective="val_accuracy",
max_trials=5, seed=42) over 0-8 hidden layers of 16-256 ReLU neurons, a learning rate from 1e-4 to
1e-2 on a log scale and SGD or Adam; each trial trains 10 epochs on the first 55,000 training images
with their raw 0-255 pixels (the book reloads the data without dividing by 255) and is scored by its
best val_accuracy on the last 5,000. The best trial's model, with the weights of its best epoch, is
then trained on for 10 more epochs over all 60,000 training images (best_model.fit(X_train_full,
y_train_full, epochs=10)) and evaluated once on the 10,000 test images. The book prints
val_accuracy 0.8736 for its best trial and test accuracy 0.8753. One difference: every trial's model
starts from seed 42 here; under Keras 3 the book's tf.random.set_seed(42) leaves the initial weights
unseeded, so the book's own cells give other numbers on every run.
"""

# The book's space, as its build_model(hp) declares it (ann_keras/tuning/book_spaces.py).
SEARCH_SPACE = HANDSON_10_3

# RandomSearch(max_trials=5, seed=42); search(X_train, y_train, epochs=10, validation_data=...);
# then get_best_models()[0].fit(X_train_full, y_train_full, epochs=10) and evaluate(X_test, y_test).
TUNING = {
    "tuner": "random",
    "max_trials": 5,
    "epochs": 10,
    "objective": "val_accuracy",
    "refit": "continue_on_all",
}


def get_config():
    config = default_config()
    config.data.split = "tail"  # X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000
    config.data.scaling = "raw"  # the book reloads the images for its search: 0-255, not / 255
    config.train.epochs = 10  # search(epochs=10) and best_model.fit(..., epochs=10)
    return config


if __name__ == "__main__":  # python experiments/hml10_3_random_search.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the book prints for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the book's cells run unchanged on this project's CPU (one draw: the models are unseeded there).
BOOK_NUMBERS = [
    {
        "metric": "search_score",
        "cell": "random_search_tuner.search(...): best val_accuracy of 5 trials",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8736}],
        "here": [0.8582],
    },
    {
        "metric": "test_accuracy",
        "cell": "best_model.fit(X_train_full, y_train_full, epochs=10); best_model.evaluate(X_test, y_test)",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8753}],
        "here": [0.8557],
    },
]
