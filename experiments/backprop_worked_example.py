"""Notes 001 §4 and 004: the backprop worked example to 8 decimals, and the chain rule on f = wx + b."""

from ann_keras.config import default_config

TITLE = "Backpropagation worked example, by hand and by GradientTape"
NOTES = (
    "001_6b6b17e52b4a7b21.txt: 4 역전파 Backpropagation; 004_ef13815ae234472e.txt: 역전파 계산 (f = wx + b)"
)
BOOK = "핸즈온 10.1.4"
ORDER = 14
DESCRIPTION = """
Two inputs x1 = 0.1, x2 = 0.2, two sigmoid hidden units, two sigmoid outputs, no biases,
E = sum 1/2 (target - output)^2 with targets 0.4 and 0.6, weights W1..W8 = 0.3, 0.25, 0.4,
0.35, 0.45, 0.4, 0.7, 0.6, learning rate 0.5. Every forward value, every gradient and every
updated weight, once by the chain rule written out as the notes do (float64 NumPy) and once
by a Keras net in float64 with tf.GradientTape and one Keras SGD step, set beside the
numbers the notes print; after updating all eight weights E_total falls from 0.02397190 to
0.02323634. Then notes 004's chain rule on f = wx + b at w = -2, x = 5, b = 3. Needs the
TensorFlow backend; runs in a second.
"""


def get_config():
    config = default_config()
    config.params = {  # notes 001's network; change any of them with --set params.NAME=...
        "x": [0.1, 0.2],
        "targets": [0.4, 0.6],
        "weights": [0.3, 0.25, 0.4, 0.35, 0.45, 0.4, 0.7, 0.6],  # W1..W8
        "learning_rate": 0.5,
        "chain_w": -2.0,  # notes 004: f = w x + b at w = -2, x = 5, b = 3
        "chain_x": 5.0,
        "chain_b": 3.0,
    }
    return config


# What the notes print, as written (their precision decides the comparison).
NOTES_NUMBERS = {
    "z1": "0.08",
    "z2": "0.11",
    "h1": "0.51998934",
    "h2": "0.52747230",
    "z3": "0.44498412",
    "z4": "0.68047592",
    "o1": "0.60944600",
    "E_o1": "0.02193381",
    "E_o2": "0.00203809",
    "E_total": "0.02397190",
    "do1_dz3": "0.23802157",
    "dz3_dW5": "0.51998934",
    "dE_dW5": "0.02592286",
    "W5+": "0.43703857",
    "W6+": "0.38685205",
    "W7+": "0.69629578",
    "W8+": "0.59624247",
    "E_total_after": "0.02323634",
}
NOTES_CHAIN_NUMBERS = {"f": "-7", "df_dw": "5", "df_dx": "-2", "df_db": "1"}
ORDERED = (
    "z1",
    "z2",
    "h1",
    "h2",
    "z3",
    "z4",
    "o1",
    "o2",
    "E_o1",
    "E_o2",
    "E_total",
    "dE_do1",
    "do1_dz3",
    "dz3_dW5",
    *(f"dE_dW{i}" for i in range(1, 9)),
    *(f"W{i}+" for i in range(1, 9)),
    "E_total_after",
)


def run(ctx):
    from ann_keras.textbook import backprop, tape
    from ann_keras.textbook.notes import agrees, comparison_table

    p = ctx.config.params
    example = dict(
        x=tuple(p["x"]),
        targets=tuple(p["targets"]),
        weights=tuple(p["weights"]),
        learning_rate=p["learning_rate"],
    )
    by_hand = backprop.worked_example(**example)
    by_tape = tape.worked_example(**example)
    computed = {
        "chain rule": {k: by_hand[k] for k in ORDERED},
        "GradientTape": {k: by_tape[k] for k in ORDERED if k in by_tape},
    }
    defaults = get_config().params
    # The notes' numbers belong to the notes' network: with other --set params there is nothing to compare.
    notes = (
        NOTES_NUMBERS
        if all(p[k] == defaults[k] for k in ("x", "targets", "weights", "learning_rate"))
        else {}
    )
    ctx.page.add_table(
        "worked_example",
        comparison_table(computed, notes),
        "Forward and backward pass, one gradient step",
        "dE_do1 x do1_dz3 x dz3_dW5 = dE_dW5 as the notes multiply them; W+ = W - 0.5 dE/dW. "
        "GradientTape gives the gradients, not the chain's factors.",
        decimals=8,
    )

    chain = {
        "chain rule": backprop.chain_rule_linear(p["chain_w"], p["chain_x"], p["chain_b"]),
        "GradientTape": tape.chain_rule_linear(p["chain_w"], p["chain_x"], p["chain_b"]),
    }
    chain_notes = (
        NOTES_CHAIN_NUMBERS if all(p[k] == defaults[k] for k in ("chain_w", "chain_x", "chain_b")) else {}
    )
    ctx.page.add_table(
        "chain_rule",
        comparison_table(chain, chain_notes),
        "f = wx + b: g = wx, f = g + b",
        "df/dw = df/dg * dg/dw = 1 * x; df/dx = df/dg * dg/dx = 1 * w.",
        decimals=4,
    )

    disagreements = [
        q
        for q in notes
        if not agrees(by_hand[q], notes[q]) or (q in by_tape and not agrees(by_tape[q], notes[q]))
    ] + [  # f = wx + b: both computations against the notes' four numbers
        f"chain_{q}"
        for q in chain_notes
        if not all(agrees(values[q], chain_notes[q]) for values in chain.values() if q in values)
    ]
    checked = len(notes) + len(chain_notes)
    ctx.page.add_facts(
        **{k: by_hand[k] for k in ORDERED},
        max_abs_chain_rule_minus_gradient_tape=max(abs(by_hand[k] - by_tape[k]) for k in by_tape),
        notes_numbers_checked=checked,
        notes_numbers_disagreeing=len(disagreements),
        chain_f=chain["chain rule"]["f"],
        chain_df_dw=chain["chain rule"]["df_dw"],
        chain_df_dx=chain["chain rule"]["df_dx"],
        chain_df_db=chain["chain rule"]["df_db"],
    )
    ctx.log(
        f"  {checked - len(disagreements)} of {checked} numbers of the notes reproduced by both "
        "computations; "
        f"E_total {by_hand['E_total']:.8f} -> {by_hand['E_total_after']:.8f}"
    )


if __name__ == "__main__":  # python experiments/backprop_worked_example.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
