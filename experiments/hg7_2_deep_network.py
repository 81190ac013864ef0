"""혼공머신 7-2: a hidden layer (sigmoid, then ReLU with Flatten), then the same with Adam."""

from ann_keras.config import default_config

TITLE = "Deep network: sigmoid vs ReLU hidden layer, RMSprop vs Adam"
NOTES = "003_4f79ef8f212079da.txt: 혼공머신 7장 > 모델 (Dense 100 sigmoid, Flatten + relu, adam)"
BOOK = "혼공머신 7-2"
ORDER = 72
DESCRIPTION = """
Three models trained 5 epochs each on the same split. First Dense(100, sigmoid) on 784
inputs and Dense(10, softmax): 78,500 + 1,010 = 79,510 parameters, as the book's summary
shows. Then a Flatten(28x28) layer and Dense(100, relu), and finally the same network
with optimizer='adam'. The book reports validation accuracies of 0.8665 (ReLU) and
0.8726 (ReLU with Adam) after 5 epochs.
"""

VARIANTS = {
    # The book's first deep model: the data reshaped to 784 values, a sigmoid hidden layer.
    "sigmoid_784": {"data.flatten": True, "model.hidden.0.activation": "sigmoid"},
    # A Flatten layer does the reshape inside the model; ReLU replaces sigmoid.
    "relu_flatten": {},
    # Same network, Adam instead of compile()'s default RMSprop.
    "relu_flatten_adam": {"train.optimizer": "adam"},
}
PRIMARY = "relu_flatten_adam"
NOTEBOOK = True  # seeded once at the top; the three models trained in order in one random stream
BUILT_FOR_SUMMARY = (
    2  # the book builds the sigmoid network twice for model.summary() before the one it trains
)


def run(ctx):
    """The notebook's order: the sigmoid network built for its summaries, then the three fits."""
    import pandas as pd

    from ann_keras import models

    ctx.fits.begin_sequence()  # the notebook's first cell
    first = next(iter(ctx.configs.values()))
    rows = []
    # Cells 4-9: the same network as Sequential([...]), with names, and with add(); each build creates
    # its Dense layers, and each draws its seed from the stream, so the trained model is the third.
    for way in ("Sequential([inputs, dense1, dense2])", "Sequential([...], name=...)")[:BUILT_FOR_SUMMARY]:
        model = models.build_model(first.model, (28 * 28,) if first.data.flatten else (28, 28))
        rows.append({"built as": way, "parameters": int(model.count_params()), "trained": "no"})
    ctx.fits.train_all()
    trained = ctx.fits.done[0]
    rows.append(
        {"built as": "model.add(...)", "parameters": int(trained.metrics["params"]), "trained": "yes"}
    )
    ctx.page.add_table(
        "built_three_ways",
        pd.DataFrame(rows),
        "The sigmoid network built three ways",
        "The book builds Dense(100, sigmoid) + Dense(10, softmax) on 784 inputs three ways to show "
        "model.summary(); each has 78,500 + 1,010 = 79,510 parameters. Only the last is trained; the two "
        "before it are built here too, because each layer created draws from the random stream.",
    )


def get_config():
    config = default_config()  # Dense(100, relu) + Dense(10, softmax), RMSprop, 5 epochs
    return config


if __name__ == "__main__":  # python experiments/hg7_2_deep_network.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))

# What the books print for this section's cells (shared/BOOK_NUMBERS.md), set against this run on its page.
# "here": the book's notebook cells run unchanged on this project's CPU (three models in one process).
BOOK_NUMBERS = [
    {
        "metric": "params",
        "variant": "sigmoid_784",
        "cell": "model.summary(): Dense(100, sigmoid) + Dense(10, softmax) on 784 inputs",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 79510},
            {"edition": "1st", "keras": "3.4", "value": 79510},
        ],
        "here": [79510],
    },
    {
        "metric": "accuracy",
        "variant": "sigmoid_784",
        "cell": "model.fit(train_scaled, train_target, epochs=5): training accuracy at epoch 5",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8759},
            {"edition": "1st", "keras": "3.4", "value": 0.8759},
        ],
        "here": [0.8781],
    },
    {
        "metric": "val_accuracy",
        "variant": "relu_flatten",
        "cell": "Flatten + Dense(100, relu), rmsprop, 5 epochs: model.evaluate(val_scaled, val_target)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8652},
            {"edition": "1st", "keras": "3.4", "value": 0.8665},
        ],
        "here": [0.8648333549499512],
    },
    {
        "metric": "val_accuracy",
        "cell": "the same model with optimizer='adam', 5 epochs: model.evaluate(val_scaled, val_target)",
        "printed": [
            {"edition": "2nd", "keras": "3.10", "value": 0.8723},
            {"edition": "1st", "keras": "3.4", "value": 0.8726},
        ],
        "here": [0.8706666827201843],
    },
]
