"""Regularisation: none, L1, L2, Dropout, data augmentation and early stopping on a model that overfits (notes
000, 003)."""

from ann_keras.config import default_config

TITLE = "Regularisation: L1, L2, Dropout, data augmentation, early stopping"
NOTES = (
    "000_ffceadf0120e5c77.txt: 과적합 방지 (조기종료, 가중치 규제 L1/L2, 데이터 증강, 드롭아웃); "
    "003_4f79ef8f212079da.txt: "
    "Dropout, Early-stopping"
)
BOOK = "핸즈온 11.4"
ORDER = 140
DESCRIPTION = """
Flatten, Dense(100, relu) and Dense(10, softmax) with Adam, trained 15 epochs on only 5,000
training images (5,000 validation images; the test set whole), so that it overfits: training
accuracy runs away from validation accuracy. Then each remedy of the notes on its own: an L1
penalty (1e-4 times the sum of |w|) and an L2 penalty (1e-3 times the sum of w squared) on the
hidden kernel, Dropout(0.3) after the hidden layer, data augmentation with Keras preprocessing
layers (random horizontal flips and shifts of up to 10% of the image, training only), and early
stopping (patience 2 on val_loss, best weights restored). The gap is measured honestly: the
training accuracy in the table is the trained model's accuracy on its 5,000 training images in
inference mode (no dropout, no augmentation), not the running figure fit() prints.
3 seeds; --quick runs one.
"""

VARIANTS = {
    "none": {},
    "l1": {"model.hidden.0.l1": 1e-4},
    "l2": {"model.hidden.0.l2": 1e-3},
    "dropout": {"model.hidden.0.dropout": 0.3},  # 혼공머신 7-3's rate
    "augmentation": {"model.augmentation.flip": "horizontal", "model.augmentation.shift": 0.1},
    "early_stopping": {
        "train.early_stopping_patience": 2
    },  # 혼공머신 7-3: stop after 2 epochs without a better val_loss
}
PRIMARY = "none"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.train.optimizer = "adam"
    config.train.epochs = 15  # long enough to overfit 5,000 images
    config.data.train_samples = 5_000  # few images: overfitting shows within minutes
    config.data.val_samples = 5_000
    config.seeds = 3
    return config


def run(ctx):
    import numpy as np

    from ann_keras import evaluation

    train_accuracy = {}
    for variant, config, seed in ctx.fits.each():
        fit = ctx.fits.train(config, variant, seed, keep_model=True)
        splits = ctx.data.splits(config.data)
        probabilities = fit.model.predict(
            splits.x_train, batch_size=1024, verbose=0
        )  # inference mode: no dropout, no augmentation
        train_accuracy[(variant, seed)] = float(np.mean(np.argmax(probabilities, axis=1) == splits.y_train))
        fit.model = None
    by_fit = evaluation.fit_rows(
        ctx.fits.done, ["val_accuracy", "test_accuracy", "epochs_run", "evaluated_epoch"]
    )
    by_fit["train_accuracy"] = [train_accuracy[(v, s)] for v, s in zip(by_fit["variant"], by_fit["seed"])]
    by_fit["gap"] = by_fit["train_accuracy"] - by_fit["val_accuracy"]
    summary = evaluation.summarize(
        by_fit, ["train_accuracy", "val_accuracy", "gap", "test_accuracy", "evaluated_epoch"]
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Train/validation gap and test accuracy per remedy",
        "Mean and std over seeds. train_accuracy: the evaluated model on its training images in inference "
        "mode; "
        "gap = train_accuracy - val_accuracy; evaluated_epoch: the epoch whose weights were evaluated "
        "(early stopping restores the best).",
    )
    for key, title in (
        ("accuracy", "Training accuracy (as fit reports it) per epoch"),
        ("val_accuracy", "Validation accuracy per epoch"),
    ):
        ctx.page.add_history_figure(f"curves_{key}", ctx.fits.done, y=key, title=title, caption="First seed.")


if __name__ == "__main__":  # python experiments/regularization.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
