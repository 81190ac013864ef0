"""혼공머신 7-1: one Dense(10, softmax) layer on 784 pixels, the first neural network of the book."""

from ann_keras.config import default_config

TITLE = "A single Dense(10, softmax) layer on 784 inputs"
NOTES = "003_4f79ef8f212079da.txt: 혼공머신 7장 > 데이터셋, 모델"
BOOK = "혼공머신 7-1"
ORDER = 71
DESCRIPTION = """
Fashion-MNIST scaled by /255 and flattened to 784 values, split 48,000 / 12,000 with
train_test_split(test_size=0.2, random_state=42), and one Dense(10, softmax) layer:
logistic regression written as a neural network. Compiled with Keras' defaults
(RMSprop, sparse categorical cross-entropy) and trained 5 epochs.
The book reports a validation accuracy of 0.846.
"""


def get_config():
    config = default_config()
    config.data.flatten = True  # the book reshapes to (-1, 784) instead of using a Flatten layer
    config.model.hidden = []  # no hidden layer: the output layer is the whole network
    return config


if __name__ == "__main__":  # python experiments/hg7_1_softmax_regression.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the books print for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the book's notebook cells run unchanged on this project's CPU.
BOOK_NUMBERS = [
    {
        "metric": "val_accuracy",
        "cell": "model.evaluate(val_scaled, val_target) after 5 epochs",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8458},
            {"edition": "1st", "keras": "3.4", "value": 0.8458},
        ],
        "here": [0.8458333611488342],
    },
    {
        "metric": "val_loss",
        "cell": "model.evaluate(val_scaled, val_target) after 5 epochs",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.4444},
            {"edition": "1st", "keras": "3.4", "value": 0.4444},
        ],
        "here": [0.4444],
    },
    {
        "metric": "accuracy",
        "cell": "model.fit(train_scaled, train_target, epochs=5): training accuracy at epoch 5",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8537},
            {"edition": "1st", "keras": "3.4", "value": 0.8537},
        ],
    },
]
