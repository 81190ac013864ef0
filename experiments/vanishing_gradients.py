"""Vanishing gradients: a deep sigmoid network against the same depth with ReLU (notes 000, 004)."""

from ann_keras.config import LayerConfig, default_config, need_hidden_layers

TITLE = "Vanishing gradients: deep sigmoid network vs ReLU"
NOTES = (
    "000_ffceadf0120e5c77.txt: 한계 및 극복 > 그래디언트 소멸; "
    "004_ef13815ae234472e.txt: 활성화 함수 > Sigmoid, ReLU"
)
BOOK = "핸즈온 11.1"
ORDER = 100
DEPTH = 6
DESCRIPTION = """
Six hidden Dense(100) layers with sigmoid, then the same network with ReLU, both with Keras'
default Glorot-uniform initialisation and plain SGD (learning rate 0.01, batch 32) for 10 epochs
on the first 12,000 of the 48,000 training images (validation and test sets whole). A callback
takes the gradient of the loss on a fixed batch of 512 training images every 50 updates and
records the norm of each layer's kernel gradient. The notes' point: sigmoid's derivative is at
most 0.25, so the gradient shrinks layer after layer on its way back to the input and the lower
layers of the sigmoid network barely learn; ReLU's derivative is 1 for positive inputs and the
gradient reaches the first layer at about the same size. 3 seeds; --quick runs one.
"""

VARIANTS = {
    "sigmoid": {},  # the configuration below
    "relu": {"model.hidden": [{"units": 100, "activation": "relu"}] * DEPTH},
}
PRIMARY = "relu"
QUICK = {"seeds": 1, "params.gradient_every": 20}


def get_config():
    config = default_config()
    config.model.hidden = [
        LayerConfig(units=100, activation="sigmoid") for _ in range(DEPTH)
    ]  # deep enough for the product of derivatives to show
    config.train.optimizer = "sgd"  # plain gradient descent: no adaptive rate hides the small gradients
    config.train.epochs = 10
    config.data.train_samples = (
        12_000  # a quarter of the training split: 6 units of 10 epochs stay a few minutes
    )
    config.seeds = 3
    config.params = {"probe_samples": 512, "gradient_every": 50}
    return config


def check(config):
    need_hidden_layers(config, 1, "it compares the gradients of the hidden layers")


def run(ctx):
    import pandas as pd

    from ann_keras import evaluation
    from ann_keras.training.callbacks import GradientNorms

    probe, every = ctx.config.params["probe_samples"], ctx.config.params["gradient_every"]
    norms = ctx.fits.train_recording(
        lambda splits, config: GradientNorms(splits.x_train[:probe], splits.y_train[:probe], every=every)
    )
    every_update = ctx.page.save_table("gradient_norms_all", norms)

    start = norms[norms["update"] == 0]
    end = norms[norms["update"] == norms.groupby(["variant", "seed"])["update"].transform("max")]
    per_layer = evaluation.summarize(
        start.rename(columns={"norm": "norm_at_start"}), ["norm_at_start"], by=("variant", "layer")
    )
    at_end = evaluation.summarize(
        end.rename(columns={"norm": "norm_at_end"}), ["norm_at_end"], by=("variant", "layer")
    )
    per_layer = per_layer.merge(at_end.drop(columns="seeds"), on=["variant", "layer"])
    per_layer_table = ctx.page.add_table(
        "gradient_norm_by_layer",
        per_layer,
        "Gradient norm of each layer's kernel",
        "Before the first update and after the last one, mean and std over seeds. Layer hidden_1 is next to "
        "the input.",
    )

    ratios = []
    for (variant, seed), group in start.groupby(["variant", "seed"], sort=False):
        by_layer = group.set_index("layer")["norm"]
        ratios.append(
            {
                "variant": variant,
                "seed": seed,
                "first_to_last_hidden": by_layer["hidden_1"] / by_layer[f"hidden_{len(by_layer) - 1}"],
            }
        )
    ratio_table = evaluation.summarize(pd.DataFrame(ratios), ["first_to_last_hidden"])
    by_fit = evaluation.fit_rows(ctx.fits.done, ["test_accuracy", "val_accuracy", "loss"])
    ratio_table = ratio_table.merge(
        evaluation.summarize(by_fit, ["test_accuracy", "val_accuracy", "loss"]).drop(columns="seeds"),
        on="variant",
    )
    ctx.page.add_table(
        "headline",
        ratio_table,
        "Gradient ratio and accuracy per activation",
        "first_to_last_hidden: gradient norm of hidden_1 divided by that of the last hidden layer, before "
        "training; "
        "below 1 the gradient shrinks on its way to the input.",
    )
    for row in ratio_table.itertuples():
        ctx.page.add_facts(
            **{f"{row.variant}_first_to_last_hidden_gradient_ratio": row.first_to_last_hidden_mean}
        )

    ctx.page.add_figure(
        "gradient_norms",
        "lines",
        every_update,
        x="update",
        y="norm",
        group="layer",
        panels="variant",
        where={"seed": "first"},
        logy=True,
        xlabel="updates",
        ylabel="gradient norm of the layer's kernel",
        title="Gradient norm per layer during training",
        caption="First seed; log scale. The sigmoid network's lower layers get gradients orders of magnitude "
        "smaller.",
    )
    ctx.page.add_figure(
        "gradient_by_depth",
        "lines",
        per_layer_table,
        x="layer",
        y="norm_at_start_mean",
        group="variant",
        logy=True,
        markers=True,
        xlabel="layer",
        ylabel="gradient norm before training",
        title="Gradient norm against depth, before training",
        caption="Mean over seeds.",
    )


if __name__ == "__main__":  # python experiments/vanishing_gradients.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
