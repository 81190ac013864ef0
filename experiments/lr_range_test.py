"""The learning-rate range test of 핸즈온 10.3, then training at the rates it suggests (notes 003)."""

from ann_keras.config import LayerConfig, default_config

TITLE = "Learning-rate range test: loss against an exponentially growing rate"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10.3 > 학습률 (최대 학습률의 절반, 지수적으로 증가시키며 손실 관찰)"
BOOK = "핸즈온 10.3"
ORDER = 160
DESCRIPTION = """
핸즈온 10's network (Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax)) with SGD.
One pass over the first 12,000 training images (375 batches of 32) grows the learning rate
exponentially from 1e-4 to 10, one step per batch; the loss of each batch is smoothed (moving
average, 0.98) and plotted against the rate, and the test stops once the smoothed loss is four
times its lowest. The turning point is the rate with the lowest smoothed loss; 핸즈온 suggests a
rate about ten times lower, the notes about half the largest stable rate. The model's weights
and optimizer state are restored afterwards (checked below). Then the network is trained 5
epochs on the same 12,000 images (validation and test sets whole) at Keras' default SGD rate
0.01, at the suggestion (turning point / 10) and at half the turning point, 3 seeds each. The
suggestion and the bounds [suggestion / 10, turning point / 2] are written to facts.json for a
tuner's learning-rate range. --quick runs one seed.
"""

VARIANTS = {
    "keras_default_0.01": {},  # SGD's default rate, as 핸즈온 10 trains this model
    "suggested": {},  # train.learning_rate = turning point / 10, set once the range test has run
    "half_turning": {},  # train.learning_rate = turning point / 2, the notes' rule
}
PRIMARY = "suggested"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.model.hidden = [LayerConfig(units=300), LayerConfig(units=100)]  # 핸즈온 10's 300-100 network
    config.train.optimizer = "sgd"
    config.train.learning_rate = 0.01
    config.data.train_samples = 12_000  # one pass of 375 batches is enough for the range test
    config.seeds = 3
    config.params = {"min_rate": 1e-4, "max_rate": 10.0}
    return config


def run(ctx):
    import numpy as np

    from ann_keras import evaluation, files, models, training
    from ann_keras.config import apply_overrides, to_dict
    from ann_keras.training import lr_finder

    config = ctx.configs.get("suggested", ctx.config)
    splits = ctx.data.splits(config.data)
    training.seed_everything(config.seed, config.train.deterministic)
    model = models.build_model(config.model, splits.input_shape)
    training.compile_model(model, config.train)
    before = [np.array(w, copy=True) for w in model.get_weights()]
    ctx.log(
        f"-- {ctx.experiment.name}: range test, {len(splits.x_train) // config.train.batch_size} batches, "
        f"rate {config.params['min_rate']:g} -> {config.params['max_rate']:g}"
    )
    test = lr_finder.range_test(
        model,
        splits.x_train,
        splits.y_train,
        config.params["min_rate"],
        config.params["max_rate"],
        batch_size=config.train.batch_size,
    )
    restored = all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    rates = {
        "keras_default_0.01": config.train.learning_rate,
        "suggested": test.suggestion,
        "half_turning": test.turning_rate / 2,
    }
    ctx.page.add_facts(
        **test.summary(),
        weights_restored_after_test=restored,
        learning_rate_of_optimizer_after_test=float(np.asarray(model.optimizer.learning_rate)),
    )
    ctx.page.add_figure(
        "range_test",
        "range_test",
        ctx.page.save_table("range_test", test.frame()),
        turning_rate=test.turning_rate,
        suggestion=test.suggestion,
        bounds=list(test.tuner_bounds()),
        title="Loss against learning rate (one pass, rate growing exponentially)",
        caption=f"Turning point {test.turning_rate:.3g}; suggestion {test.suggestion:.3g}; tuner bounds "
        f"{test.tuner_bounds()[0]:.3g} to {test.tuner_bounds()[1]:.3g}. Data: tables/range_test.csv.",
    )

    ctx.set_configs(
        {
            name: apply_overrides(c, {"train.learning_rate": rates[name]}) if name in rates else c
            for name, c in ctx.configs.items()
        }
    )
    files.write_json(
        ctx.out / "config.json", to_dict(ctx.config)
    )  # the primary variant's rate is known only now
    ctx.fits.train_all()
    by_fit = evaluation.fit_rows(ctx.fits.done, ["val_accuracy", "test_accuracy", "loss"])
    summary = evaluation.summarize(by_fit, ["val_accuracy", "test_accuracy", "loss"])
    summary.insert(1, "learning_rate", [rates.get(v) for v in summary["variant"]])
    ctx.page.add_table(
        "headline",
        summary,
        "Training at the default and the suggested rates (5 epochs)",
        "Mean and std over seeds; loss is the training loss of the last epoch.",
    )


if __name__ == "__main__":  # python experiments/lr_range_test.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
