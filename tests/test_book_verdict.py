"""The books' numbers as data: the declarations, the verdict on hand-made numbers, the fidelity reader,
the "Book vs this run" section and `ann-keras run`'s closing line."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from ann_keras import book
from ann_keras.errors import UserError
from ann_keras.pipeline.experiments import all_experiments
from ann_keras.report import book as book_page
from ann_keras.report import document as doc
from ann_keras.report import markdown
from ann_keras.report.document import Document
from ann_keras.report.text import words


def number(printed, here=(), metric="val_accuracy", variant=None):
    return book.BookNumber(
        metric,
        "model.evaluate(val)",
        tuple(book.Printed(edition, "3.10", value) for edition, value in printed),
        tuple(here),
        variant,
    )


# 혼공머신 7-3's early-stopped model: 2nd ed. 0.8853, 1st ed. 0.8859, the book's code here 0.88325.
SEVEN_THREE = number([("2nd", 0.8853), ("1st", 0.8859)], [0.8832499980926514])


def test_identical_when_it_rounds_to_the_printed_number():
    verdict = book.judge(SEVEN_THREE, 0.88534)
    assert verdict.kind == book.IDENTICAL and verdict.matched == "printed"
    assert verdict.difference == pytest.approx(0.00004)


def test_identical_when_it_is_the_books_code_here_to_every_digit():
    verdict = book.judge(SEVEN_THREE, 0.8832499980926514)
    assert (verdict.kind, verdict.matched) == (book.IDENTICAL, "here")
    # One ulp-sized step away is not identical any more, only inside the band.
    assert book.judge(SEVEN_THREE, 0.8832500000000001).kind == book.WITHIN


def test_the_band_spans_editions_and_runs_here():
    assert book.band(SEVEN_THREE) == (0.8832499980926514, 0.8859)
    assert book.band(SEVEN_THREE, book_here=0.8870) == (0.8832499980926514, 0.8870)
    within = book.judge(SEVEN_THREE, 0.8840)
    assert within.kind == book.WITHIN and within.difference == pytest.approx(0.8840 - 0.8853)


def test_outside_says_how_far_past_the_band():
    low = book.judge(SEVEN_THREE, 0.8796)
    assert low.kind == book.OUTSIDE
    assert low.difference == pytest.approx(0.8796 - 0.8853)
    assert low.beyond == pytest.approx(0.8796 - 0.8832499980926514)
    high = book.judge(SEVEN_THREE, 0.8900)
    assert high.kind == book.OUTSIDE and high.beyond == pytest.approx(0.8900 - 0.8859)


def test_a_fidelity_value_widens_the_band_and_is_the_identical_reference():
    assert book.judge(SEVEN_THREE, 0.8870).kind == book.OUTSIDE
    assert book.judge(SEVEN_THREE, 0.8870, book_here=0.8870).kind == book.IDENTICAL


def test_integer_numbers_stopped_epoch():
    stopped = number([("2nd", 12), ("1st", 16)], [15], metric="stopped_epoch")
    assert book.judge(stopped, 12).kind == book.IDENTICAL
    assert book.judge(stopped, 14).kind == book.WITHIN
    outside = book.judge(stopped, 9)
    assert (outside.kind, outside.difference, outside.beyond) == (book.OUTSIDE, -3, -3)


def test_a_single_printed_number_with_no_run_here_has_no_width():
    alone = number([("3rd", 0.8636)])
    assert book.judge(alone, 0.86364).kind == book.IDENTICAL
    assert book.judge(alone, 0.8640).kind == book.OUTSIDE
    assert book.judge(alone, None).kind == book.NOT_RUN


def test_decimals_as_printed():
    assert [book.decimals(v) for v in (0.8458, 16, 0.4444, 0.87, 1e-4, 79510)] == [4, 0, 4, 2, 4, 0]


def test_this_runs_numbers_from_the_files():
    metrics = {"val_accuracy": 0.88, "epochs_run": 13, "stopped_early": True}
    assert book.run_value(number([("2nd", 12)], metric="stopped_epoch"), metrics) == 12
    assert book.run_value(number([("2nd", 12)], metric="stopped_epoch"), {"epochs_run": 20}) is None
    assert book.run_value(number([("3rd", 0.87)], metric="search_score"), {}, {"search_score": 0.86}) == 0.86
    assert book.run_value(SEVEN_THREE, metrics) == 0.88


@pytest.mark.parametrize(
    "declaration, message",
    [
        ({"metric": "x"}, "must be a list"),
        ([{"metric": "a", "cell": "c", "printed": []}], "printed"),
        ([{"metric": "a", "cell": "c", "printed": [{"edition": "2nd", "value": 0.8}]}], "edition"),
        (
            [{"metric": "a", "cell": "c", "printed": [{"edition": "2", "keras": "3", "value": "0.8"}]}],
            "edition",
        ),
        (
            [
                {
                    "metric": "a",
                    "cell": "c",
                    "printed": [{"edition": "2", "keras": "3", "value": 0.8}],
                    "typo": 1,
                }
            ],
            "typo",
        ),
        (
            [{"metric": "a", "cell": "c", "printed": [{"edition": "2", "keras": "3", "value": 0.8}]}] * 2,
            "declared twice",
        ),
    ],
)
def test_bad_declarations_are_one_line_errors(declaration, message):
    with pytest.raises(UserError, match=message):
        book.parse(declaration)


def test_every_declaration_parses_and_pins_book_numbers_md():
    declared = {e.name: {n.key: n for n in e.book_numbers} for e in all_experiments()}
    seven_three = declared["hg7_3_dropout_early_stopping"]
    assert [(p.edition, p.value) for p in seven_three["val_accuracy"].printed] == [
        ("2nd", 0.8853),
        ("1st", 0.8859),
    ]
    assert [(p.edition, p.value) for p in seven_three["stopped_epoch"].printed] == [("2nd", 12), ("1st", 16)]
    assert declared["hg7_1_softmax_regression"]["val_accuracy"].here == (0.8458333611488342,)
    assert declared["hg7_2_deep_network"]["relu_flatten/val_accuracy"].followed.value == 0.8652
    assert declared["hml10_sequential"]["test_accuracy"].followed.value == 0.8864


# ---------------------------------------------------------------- the page, from a hand-made fidelity file


def write_fidelity(results: Path, values: dict) -> None:
    """A fidelity file as `ann-keras fidelity` writes it (its own writer), with the book's side `values`
    for 7-3's last fit and a different number for an earlier fit."""
    from ann_keras.pipeline import fidelity

    names = {"stopped_epoch": "stopped_epoch", "val_accuracy": "val_accuracy"}
    rows = [
        {"model": "fit5_dropout", "number": "val_accuracy", "book": 0.8839, "package": 0.8839},
        {"model": "fit6_dropout_11_epochs", "number": "val_accuracy", "book": 0.8842, "package": 0.8842},
    ]
    rows += [
        {"model": "fit8_early_stopping", "number": names[k], "book": v, "package": v, "verdict": "identical"}
        for k, v in values.items()
    ]
    entry = {"experiment": "hg7_3_dropout_early_stopping", "rows": rows, "identical": True, "finished": "now"}
    fidelity.write([entry], "tensorflow", {"type": "CPU", "cpu_count": 2}, results)


