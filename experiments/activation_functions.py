"""Notes 000, 002 and 004: activation functions, their derivatives, and each one trained on Fashion-MNIST."""

from ann_keras.config import default_config, need_hidden_layers

TITLE = "Activation functions: shapes, derivatives, and training with each (Maxout included)"
NOTES = (
    "002_62e211a327abbe58.txt: 활성화 알고리즘 > 다양한 활성화 함수; 004_ef13815ae234472e.txt: 활성화 함수; "
    "000_ffceadf0120e5c77.txt: 그래디언트 소멸"
)
BOOK = "핸즈온 10.1.4"
ORDER = 16
DESCRIPTION = """
Sigmoid, tanh, ReLU, Leaky ReLU max(0.1x, x) (notes 002) and max(0.01x, x) (notes 004), ELU
and Maxout max(w1 x + b1, w2 x + b2), each drawn with its derivative. The sigmoid's
derivative is at most 0.25, so a gradient shrinks by at least 4x through every sigmoid
layer (the vanishing gradient of notes 000); ReLU's is 1 for x > 0 and 0 below, which
Leaky ReLU and ELU soften. Then the same Fashion-MNIST model, Flatten, Dense(100, act),
Dense(10, softmax), RMSprop, 5 epochs, with each activation. Maxout is a Keras layer of this
package (ann_keras.layers.Maxout; TF-Addons, which had one, is end-of-life): activation
"maxout:2" makes the Dense layer 200 wide and takes the larger of each pair, so it has
twice the hidden weights. Seven models on the full data: about 5-6 minutes on two quiet
CPU cores.
"""

VARIANTS = {
    "sigmoid": {"model.hidden.0.activation": "sigmoid"},
    "tanh": {"model.hidden.0.activation": "tanh"},
    "relu": {},
    "leaky_relu_0.1": {"model.hidden.0.activation": "leaky_relu:0.1"},  # notes 002: max(0.1x, x)
    "leaky_relu_0.01": {"model.hidden.0.activation": "leaky_relu:0.01"},  # notes 004: max(0.01x, x)
    "elu": {"model.hidden.0.activation": "elu"},
    "maxout_2": {"model.hidden.0.activation": "maxout:2"},  # max of two linear pieces per unit
}
PRIMARY = "relu"


def get_config():
    config = default_config()  # Flatten + Dense(100, relu) + Dense(10, softmax), RMSprop, 5 epochs
    config.params = {"plot_range": 5.0}  # the functions are drawn on [-range, range]
    return config


def check(config):
    need_hidden_layers(config, 1, "it trains the first hidden layer with each activation")


def run(ctx):
    import numpy as np
    import pandas as pd

    from ann_keras.textbook import activations

    limit = ctx.config.params["plot_range"]
    x = np.linspace(-limit, limit, 1001)
    catalogue = activations.catalogue()
    curves = pd.concat(
        [
            pd.DataFrame({"activation": name, "x": x, "f(x)": function(x), "f'(x)": derivative(x)})
            for name, (function, derivative) in catalogue.items()
        ]
    )
    ctx.page.add_figure(
        "activations",
        "lines",
        ctx.page.save_table("activations", curves),
        x="x",
        y=["f(x)", "f'(x)"],
        panels="activation",
        zero_lines=True,
        title="The activations (top) and their derivatives (bottom)",
        caption=f"Maxout drawn with the pieces {activations.MAXOUT_EXAMPLE}: in a network the pieces are "
        "learned.",
    )
    summary = pd.DataFrame(activations.derivative_summary(x))
    ctx.page.add_table(
        "derivatives",
        summary,
        f"Ranges on [-{limit:g}, {limit:g}]",
        "A derivative well below 1 at both ends (sigmoid, tanh) is what makes deep stacks of them lose "
        "their gradient.",
    )
    # The analytic derivatives against central differences, away from the kinks at 0.
    smooth = x[np.abs(x) > 1e-3]
    check = max(
        float(np.max(np.abs(derivative(smooth) - activations.numerical_derivative(function, smooth))))
        for function, derivative in catalogue.values()
    )
    ctx.page.add_facts(
        sigmoid_max_derivative=float(summary.set_index("activation").loc["sigmoid", "max_derivative"]),
        tanh_max_derivative=float(summary.set_index("activation").loc["tanh", "max_derivative"]),
        relu_derivative_positive=float(activations.relu_deriv(np.array([2.0]))[0]),
        relu_derivative_negative=float(activations.relu_deriv(np.array([-2.0]))[0]),
        sigmoid_gradient_after_5_layers_at_most=0.25**5,
        max_abs_derivative_minus_finite_difference=check,
    )

    fits = ctx.fits.train_all()
    rows = []
    for fit in fits:
        m = fit.metrics
        rows.append(
            {
                "variant": fit.variant,
                "activation": fit.config.model.hidden[0].activation,
                "seed": fit.seed,
                "params": m["params"],
                "val_accuracy": m["val_accuracy"],
                "test_accuracy": m["test_accuracy"],
                "test_f1_macro": m["test_f1_macro"],
                "seconds_per_epoch": round(m["seconds_per_epoch"], 2),
            }
        )
    ctx.page.add_table(
        "results",
        pd.DataFrame(rows),
        "Fashion-MNIST with each activation",
        "The same model and training; maxout_2 has 784 x 200 + 200 hidden weights and biases against 784 x "
        "100 + 100.",
    )
    params = {fit.variant: fit.metrics["params"] for fit in fits}
    if "maxout_2" in params and "relu" in params:
        ctx.page.add_facts(maxout_params=params["maxout_2"], relu_params=params["relu"])
    ctx.page.add_test_accuracies(fits, ctx.config.seed)


if __name__ == "__main__":  # python experiments/activation_functions.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
