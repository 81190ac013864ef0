"""The notes' worked examples in NumPy: every number TEXTBOOK.md gives, checked (no Keras here)."""

import math

import numpy as np
import pytest

from ann_keras.textbook import activations, backprop, gates, losses, perceptron, scaling
from ann_keras.textbook.notes import agrees, comparison_table, decimals

# ---------------------------------------------------------------- gates (notes 001, 004)


@pytest.mark.parametrize("source", [gates.NOTES_001, gates.NOTES_004])
def test_both_weight_sets_compute_the_truth_tables(source):
    for name in ("AND", "NAND", "OR"):
        assert gates.gate(name, source)(gates.INPUTS).tolist() == gates.TARGETS[name].tolist()
    assert gates.xor(gates.INPUTS, source).tolist() == [0, 1, 1, 0]


def test_threshold_form_is_a_negative_bias():
    nand = gates.gate("NAND", gates.NOTES_004)
    assert nand.weights == (-0.5, -0.5) and nand.bias == pytest.approx(0.7)  # theta -0.7
    assert gates.gate("OR", gates.NOTES_004).bias == pytest.approx(-0.2)  # theta 0.2


def test_no_single_line_separates_xor():
    assert gates.best_line_accuracy(gates.TARGETS["XOR"], step=0.1) == 0.75
    for name in ("AND", "NAND", "OR"):
        assert gates.best_line_accuracy(gates.TARGETS[name], step=0.1) == 1.0
    # notes 004's line -0.5 + x1 + x2 = 0 over XOR: right on three inputs, wrong on (1, 1)
    assert gates.XOR_ATTEMPT(gates.INPUTS).tolist() == [0, 1, 1, 1]


def test_decision_line_passes_through_the_boundary():
    gate = gates.gate("AND")
    x1 = np.array([0.0, 0.7, 1.4])
    assert np.allclose(np.column_stack([x1, gate.line(x1)]) @ np.array(gate.weights) + gate.bias, 0)


# ---------------------------------------------------------------- perceptron rule (notes 000 실습 1)


def test_perceptron_rule_learns_the_notes_weights_on_and():
    fit = perceptron.fit(gates.INPUTS, gates.TARGETS["AND"], epochs=50, learning_rate=0.2)
    assert np.round(fit.weights, 8).tolist() == [0.4, 0.2]
    assert round(fit.bias, 8) == -0.4
    assert perceptron.predict(gates.INPUTS, fit.weights, fit.bias).tolist() == [0, 0, 0, 1]
    assert fit.converged_epoch == 6 and fit.errors_per_epoch[5:] == [0] * 45


def test_perceptron_rule_never_converges_on_xor():
    fit = perceptron.fit(gates.INPUTS, gates.TARGETS["XOR"], epochs=50, learning_rate=0.2)
    assert fit.converged_epoch is None
    assert min(fit.errors_per_epoch) >= 1 and len(fit.errors_per_epoch) == 50


def test_step_function_needs_more_than_the_threshold():
    assert perceptron.step(np.array([0.0, 1e-7, 1.1e-7, 0.5])).tolist() == [0, 0, 1, 1]


# ---------------------------------------------------------------- backprop (notes 000 실습 2, 001 §4, 004)


def test_worked_example_matches_the_notes_to_8_decimals():
    v = backprop.worked_example()
    expected = {
        "z1": 0.08,
        "z2": 0.11,
        "h1": 0.51998934,
        "h2": 0.52747230,
        "z3": 0.44498412,
        "z4": 0.68047592,
        "o1": 0.60944600,
        "E_o1": 0.02193381,
        "E_o2": 0.00203809,
        "E_total": 0.02397190,
        "do1_dz3": 0.23802157,
        "dz3_dW5": 0.51998934,
        "dE_dW5": 0.02592286,
        "W5+": 0.43703857,
        "W6+": 0.38685205,
        "W7+": 0.69629578,
        "W8+": 0.59624247,
        "E_total_after": 0.02323634,
    }
    for key, value in expected.items():
        assert round(v[key], 8) == pytest.approx(value, abs=1e-12), key
    # the chain's three factors multiply to the gradient
    assert v["dE_do1"] * v["do1_dz3"] * v["dz3_dW5"] == pytest.approx(v["dE_dW5"], rel=1e-15)


def test_worked_example_gradients_match_finite_differences():
    v = backprop.worked_example()
    weights = list(backprop.WORKED_EXAMPLE["weights"])
    x, t = backprop.WORKED_EXAMPLE["x"], backprop.WORKED_EXAMPLE["targets"]
    for i in range(8):
        up, down = list(weights), list(weights)
        up[i] += 1e-6
        down[i] -= 1e-6
        numeric = (
            backprop.worked_example_forward(x, t, up)["E_total"]
            - backprop.worked_example_forward(x, t, down)["E_total"]
        ) / 2e-6
        assert v[f"dE_dW{i + 1}"] == pytest.approx(numeric, rel=1e-6, abs=1e-12)


def test_chain_rule_on_wx_plus_b():
    c = backprop.chain_rule_linear(-2.0, 5.0, 3.0)
    assert (c["f"], c["df_dw"], c["df_dx"], c["df_db"]) == (-7.0, 5.0, -2.0, 1.0)


