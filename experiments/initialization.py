"""Weight initialisation: zeros, N(0, 1), N(0, 0.01), Xavier/Glorot and He for sigmoid, tanh and ReLU (notes
000, 004)."""

from ann_keras.config import LayerConfig, default_config, need_hidden_layers

TITLE = "Weight initialisation: activation histograms of a 5-layer net, and training"
NOTES = (
    "004_ef13815ae234472e.txt: Weight initialization (Xavier, He, bias); "
    "000_ffceadf0120e5c77.txt: 가중치 초기화"
)
BOOK = "핸즈온 11.1.1"
ORDER = 110
DEPTH = 5
ACTIVATIONS = ("sigmoid", "tanh", "relu")
# Scheme name -> kernel initializer (ann_keras.models.make_initializer).
SCHEMES = {
    "zeros": "zeros",  # every weight 0: all units of a layer compute the same thing
    "normal_1": "normal:1.0",  # N(0, 1): the notes' "std 1" example
    "normal_0.01": "normal:0.01",  # N(0, 0.01): too small, activations shrink layer by layer
    "xavier": "glorot_normal",  # std sqrt(2 / (n_in + n_out)); randn / sqrt(n_in) for square layers
    "he": "he_normal",  # std sqrt(2 / n_in): randn / sqrt(n_in / 2)
}
DESCRIPTION = """
A network of five hidden Dense(100) layers, built with each of five initialisations (all zeros,
N(0, 1), N(0, 0.01), Xavier/Glorot normal, He normal; biases 0) and each of three activations
(sigmoid, tanh, ReLU). First the notes' classic figure: the histogram of every hidden layer's
outputs on 1,000 validation images, straight after initialisation. Then every combination is
trained with SGD (learning rate 0.01, momentum 0.9, batch 32) for 5 epochs on the first 6,000
training images (2,000 validation images; the test set whole), 3 seeds each. With all-zero
weights (the output layer's too) every hidden unit computes the same value and receives the same
gradient, so after training each layer still has exactly one distinct unit; the table of
distinct units shows it. --quick runs one seed.
"""

# Where each activation's outputs can lie: its histograms are counted over this range (ReLU: the data's).
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": None}

VARIANTS = {
    f"{activation}_{scheme}": {
        "model.hidden": [{"units": 100, "activation": activation, "kernel_initializer": initializer}] * DEPTH,
        # zeros everywhere, output layer included, or the output weights would break the symmetry
        "model.output_initializer": "zeros" if scheme == "zeros" else "glorot_uniform",
    }
    for activation in ACTIVATIONS
    for scheme, initializer in SCHEMES.items()
}
PRIMARY = "relu_he"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.model.hidden = [LayerConfig(units=100) for _ in range(DEPTH)]  # the notes' 5-layer, 100-unit net
    config.train.optimizer = "sgd"
    config.train.learning_rate = 0.01
    config.train.momentum = 0.9  # plain SGD barely moves a 5-layer sigmoid net in 5 epochs at any scale
    config.data.train_samples = 6_000  # 15 combinations x 3 seeds: a subset keeps the run to minutes
    config.data.val_samples = 2_000
    config.seeds = 3
    config.params = {"histogram_samples": 1000}
    return config


def _split(variant: str) -> tuple[str, str]:
    activation, _, scheme = variant.partition("_")
    return activation, scheme


def check(config):
    need_hidden_layers(config, 1, "it draws the outputs of every hidden layer")


