"""핸즈온 10.2: the 784-300-100-10 classifier with SGD for 30 epochs (the book's run)."""

from ann_keras.config import LayerConfig, default_config

TITLE = "Sequential 784-300-100-10 with SGD, 30 epochs"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10. 케라스를 사용한 인공 신경망 소개"
BOOK = "핸즈온 10.2.2"
ORDER = 190
DESCRIPTION = """
The image classifier of 핸즈온 10.2.2: Flatten(28x28), Dense(300, relu), Dense(100, relu),
Dense(10, softmax): 266,610 parameters; compiled with loss="sparse_categorical_crossentropy",
optimizer="sgd" (learning rate 0.01) and metrics=["accuracy"], and fit for 30 epochs at batch 32
with validation data. The book reports val_accuracy 0.8894 after 30 epochs and a test accuracy
of 0.8864. Its split differs: the book keeps the last 5,000 of the 60,000 training images for
validation (55,000 / 5,000), this package uses the notes' train_test_split (48,000 / 12,000), so
the model sees 7,000 fewer training images and is validated on more. Full data, one seed.
"""


def get_config():
    config = default_config()
    config.model.hidden = [
        LayerConfig(units=300),
        LayerConfig(units=100),
    ]  # Dense(300, relu), Dense(100, relu)
    config.train.optimizer = "sgd"  # optimizer="sgd": learning rate 0.01
    config.train.epochs = 30
    return config


if __name__ == "__main__":  # python experiments/hml10_sequential.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
