"""혼공머신 7-3: Dropout(0.3), ModelCheckpoint and EarlyStopping(patience=2) with Adam."""

from ann_keras.config import default_config

TITLE = "Dropout, checkpoint and early stopping"
NOTES = "003_4f79ef8f212079da.txt: 혼공머신 7장 > Dropout, Early-stopping"
BOOK = "혼공머신 7-3"
ORDER = 73
DESCRIPTION = """
Flatten, Dense(100, relu), Dropout(0.3) and Dense(10, softmax), trained with Adam for up
to 20 epochs with validation_data. ModelCheckpoint keeps the best model by val_loss and
EarlyStopping(patience=2, restore_best_weights=True) stops after two epochs without a
better val_loss and restores the best weights. The book reports a validation accuracy of
about 0.885-0.887, stopping between epoch 10 and 16 depending on the library version.
"""


def get_config():
    config = default_config()
    config.model.hidden[0].dropout = 0.3  # turns 30% of the hidden outputs off while training
    config.train.optimizer = "adam"  # the book's choice from 7-2 on
    config.train.epochs = 20  # an upper bound: early stopping ends the run sooner
    config.train.early_stopping_patience = 2  # stop after two epochs without a better val_loss
    config.train.checkpoint = True  # ModelCheckpoint('best-model.keras', save_best_only=True)
    return config


if (
    __name__ == "__main__"
):  # python experiments/hg7_3_dropout_early_stopping.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the books print for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the book's notebook cells run unchanged on this project's CPU (the eighth fit of the notebook).
BOOK_NUMBERS = [
    {
        "metric": "val_accuracy",
        "cell": "the early-stopped model: model.evaluate(val_scaled, val_target)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8853},
            {"edition": "1st", "keras": "3.4", "value": 0.8859},
        ],
        "here": [0.8832499980926514],
    },
    {
        "metric": "stopped_epoch",
        "cell": "EarlyStopping(patience=2, restore_best_weights=True): stopped_epoch (0-based)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 12},
            {"edition": "1st", "keras": "3.4", "value": 16},
        ],
        "here": [15],
    },
]
