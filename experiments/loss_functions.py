"""Notes 000 and 004: cross-entropy, softmax and hinge examples; MSE vs cross-entropy on Fashion-MNIST."""

from ann_keras.config import default_config

TITLE = "Loss functions: the notes' examples, then MSE against cross-entropy"
NOTES = (
    "000_ffceadf0120e5c77.txt: 손실함수 MSE의 한계, 교차엔트로피; 004_ef13815ae234472e.txt: Loss Function "
    "(SVM hinge, "
    "Softmax)"
)
BOOK = "혼공머신 7-1"
ORDER = 15
DESCRIPTION = """
First the notes' arithmetic: H(p, q) for p = (1, 0, 0), q = (0.7, 0.2, 0.1) is -ln 0.7 =
0.35667; the multiclass SVM hinge loss of the cat / car / frog scores is 2.9, 0 and 12.9 per
image, 5.27 on average; the softmax of the cat image's scores gives probabilities 0.13 /
0.87 / 0.00 and loss -log(0.13), which is 2.04 with the natural log (the base Keras and this
package use) and 0.89 with log base 10, the number the notes' figure shows. Then the notes'
claim that MSE converges slowly for classification: the same model (Flatten, Dense(100,
relu), Dense(10, softmax)) trained 5 epochs with mean squared error on the softmax outputs
and with cross-entropy, once with plain SGD (rate 0.01, the setting the claim is about) and
once with RMSprop, whose per-weight step sizes undo most of MSE's small gradients. Four
models on the full data: about 3-4 minutes on two quiet CPU cores.
"""

VARIANTS = {
    # Plain gradient descent: MSE's gradient through the softmax is small, so it learns slowly.
    "sgd_mse": {"train.optimizer": "sgd", "train.loss": "sparse_mean_squared_error"},
    "sgd_cross_entropy": {"train.optimizer": "sgd"},
    # An adaptive optimizer rescales each weight's step, which hides most of the difference.
    "rmsprop_mse": {"train.loss": "sparse_mean_squared_error"},
    "rmsprop_cross_entropy": {},
}
PRIMARY = "sgd_cross_entropy"


def get_config():
    config = default_config()  # Flatten + Dense(100, relu) + Dense(10, softmax), 5 epochs
    return config


def run(ctx):
    import math

    import numpy as np
    import pandas as pd

    from ann_keras.textbook import losses
    from ann_keras.textbook.notes import comparison_table

    p, q = losses.CROSS_ENTROPY_EXAMPLE["p"], losses.CROSS_ENTROPY_EXAMPLE["q"]
    scores = losses.HINGE_SCORES
    cat = losses.softmax_loss(scores[:, 0], 0)
    hinge = losses.hinge_example()
    computed = {
        "cross_entropy_ln": losses.cross_entropy(p, q),
        "keras_categorical_crossentropy": keras_cross_entropy(p, q),
        "hinge_cat_image": hinge[0],
        "hinge_car_image": hinge[1],
        "hinge_frog_image": hinge[2],
        "hinge_mean": float(np.mean(hinge)),
        "softmax_exp_cat": float(cat["exp"][0]),
        "softmax_exp_car": float(cat["exp"][1]),
        "softmax_exp_frog": float(cat["exp"][2]),
        "softmax_p_cat": float(cat["probabilities"][0]),
        "softmax_p_car": float(cat["probabilities"][1]),
        "softmax_p_frog": float(cat["probabilities"][2]),
        "softmax_loss_cat_ln": cat["loss"],
        "softmax_loss_cat_log10": losses.softmax_loss(scores[:, 0], 0, base=10)["loss"],
    }
    notes = {
        "cross_entropy_ln": "0.35667",
        "keras_categorical_crossentropy": "0.35667",
        "hinge_cat_image": "2.9",
        "hinge_car_image": "0",
        "hinge_frog_image": "12.9",
        "hinge_mean": "5.27",
        "softmax_exp_cat": "24.5",
        "softmax_exp_car": "164.0",
        "softmax_exp_frog": "0.18",
        "softmax_p_cat": "0.13",
        "softmax_p_car": "0.87",
        "softmax_p_frog": "0.00",
        "softmax_loss_cat_log10": "0.89",
    }
    ctx.page.add_table(
        "examples",
        comparison_table({"computed": computed}, notes),
        "The notes' loss examples",
        "Natural log unless the name says log10. The notes' softmax figure writes -log(0.13) = 0.89: that "
        "is log base 10; "
        f"with the natural log, as Keras computes it, the loss is {computed['softmax_loss_cat_ln']:.2f}.",
        decimals=5,
    )
    ctx.page.add_facts(
        **computed,
        softmax_loss_log_base="e (natural log); log10 given for the notes' figure",
        ln_0_7=-math.log(0.7),
    )

    fits = ctx.fits.train_all()
    histories = {fit.variant: fit.history for fit in fits if fit.seed == ctx.config.seed}
    ctx.page.add_history_figure(
        "accuracy_by_epoch",
        fits,
        y=["accuracy", "val_accuracy"],
        title="Accuracy per epoch: MSE against cross-entropy",
        caption="Same model and data; only the loss (and, in pairs, the optimizer) differs.",
    )
    table = pd.DataFrame({"epoch": range(1, 1 + max(len(h["val_accuracy"]) for h in histories.values()))})
    for name, history in histories.items():
        table[name] = pd.Series(history["val_accuracy"])
    ctx.page.add_table("val_accuracy_by_epoch", table, "val_accuracy per epoch")
    ctx.page.add_test_accuracies(fits, ctx.config.seed)


def keras_cross_entropy(p, q) -> float:
    """Keras' CategoricalCrossentropy on the same p and q (natural log)."""
    import keras
    import numpy as np

    return float(keras.losses.CategoricalCrossentropy()(np.array([p]), np.array([q])))


if __name__ == "__main__":  # python experiments/loss_functions.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
