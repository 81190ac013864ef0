"""핸즈온 10.2.4-10.2.5: one network as Sequential, Functional and subclassed models; a wide & deep one."""

from ann_keras.config import LayerConfig, default_config

TITLE = "Sequential, Functional, subclassed and wide & deep models"
NOTES = "003_4f79ef8f212079da.txt: 핸즈온 10 > 저수준 api 에서 서브클래싱 방식으로 모델을 생성"
BOOK = "핸즈온 10.2.4"
ORDER = 191
DESCRIPTION = """
핸즈온 10's 784-300-100-10 network written three ways, the Sequential API, the Functional API
and a subclassed keras.Model (all from the one builder, ann_keras.models), and the Functional
API's wide & deep model of 핸즈온 10.2.4: the flattened pixels also go straight to the output
layer, concatenated with the last hidden layer (the "wide" path beside the "deep" one), which
adds 784 x 10 weights. With the same seed the first three start from the same weights and train
to the same numbers; the table shows how close. SGD (learning rate 0.01), 5 epochs on the first
12,000 training images (validation and test sets whole), 3 seeds each. --quick runs one seed.
"""

VARIANTS = {
    "sequential": {"model.api": "sequential"},
    "functional": {"model.api": "functional"},
    "subclassed": {"model.api": "subclassed"},
    "wide_and_deep": {"model.api": "functional", "model.wide": True},
}
PRIMARY = "functional"
QUICK = {"seeds": 1}


def get_config():
    config = default_config()
    config.data.split = "tail"  # 핸즈온 10: X_train_full[:-5000] trains, X_train_full[-5000:] validates
    config.data.validation_size = 5000  # 55,000 / 5,000
    config.model.hidden = [LayerConfig(units=300), LayerConfig(units=100)]  # 핸즈온 10's network
    config.train.optimizer = "sgd"
    config.train.epochs = 5
    config.data.train_samples = 12_000  # 4 models x 3 seeds on a quarter of the training split
    config.seeds = 3
    return config


def run(ctx):
    import numpy as np

    from ann_keras import evaluation

    ctx.fits.train_all()
    by_fit = evaluation.fit_rows(ctx.fits.done, ["params", "val_accuracy", "test_accuracy", "loss"])
    summary = evaluation.summarize(by_fit, ["val_accuracy", "test_accuracy", "loss"])
    summary.insert(
        1, "params", [int(by_fit[by_fit["variant"] == v]["params"].iloc[0]) for v in summary["variant"]]
    )
    ctx.page.add_table(
        "headline",
        summary,
        "Four ways to write the model",
        "Mean and std over seeds; loss is the training loss of the last epoch.",
    )
    histories = {(u.variant, u.seed): np.asarray(u.history["val_loss"], dtype=float) for u in ctx.fits.done}
    differences = [
        float(np.max(np.abs(histories[(api, seed)] - histories[("sequential", seed)])))
        for (api, seed) in histories
        if api in ("functional", "subclassed") and ("sequential", seed) in histories
    ]
    if differences:
        ctx.page.add_facts(max_val_loss_difference_between_apis=max(differences))
    params = by_fit.drop_duplicates("variant").set_index("variant")["params"]
    if {"sequential", "wide_and_deep"} <= set(params.index):
        ctx.page.add_facts(
            params_sequential=int(params["sequential"]), params_wide_and_deep=int(params["wide_and_deep"])
        )


if __name__ == "__main__":  # python experiments/hml10_apis.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
