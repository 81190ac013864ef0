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
of 0.8864. The split is the book's: the last 5,000 of the 60,000 training images validate and the
first 55,000 train (data.split="tail"), not the notes' train_test_split (48,000 / 12,000). Full
data, one seed. The book's cell seeds only TensorFlow (tf.random.set_seed(42)), which under Keras 3
leaves the initial weights unseeded; this run seeds fully with keras.utils.set_random_seed(42), the
one change made to the book's cells when they are run to compare (`ann-keras fidelity`).
"""
NOTEBOOK = True  # seeded once before the model, as the book's cell (fully: keras.utils.set_random_seed)


def get_config():
    config = default_config()
    config.data.split = "tail"  # 핸즈온 10: X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000  # 55,000 / 5,000
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

# What the book prints for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the chapter's cells run unchanged on this project's CPU, twice; tf.random.set_seed does not fix
# a Keras 3 model's initial weights, so each run of the book's code gives other numbers.
BOOK_NUMBERS = [
    {
        "metric": "test_accuracy",
        "cell": "model.evaluate(X_test, y_test)",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8864}],
        "here": [0.8753, 0.8746],
    },
    {
        "metric": "val_accuracy",
        "cell": "model.fit(X_train, y_train, epochs=30, validation_data=...): val_accuracy at epoch 30",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 0.8894}],
        "here": [0.8784, 0.8812],
    },
    {
        "metric": "params",
        "cell": "model.summary(): Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax)",
        "printed": [{"edition": "3rd", "keras": "tf.keras 2", "value": 266610}],
        "here": [266610],
    },
]
