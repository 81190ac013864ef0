"""Notes 001 and 004: AND, NAND and OR as single perceptrons with fixed weights; XOR = AND(NAND, OR)."""

from ann_keras.config import default_config

TITLE = "Logic gates as perceptrons, and XOR from three of them"
NOTES = (
    "001_6b6b17e52b4a7b21.txt: 2 퍼셉트론 > 단층 퍼셉트론 (AND, NAND, OR, XOR), 다층 퍼셉트론; "
    "004_ef13815ae234472e.txt: "
    "단순한 논리회로, 퍼셉트론의 한계"
)
BOOK = "핸즈온 10.1.2-10.1.3"
ORDER = 10
TRAINS = False  # no Keras model: the notes' arithmetic in NumPy
DESCRIPTION = """
A perceptron outputs 1 when w1*x1 + w2*x2 + b > 0. Notes 001 give AND (0.5, 0.5, b -0.7),
NAND (-0.5, -0.5, b 0.7) and OR (0.6, 0.6, b -0.5); notes 004 write the same unit with a
threshold theta, AND (0.5, 0.5, theta 0.7), NAND (-0.5, -0.5, theta -0.7), OR (0.5, 0.5,
theta 0.2). Both sets compute the truth tables; each gate is one straight line across the
input square. XOR is not linearly separable: a search over a grid of lines finds none that
gets all four inputs right (the best gets 3 of 4, like notes 004's line -0.5 + x1 + x2 = 0),
while one hidden layer does it: XOR = AND(NAND(x), OR(x)). NumPy only; runs in a second.
"""


def get_config():
    config = default_config()
    config.params = {
        "grid_limit": 2.0,  # the line search tries w1, w2, b in [-limit, limit] ...
        "grid_step": 0.05,  # ... on this grid: 81^3 = 531,441 lines
    }
    return config


def run(ctx):
    import pandas as pd

    from ann_keras.textbook import gates

    params = ctx.config.params
    x = gates.INPUTS
    table = pd.DataFrame({"x1": x[:, 0].astype(int), "x2": x[:, 1].astype(int)})
    for gate in gates.GATES:
        table[f"{gate.name} ({gate.source.split()[0]})"] = gate(x)
    for source in (gates.NOTES_001, gates.NOTES_004):
        table[f"AND(NAND, OR) ({source.split()[0]})"] = gates.xor(x, source)
    table["XOR target"] = gates.TARGETS["XOR"]
    ctx.page.add_table(
        "truth_tables",
        table,
        "Truth tables",
        "Each column is one perceptron (notes 001 or 004's weights) on the four inputs.",
    )

    rows = []
    for gate in [*gates.GATES, gates.XOR_ATTEMPT]:
        target = gates.TARGETS["XOR" if gate is gates.XOR_ATTEMPT else gate.name]
        outputs = gate(x)
        rows.append(
            {
                "gate": gate.name,
                "notes": gate.source,
                "w1": gate.weights[0],
                "w2": gate.weights[1],
                "b": gate.bias,
                "outputs": " ".join(map(str, outputs)),
                "target": " ".join(map(str, target)),
                "correct": int((outputs == target).sum()),
            }
        )
    ctx.page.add_table(
        "gates",
        pd.DataFrame(rows),
        "Weights, outputs and targets",
        "Notes 004's theta is written as b = -theta. The last row is notes 004's single line drawn over XOR.",
    )

    best = {
        name: gates.best_line_accuracy(target, params["grid_limit"], params["grid_step"])
        for name, target in gates.TARGETS.items()
    }
    ctx.page.add_table(
        "best_single_line",
        pd.DataFrame({"target": list(best), "best accuracy of one line": list(best.values())}),
        "The best any single line can do",
        f"Every line w1*x1 + w2*x2 + b on a grid of step {params['grid_step']:g} in "
        f"[-{params['grid_limit']:g}, {params['grid_limit']:g}].",
    )

    # Each gate's panel holds its own lines; XOR's holds the two hidden units AND combines.
    drawn = [(gate.name, gate) for gate in gates.GATES] + [("XOR", gates.gate(n)) for n in ("NAND", "OR")]
    lines = pd.DataFrame(
        [
            {
                "panel": panel,
                "gate": gate.name,
                "source": "notes " + gate.source.split()[0],
                "w1": gate.weights[0],
                "w2": gate.weights[1],
                "b": gate.bias,
                "target": " ".join(map(str, gates.TARGETS[panel])),
            }
            for panel, gate in drawn
        ]
    )
    ctx.page.add_figure(
        "decision_lines",
        "decision_lines",
        ctx.page.save_table("decision_lines", lines),
        title="Decision lines in the input square",
        caption="Filled: output 1, open: output 0. XOR needs two lines (NAND and OR of notes 001), combined "
        "by AND.",
    )

    facts = {f"{g.name.lower()}_{g.source.split()[0]}_outputs": " ".join(map(str, g(x))) for g in gates.GATES}
    facts.update(
        {
            "xor_from_and_nand_or_001": " ".join(map(str, gates.xor(x, gates.NOTES_001))),
            "xor_from_and_nand_or_004": " ".join(map(str, gates.xor(x, gates.NOTES_004))),
            "xor_line_-0.5+x1+x2_correct_of_4": int((gates.XOR_ATTEMPT(x) == gates.TARGETS["XOR"]).sum()),
        }
    )
    facts.update({f"best_single_line_accuracy_{name.lower()}": value for name, value in best.items()})
    ctx.page.add_facts(**facts)
    ctx.log(
        f"  XOR = AND(NAND, OR): {facts['xor_from_and_nand_or_001']}; best single line on XOR: "
        f"{best['XOR']:.2f} accuracy"
    )


if __name__ == "__main__":  # python experiments/perceptron_logic_gates.py [--set key=value] [--quick] ...
    from ann_keras.cli import run_script

    raise SystemExit(run_script(__file__))