def test_hand_written_deltas_match_finite_differences():
    params = backprop.init_params(np.random.default_rng(3))
    by_hand = backprop.gradients(params, backprop.XOR_INPUTS, backprop.XOR_TARGETS)
    numeric = backprop.numerical_gradients(params, backprop.XOR_INPUTS, backprop.XOR_TARGETS)
    assert (
        backprop.relative_error(by_hand, numeric) < 1e-5
    )  # central differences, eps 1e-6, gradients near 1e-5
    # a wrong delta (sign of the hidden term flipped) is caught
    wrong = dict(by_hand, W1=-by_hand["W1"])
    assert backprop.relative_error(wrong, numeric) > 1e-2


def test_init_params_are_uniform_in_the_limit():
    params = backprop.init_params(np.random.default_rng(0), limit=0.1)
    assert [params[k].shape for k in backprop.PARAMETER_NAMES] == [(2, 2), (2,), (2, 1), (1,)]
    assert all(np.all(np.abs(v) <= 0.1) for v in params.values())


def test_xor_mlp_reaches_the_notes_outputs():
    fit = backprop.train_xor_mlp(
        backprop.init_params(np.random.default_rng(7)), epochs=10_000, learning_rate=0.2
    )
    outputs = backprop.forward(fit.params, backprop.XOR_INPUTS)[1].ravel()
    # notes: 0.04250626, 0.95236738, 0.95224611, 0.06101696
    assert 0.02 < outputs[0] < 0.07 and 0.02 < outputs[3] < 0.09
    assert 0.93 < outputs[1] < 0.98 and 0.93 < outputs[2] < 0.98
    assert fit.losses[-1] < fit.losses[0] and len(fit.losses) == 10_000


# ---------------------------------------------------------------- losses (notes 000, 004)


def test_cross_entropy_example():
    p, q = losses.CROSS_ENTROPY_EXAMPLE["p"], losses.CROSS_ENTROPY_EXAMPLE["q"]
    assert round(losses.cross_entropy(p, q), 5) == 0.35667
    assert losses.cross_entropy(p, q) == pytest.approx(-math.log(0.7), rel=1e-15)
    assert losses.cross_entropy(p, q, base=2) == pytest.approx(-math.log2(0.7))


def test_hinge_example_per_image_and_mean():
    per_image = losses.hinge_example()
    assert [round(v, 8) for v in per_image] == [2.9, 0.0, 12.9]
    assert round(float(np.mean(per_image)), 2) == 5.27
    assert float(np.mean(per_image)) == pytest.approx(15.8 / 3)


def test_softmax_example_and_its_log_base():
    cat = losses.softmax_loss(losses.HINGE_SCORES[:, 0], 0)
    assert np.round(cat["exp"], 2).tolist() == [24.53, 164.02, 0.18]
    assert np.round(cat["probabilities"], 2).tolist() == [0.13, 0.87, 0.0]
    assert cat["probabilities"].sum() == pytest.approx(1.0)
    assert round(cat["loss"], 2) == 2.04  # natural log
    assert (
        round(losses.softmax_loss(losses.HINGE_SCORES[:, 0], 0, base=10)["loss"], 2) == 0.89
    )  # the notes' figure


def test_softmax_is_stable_for_large_scores():
    assert np.allclose(losses.softmax([1000.0, 1000.0]), [0.5, 0.5])


# ---------------------------------------------------------------- activations, scaling


def test_activation_derivatives_match_finite_differences():
    x = np.linspace(-4, 4, 801)
    x = x[np.abs(x) > 1e-3]  # the kinks of ReLU-like functions sit at 0 (and Maxout's where its pieces cross)
    for name, (function, derivative) in activations.catalogue().items():
        numeric = activations.numerical_derivative(function, x)
        mask = np.abs(numeric - derivative(x)) < 1e-6
        assert mask.mean() > 0.99, name  # only points next to a kink may differ


def test_sigmoid_derivative_peaks_at_a_quarter():
    rows = {r["activation"]: r for r in activations.derivative_summary(np.linspace(-5, 5, 1001))}
    assert rows["sigmoid"]["max_derivative"] == pytest.approx(0.25)
    assert rows["tanh"]["max_derivative"] == pytest.approx(1.0)
    assert rows["relu"]["derivative_at_-5"] == 0 and rows["relu"]["derivative_at_5"] == 1
    assert rows["leaky_relu 0.1"]["derivative_at_-5"] == pytest.approx(0.1)
    assert rows["leaky_relu 0.01"]["derivative_at_-5"] == pytest.approx(0.01)


def test_maxout_with_relu_pieces_is_relu():
    function, derivative = activations.maxout(((1.0, 0.0), (0.0, 0.0)))
    x = np.array([-2.0, -0.5, 0.5, 3.0])
    assert function(x).tolist() == activations.relu(x).tolist()
    assert derivative(x).tolist() == [0.0, 0.0, 1.0, 1.0]


def test_normalization_demo_shrinks_the_cloud_to_unit_norm():
    demo = scaling.normalization_demo(seed=0)
    assert demo["x"].shape == (2, 100)
    assert np.linalg.norm(demo["normalized"]) == pytest.approx(1.0)
    assert np.abs(demo["normalized"]).max() < 1
    assert np.allclose(demo["normalized"] * demo["norm"], demo["x"])
    assert scaling.normalize(np.zeros(3)).tolist() == [0, 0, 0]


# ---------------------------------------------------------------- notes comparison


def test_notes_precision_decides_agreement():
    assert decimals("0.35667") == 5 and decimals("5") == 0
    assert agrees(0.3566749, "0.35667") and not agrees(0.3567, "0.35667")
    assert agrees(2.8999999999999995, "2.9") and agrees(-2.0, "-2")
    table = comparison_table({"a": {"x": 0.3566749, "y": 1.0}}, {"x": "0.35667"})
    assert table["agrees with the notes"].tolist() == [True, ""]
