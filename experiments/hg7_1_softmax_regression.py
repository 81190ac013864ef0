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
The book reports a validation accuracy of 0.846. Before the network, the book's baseline:
scikit-learn's SGDClassifier(loss='log_loss', max_iter=5, random_state=42), cross-validated
on all 60,000 training images (flattened, /255); the book prints 0.8194 (1st edition 0.8196).
"""
NOTEBOOK = True  # seeded once at the top, as the notebook; its one model trained in that stream
SGD = {"loss": "log_loss", "max_iter": 5, "random_state": 42}  # the book's SGDClassifier


def get_config():
    config = default_config()
    config.data.flatten = True  # the book reshapes to (-1, 784) instead of using a Flatten layer
    config.model.hidden = []  # no hidden layer: the output layer is the whole network
    return config


def sgd_baseline(ctx) -> tuple[float, str]:
    """The book's first cell of 7-1: SGDClassifier cross-validated on the 60,000 training images."""
    import warnings

    import numpy as np
    import pandas as pd
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier
    from sklearn.model_selection import cross_validate

    from ann_keras import data

    d = ctx.config.data
    if d.dataset == "synthetic":
        images, labels = data.synthetic(6000, seed=0)
    else:
        images, labels = data.load_raw("train", ctx.options.data_dir)
    if d.train_samples is not None:  # --quick and the smoke test: the first images only
        images, labels = images[: d.train_samples], labels[: d.train_samples]
    x = images.reshape(-1, 28 * 28) / 255.0  # as the book: float64 pixels / 255, flattened
    ctx.log(f"-- {ctx.experiment.name}: SGDClassifier, 5-fold cross-validation on {len(x):,} images")
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", ConvergenceWarning
        )  # max_iter=5 stops before convergence, as in the book
        scores = cross_validate(SGDClassifier(**SGD), x, labels, n_jobs=-1)
    mean = float(np.mean(scores["test_score"]))
    folds = pd.DataFrame(
        {
            "fold": np.arange(1, len(scores["test_score"]) + 1),
            "test_score": scores["test_score"],
            "fit_time_s": np.round(scores["fit_time"], 2),
        }
    )
    table = ctx.page.add_table(
        "sgd_cross_validation",
        folds,
        "Baseline: SGDClassifier, cross-validated (the book's first cell)",
        f"SGDClassifier(loss='log_loss', max_iter=5, random_state=42), cross_validate on {len(x):,} "
        f"flattened images / 255 (5 folds): mean test_score {mean:.4f}. The book prints 0.8194 "
        "(2nd edition) and 0.8196 (1st).",
        decimals=6,
    )
    ctx.page.add_facts(sgd_cv_accuracy=mean, sgd_cv_images=int(len(x)))
    return mean, table


def run(ctx):
    sgd, table = sgd_baseline(ctx)  # the book's order: scikit-learn first, then the network
    (fit,) = ctx.fits.train_all()
    ctx.page.add_figure(
        "sgd_vs_network",
        "lines",
        table,
        x="fold",
        y="test_score",
        markers=True,
        hlines={
            f"SGDClassifier, mean {sgd:.4f}": sgd,
            f"Dense(10) network, val_accuracy {fit.metrics['val_accuracy']:.4f}": fit.metrics["val_accuracy"],
        },
        xlabel="cross-validation fold",
        ylabel="accuracy",
        title="SGDClassifier's folds against the network",
        caption="Each fold's test score of the SGDClassifier; the lines: its mean and the network's "
        "validation accuracy after 5 epochs.",
    )


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
