"""The textbook experiments from the runner: their facts are the notes' numbers."""

import json
import math

import pandas as pd
import pytest

from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment
from ann_keras.report import build_pages

TEXTBOOK = [
    "perceptron_logic_gates",
    "perceptron_learning_rule",
    "xor_single_layer",
    "xor_mlp_backprop",
    "backprop_worked_example",
    "loss_functions",
    "activation_functions",
    "input_scaling",
]


def run(name, tmp_path, overrides=None, **options):
    options = RunOptions(results_dir=tmp_path / "results", verbose=False, **options)
    out = run_experiment(registry.get_experiment(name), overrides or {}, options)
    assert json.loads((out / "run.json").read_text())["status"] == "complete"
    return out, json.loads((out / "facts.json").read_text())


def test_textbook_experiments_are_listed_before_the_chapter_7_ones():
    experiments = registry.all_experiments()
    names = [e.name for e in experiments]
    assert set(TEXTBOOK) <= set(names)
    assert max(names.index(n) for n in TEXTBOOK) < names.index("hg7_1_softmax_regression")
    for experiment in experiments:
        if experiment.name in TEXTBOOK:
            assert (
                10 <= experiment.order < 30
                and experiment.notes_section.startswith("00")
                and experiment.book_section
            )


def test_logic_gates(tmp_path):
    out, facts = run("perceptron_logic_gates", tmp_path, {"params.grid_step": 0.1})
    for source in ("001", "004"):
        assert facts[f"and_{source}_outputs"] == "0 0 0 1"
        assert facts[f"nand_{source}_outputs"] == "1 1 1 0"
        assert facts[f"or_{source}_outputs"] == "0 1 1 1"
        assert facts[f"xor_from_and_nand_or_{source}"] == "0 1 1 0"
    assert facts["best_single_line_accuracy_xor"] == 0.75 and facts["best_single_line_accuracy_and"] == 1.0
    lines = pd.read_csv(out / "tables" / "decision_lines.csv")  # the declared figure's data
    and_001 = lines[(lines["panel"] == "AND") & (lines["source"] == "notes 001")].iloc[0]
    assert (and_001["w1"], and_001["w2"], and_001["b"]) == (0.5, 0.5, -0.7)  # notes 001's AND
    assert list(lines[lines["panel"] == "XOR"]["gate"]) == ["NAND", "OR"]  # XOR's hidden units
    build_pages(out.parent)
    assert (out / "report_files" / "figures" / "decision_lines.png").stat().st_size > 10_000
    assert 'src="report_files/figures/decision_lines.png"' in (out / "report.html").read_text()


def test_perceptron_learning_rule(tmp_path):
    out, facts = run("perceptron_learning_rule", tmp_path)
    assert (round(facts["and_w1"], 8), round(facts["and_w2"], 8), round(facts["and_bias"], 8)) == (
        0.4,
        0.2,
        -0.4,
    )
    assert facts["and_predictions"] == "0 0 0 1"
    assert facts["xor_epochs_with_errors"] == 50 and facts["xor_min_errors_in_an_epoch"] >= 1
    assert len(pd.read_csv(out / "tables" / "epochs_all.csv")) == 50


def test_perceptron_rule_settings_come_from_the_config(tmp_path):
    _, facts = run("perceptron_learning_rule", tmp_path, {"train.epochs": 3})
    assert facts["and_first_epoch_without_errors"] is None  # AND needs 6 epochs at rate 0.2
    assert len(facts["errors_per_epoch"]["AND"]) == 3