def folder(results: Path, metrics: dict):
    """A stand-in for report.load.ResultFolder with what the section reads."""
    path = results / "hg7_3_dropout_early_stopping"
    path.mkdir(parents=True, exist_ok=True)
    return types.SimpleNamespace(
        path=path,
        name=path.name,
        run={"experiment": path.name, "status": "complete"},
        metrics=metrics,
        fits=[],
        search={},
        problems=[],
        complete=True,
    )


def test_fidelity_reader_reads_the_hand_made_file(tmp_path):
    assert book_page.read_fidelity(tmp_path, "hg7_3_dropout_early_stopping") is None
    write_fidelity(tmp_path, {"val_accuracy": 0.8832499980926514, "stopped_epoch": 15})
    assert book_page.read_fidelity(tmp_path, "hg7_3_dropout_early_stopping") == {
        "val_accuracy": 0.8832499980926514,  # the notebook's last model's, by its plain name
        "stopped_epoch": 15.0,
        "fit8_early_stopping/val_accuracy": 0.8832499980926514,
        "fit8_early_stopping/stopped_epoch": 15.0,
        "fit5_dropout/val_accuracy": 0.8839,
        "fit6_dropout_11_epochs/val_accuracy": 0.8842,
    }
    assert book_page.read_fidelity(tmp_path, "hg7_1_softmax_regression") is None


def render(blocks) -> str:
    return markdown.render(Document("t", "en", [], blocks, ""))