def run(ctx):
    import pandas as pd

    from ann_keras import evaluation, models, training
    from ann_keras.training import probes

    # 1. The classic figure: activations at initialisation, no training.
    histograms, statistics = [], []
    for variant, config in ctx.configs.items():
        activation, scheme = _split(variant)
        splits = ctx.data.splits(config.data)
        training.seed_everything(config.seed, config.train.deterministic)
        model = models.build_model(config.model, splits.input_shape)
        outputs = probes.hidden_activations(model, splits.x_val[: config.params["histogram_samples"]])
        for row in probes.activation_histograms(outputs, bins=30, value_range=RANGES[activation]):
            histograms.append({"activation": activation, "init": scheme, **row})
        for index, row in enumerate(probes.activation_statistics(outputs), 1):
            statistics.append(
                {
                    "activation": activation,
                    "init": scheme,
                    "layer": index,
                    **{k: v for k, v in row.items() if k != "layer"},
                }
            )
    counts = ctx.page.save_table("activation_histograms", pd.DataFrame(histograms))
    for activation in dict.fromkeys(row["activation"] for row in histograms):
        ctx.page.add_figure(
            f"histograms_{activation}",
            "histograms",
            counts,
            where={"activation": activation},
            rows="init",
            columns="layer",
            suptitle=f"{activation}: hidden-layer outputs at initialisation",
            title=f"Activation histograms, {activation}",
            caption="Rows: initialisation; columns: hidden layers 1-5 (input side first); 1,000 validation "
            "images, before any training.",
        )
    stats = pd.DataFrame(statistics)
    ctx.page.add_table(
        "activation_statistics",
        stats,
        "Activation statistics at initialisation, per layer",
        "std: spread of the outputs; small_fraction: |output| < 0.01; near_one_fraction: |output| > 0.99 "
        "(saturated sigmoid or tanh); "
        "zero_fraction: exactly 0 (ReLU off); distinct_units: units that differ on these images (of 100).",
    )

    # 2. Training every combination.
    distinct = []
    for variant, config, seed in ctx.fits.each():
        fit = ctx.fits.train(config, variant, seed, keep_model=True)
        if seed == config.seed:
            outputs = probes.hidden_activations(
                fit.model, ctx.data.splits(config.data).x_val[: config.params["histogram_samples"]]
            )
            activation, scheme = _split(variant)
            distinct.append(
                {
                    "activation": activation,
                    "init": scheme,
                    **{f"layer_{i}": probes.distinct_units(v) for i, v in enumerate(outputs.values(), 1)},
                }
            )
        fit.model = None
    ctx.page.add_table(
        "distinct_units_after_training",
        pd.DataFrame(distinct),
        "Distinct hidden units after training (first seed)",
        "Of 100 units per layer, how many compute different outputs on 1,000 validation images after "
        "training. All-zero weights stay at 1.",
    )
    zeros = [row for row in distinct if row["init"] == "zeros"]
    ctx.page.add_facts(
        zero_init_distinct_units_after_training=max(
            (max(v for k, v in row.items() if k.startswith("layer_")) for row in zeros), default=None
        )
    )

    by_fit = evaluation.fit_rows(ctx.fits.done, ["test_accuracy", "val_accuracy", "loss"])
    summary = evaluation.summarize(by_fit, ["val_accuracy", "test_accuracy", "loss"])
    parts = summary["variant"].map(_split)
    summary.insert(0, "activation", [p[0] for p in parts])
    summary.insert(1, "init", [p[1] for p in parts])
    ctx.page.add_table(
        "headline",
        summary.drop(columns="variant"),
        "Accuracy after 5 epochs per activation and initialisation",
        "Mean and std over seeds; loss is the training loss of the last epoch. A diverged seed (loss NaN) "
        "counts in diverged_seeds "
        "and is left out of the means (none left: empty).",
    )
    histories = evaluation.history_rows(ctx.fits.done)
    histories.insert(1, "activation", [_split(v)[0] for v in histories["variant"]])
    histories.insert(2, "init", [_split(v)[1] for v in histories["variant"]])
    curves = ctx.page.save_table("histories", histories)
    for activation in dict.fromkeys(histories["activation"]):
        ctx.page.add_figure(
            f"val_accuracy_{activation}",
            "lines",
            curves,
            x="epoch",
            y="val_accuracy",
            group="init",
            where={"seed": "first", "activation": activation},
            markers=True,
            title=f"Validation accuracy per epoch, {activation}",
            caption="First seed.",
        )


if __name__ == "__main__":  # python experiments/initialization.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
