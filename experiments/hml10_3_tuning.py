"""핸즈온 10.3: tuning the number of hidden layers, neurons, learning rate and batch size with keras-tuner."""

from ann_keras.config import default_config

TITLE = "Hyperparameter search: hidden layers, neurons, learning rate, batch size"
NOTES = (
    "003_4f79ef8f212079da.txt: 핸즈온 10.3 신경망 하이퍼파라미터 튜닝하기 (은닉층의 뉴런 개수, 학습률, 배치 "
    "크기); "
    "002_62e211a327abbe58.txt: Tuning Point ⑥ Node, ⑦ Layer"
)
BOOK = "핸즈온 10.3"
ORDER = 200
DESCRIPTION = """
A keras-tuner search over the tuning points of the notes: how many hidden layers, how many
neurons in each, the learning rate (on a log scale, as the book's 1e-4 to 1e-2), the batch size,
and the dropout rate. Every trial trains on the first 55,000 training images, is scored by its best
val_accuracy on the last 5,000 (핸즈온 10's split), and never sees the test set. The best
configuration is then trained again with early stopping and evaluated once on the 10,000 test
images. The book's RandomSearch reaches val_accuracy 0.8736 and test accuracy 0.8753;
혼공머신 7-3 reaches val_accuracy 0.885 by hand.
"""

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


if __name__ == "__main__":  # python experiments/hml10_3_tuning.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
