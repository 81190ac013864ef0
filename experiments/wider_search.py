"""A wider search than 핸즈온 10.3's: layers, neurons, learning rate, batch size and dropout, with Adam."""

from ann_keras.config import default_config

TITLE = "A wider search than the book's: layers, neurons, learning rate, batch size, dropout"
NOTES = (
    "003_4f79ef8f212079da.txt: 핸즈온 10.3 신경망 하이퍼파라미터 튜닝하기 (은닉층의 뉴런 개수, 학습률, 배치 "
    "크기); "
    "002_62e211a327abbe58.txt: Tuning Point ⑥ Node, ⑦ Layer"
)
BOOK = "핸즈온 10.3 (beyond the book)"
ORDER = 203
DESCRIPTION = """
The package's own search, not the book's (the book's are hml10_3_random_search, hml10_3_hyperband
and hml10_3_bayesian): over the tuning points of the notes, 1-3 hidden layers of 64-512 neurons,
the learning rate (on a log scale, as the book's 1e-4 to 1e-2), the batch size and the dropout rate,
with Adam and pixels / 255, 20 trials of at most 20 epochs with early stopping. Every trial trains on
the first 55,000 training images, is scored by its best val_accuracy on the last 5,000 (핸즈온 10's
split, the book's searches' data), and never sees the test set. The best configuration is then
trained again from scratch with early stopping and evaluated once on the 10,000 test images. The
table "Against the book's searches" sets it beside the book's searches run here: the same split,
the budget in trials and epochs, and the wall time.
"""

# The book's searches run here, compared with this one on its page (report/book.py).
COMPARE_WITH = ("hml10_3_random_search", "hml10_3_hyperband", "hml10_3_bayesian")

# The search space as data: each hyperparameter names the config key it sets, so trials are
# built by the same model builder as every other experiment (ann_keras/tuning/space.py).
SEARCH_SPACE = [
    # 핸즈온 10.3: deep nets are more parameter-efficient, but Fashion-MNIST needs few layers.
    {"name": "n_hidden", "type": "int", "min": 1, "max": 3, "default": 2, "config_key": "model.hidden"},
    # Neurons per hidden layer, the same in every layer ("more than needed, then regularise").
    {
        "name": "n_neurons",
        "type": "int",
        "min": 64,
        "max": 512,
        "step": 2,
        "sampling": "log",
        "default": 256,
        "config_key": "model.hidden.*.units",
    },
    # The book's range, sampled on a log scale: 1e-4 and 1e-3 are as far apart as 1e-3 and 1e-2.
    {
        "name": "learning_rate",
        "type": "float",
        "min": 1e-4,
        "max": 1e-2,
        "sampling": "log",
        "default": 1e-3,
        "config_key": "train.learning_rate",
    },
    # Small batches (LeCun's 2-32) against large ones that use the hardware better.
    {
        "name": "batch_size",
        "type": "choice",
        "values": [32, 64, 128, 256],
        "default": 32,
        "config_key": "train.batch_size",
    },
    # 혼공머신 7-3's regulariser, searched instead of fixed at 0.3.
    {
        "name": "dropout",
        "type": "float",
        "min": 0.0,
        "max": 0.4,
        "step": 0.1,
        "default": 0.2,
        "config_key": "model.hidden.*.dropout",
    },
]

# The search's defaults; `ann-keras tune --tuner/--max-trials/--epochs` change them. With the
# package's trainer a trial of at most 20 epochs (early stopping, patience 5) takes 10-60 s here,
# so 20 trials fit in about 10 minutes on a 2-core CPU.
TUNING = {"tuner": "random", "max_trials": 20, "epochs": 20, "objective": "val_accuracy"}


def get_config():
    config = default_config()
    config.data.split = "tail"  # 핸즈온 10: X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000  # 55,000 / 5,000
    config.train.optimizer = "adam"  # the book's choice from 혼공머신 7-2 on; the learning rate is searched
    config.train.epochs = 40  # the retraining's upper bound (trials train at most TUNING["epochs"])
    config.train.early_stopping_patience = 5  # trials and the retraining stop when the objective stalls
    config.train.monitor = "val_accuracy"  # the search's objective; the retraining keeps its best epoch
    return config


if __name__ == "__main__":  # python experiments/wider_search.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