def test_backprop_worked_example(tmp_path):
    out, facts = run("backprop_worked_example", tmp_path)
    notes = {
        "h1": 0.51998934,
        "h2": 0.52747230,
        "z3": 0.44498412,
        "z4": 0.68047592,
        "o1": 0.60944600,
        "E_o1": 0.02193381,
        "E_o2": 0.00203809,
        "E_total": 0.02397190,
        "dE_dW5": 0.02592286,
        "W5+": 0.43703857,
        "W6+": 0.38685205,
        "W7+": 0.69629578,
        "W8+": 0.59624247,
        "E_total_after": 0.02323634,
    }
    for key, value in notes.items():
        assert round(facts[key], 8) == pytest.approx(value, abs=1e-12), key
    assert (facts["z1"], facts["z2"]) == (pytest.approx(0.08), pytest.approx(0.11))
    assert facts["max_abs_chain_rule_minus_gradient_tape"] < 1e-14
    # the worked example's 18 numbers and f = wx + b's 4 (f, df/dw, df/dx, df/db)
    assert facts["notes_numbers_checked"] == 18 + 4 and facts["notes_numbers_disagreeing"] == 0
    assert (facts["chain_f"], facts["chain_df_dw"], facts["chain_df_dx"], facts["chain_df_db"]) == (
        -7,
        5,
        -2,
        1,
    )
    table = pd.read_csv(out / "tables" / "worked_example.csv")
    assert table.set_index("quantity").loc["W5+", "agrees with the notes"]
    build_pages(out.parent)
    assert "| 0.43703857 | 0.43703857 | 0.43703857 | True |" in (out / "report.md").read_text()


def test_xor_single_layer(tmp_path):
    out, facts = run("xor_single_layer", tmp_path)
    assert facts["steps"] == 10_001
    assert abs(facts["final_cost"] - math.log(2)) < 1e-6  # notes: 0.6931471824645996
    assert facts["max_abs_output_minus_half"] < 1e-6  # notes: every output 0.5
    assert facts["accuracy"] == 0.5  # notes: 0.5
    assert facts["initial_cost"] > facts["final_cost"]


def test_xor_mlp_backprop(tmp_path):
    out, facts = run("xor_mlp_backprop", tmp_path, {"seeds": 1})
    # notes: 0.04250626, 0.95236738, 0.95224611, 0.06101696 (test_textbook.py trains another seed)
    assert facts["seeds_solved"] == facts["seeds_trained"] == 1
    assert facts["max_output_for_target_0"] < 0.1 and facts["min_output_for_target_1"] > 0.9
    assert 0.02 < facts["output_00"] < 0.07 and 0.93 < facts["output_01"] < 0.98
    assert facts["gradient_check_finite_differences"] < 1e-5 and facts["gradient_check_gradient_tape"] < 1e-12
    assert facts["max_abs_keras_minus_numpy_output"] < 1e-3
    assert len(pd.read_csv(out / "tables" / "outputs_by_seed.csv")) == 2  # the seed and the notes' row


def test_loss_examples_and_sgd_mse_against_cross_entropy(tmp_path):
    subset = {
        "data.train_samples": 2000,
        "data.val_samples": 500,
        "data.test_samples": 500,
        "train.epochs": 2,
    }
    out, facts = run("loss_functions", tmp_path, subset, only=["sgd_mse", "sgd_cross_entropy"])
    assert (
        round(facts["cross_entropy_ln"], 5) == 0.35667
        and round(facts["keras_categorical_crossentropy"], 5) == 0.35667
    )
    assert [round(facts[f"hinge_{k}_image"], 8) for k in ("cat", "car", "frog")] == [2.9, 0.0, 12.9]
    assert round(facts["hinge_mean"], 2) == 5.27
    assert round(facts["softmax_p_cat"], 2) == 0.13 and round(facts["softmax_p_car"], 2) == 0.87
    assert (
        round(facts["softmax_loss_cat_log10"], 2) == 0.89 and round(facts["softmax_loss_cat_ln"], 2) == 2.04
    )
    # with plain SGD, MSE on the softmax barely moves in two epochs while cross-entropy learns
    assert facts["sgd_cross_entropy_test_accuracy"] > facts["sgd_mse_test_accuracy"] + 0.2
    assert (out / "comparison.csv").is_file()