def test_section_with_the_books_code_run_here(tmp_path):
    write_fidelity(tmp_path, {"val_accuracy": 0.8832499980926514, "stopped_epoch": 15})
    experiment = folder(
        tmp_path, {"val_accuracy": 0.8832499980926514, "epochs_run": 16, "stopped_early": True}
    )
    text = render(book_page.section(experiment, "en"))
    assert "0.8853 (2nd ed., Keras 3.10)" in text and "16 (1st ed., Keras 3.4)" in text
    assert text.count("identical to the book's code here") == 2
    assert "not run here yet" not in text
    assert "lowest to the highest" in text  # the band's definition is on the page


def test_section_without_fidelity_says_how_to_run_it(tmp_path):
    experiment = folder(tmp_path, {"val_accuracy": 0.8796, "epochs_run": 10, "stopped_early": True})
    text = render(book_page.section(experiment, "en"))
    assert "not run here yet" in text and "ann-keras fidelity hg7_3_dropout_early_stopping" in text
    assert "outside the printed band: -0.0057 from the printed number, -0.0036 past the band" in text
    assert "outside the printed band: -3 from the printed number, -3 past the band" in text
    korean = render(book_page.section(experiment, "ko"))
    assert "책의 범위 밖" in korean and "아직 여기서 돌리지 않았어요" in korean


def test_the_index_cell_shows_this_runs_number_beside_the_books(tmp_path):
    write_fidelity(tmp_path, {"val_accuracy": 0.8832499980926514, "stopped_epoch": 15})
    experiment = folder(
        tmp_path, {"val_accuracy": 0.8832499980926514, "epochs_run": 16, "stopped_early": True}
    )
    text = render([doc.Paragraph(book_page.index_cell(experiment, words("en")))])
    # this run's 0.8832 and 15 first; the printed 0.8853 (2nd ed.) and 12 only as the book's
    assert "val_accuracy 0.8832 (book 0.8853): " in text and "stopped_epoch 15 (book 12): " in text
    assert text.count("identical to the book's code here") == 2  # not to the printed number beside it
    korean = render([doc.Paragraph(book_page.index_cell(experiment, words("ko")))])
    assert "val_accuracy 0.8832 (책 0.8853): " in korean


def test_run_line_names_the_verdict_and_the_page(tmp_path, monkeypatch):
    experiment = folder(
        tmp_path, {"test_accuracy": 0.8770, "val_accuracy": 0.8853, "epochs_run": 13, "stopped_early": True}
    )
    monkeypatch.setattr(book_page, "ResultFolder", lambda path: experiment)
    line = book_page.run_line(experiment.path)
    assert line.startswith(
        "  hg7_3_dropout_early_stopping: test_accuracy 0.8770 | book val_accuracy 0.8853 (2nd ed."
    )
    assert "identical to the printed number" in line and line.endswith(str(experiment.path / "report.html"))


def test_chapters_in_book_order():
    def result(name, section):
        return types.SimpleNamespace(name=name, run={"experiment": name, "book_section": section})

    shown = [
        result("optimizers", "핸즈온 11.3"),
        result("hml10_sequential", "핸즈온 10.2.2"),
        result("hg7_3_dropout_early_stopping", "혼공머신 7-3"),
        result("hg7_1_softmax_regression", "혼공머신 7-1"),
        result("perceptron_logic_gates", "핸즈온 10.1.2-10.1.3"),
        result("hml10_3_random_search", "핸즈온 10.3"),
        result("lr_range_test", "핸즈온 10.3"),  # listed before 10.2.4 in the registry
        result("hml10_apis", "핸즈온 10.2.4"),
        result("batch_vs_online", "핸즈온 4.2"),  # the notes keep their own order
    ]
    grouped = [(title, [e.name for e in members]) for title, members in book_page.chapters(shown)]
    assert grouped == [
        ("혼공머신 7", ["hg7_1_softmax_regression", "hg7_3_dropout_early_stopping"]),
        (
            "핸즈온 10",
            [
                "perceptron_logic_gates",
                "hml10_sequential",
                "hml10_apis",
                "lr_range_test",
                "hml10_3_random_search",
            ],
        ),
        ("notes", ["optimizers", "batch_vs_online"]),
    ]


def test_a_float32_metric_is_identical_to_the_same_number_in_float64():
    number = book.parse(
        [
            {
                "metric": "test_accuracy",
                "cell": "evaluate(test)",
                "printed": [{"edition": "3rd", "keras": "2", "value": 0.8864}],
            }
        ]
    )[0]
    assert book.judge(number, 0.8738, book_here=0.8737999796867371).kind == book.IDENTICAL  # Keras' float32
    assert book.judge(number, 0.8739, book_here=0.8737999796867371).kind != book.IDENTICAL
