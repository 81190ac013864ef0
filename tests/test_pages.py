"""What a page is made of, without a browser or training: the order of its sections, the reproduce command
of every experiment, the Korean catalogue, the tick policy of the figures, the tuner's "what mattered",
the suggestions for a mistyped name, and no absolute path in what the report writes."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ann_keras import cli, files
from ann_keras.errors import UserError
from ann_keras.pipeline.experiments import all_experiments, get_experiment
from ann_keras.report import pages, text
from ann_keras.report.mattered import mattered
from ann_keras.report.plots import results as plots
from ann_keras.report.plots import style
from ann_keras.report.reproduce import reproduce_command
from ann_keras.suggest import close_names

REPORT = Path(pages.__file__).parent
RESULTS = Path(__file__).resolve().parents[1] / "results"


# ---------------------------------------------------------------- the order of sections


def test_the_experiments_own_sections_come_before_the_generic_test_report():
    order = [s.anchor for s in pages.ordered(pages.SECTIONS)]
    for own in ("summary", "search", "extra", "comparison", "facts"):
        for generic in ("headline", "curves", "per-class", "confusion", "misclassified"):
            assert order.index(own) < order.index(generic), (own, generic)
    assert order[-1] == "reproduce"
    extra = pages.PageSection("x", "extra", lambda page: [], "nowhere")
    with pytest.raises(ValueError, match="unknown place"):
        pages.ordered([*pages.SECTIONS, extra])


# ---------------------------------------------------------------- the reproduce command


def parse(command: str):
    """The command as the CLI parses it: (subcommand, names, overrides)."""
    words = command.split()
    assert words[0] == "ann-keras"
    args = cli.build_parser().parse_args(words[1:])
    return words[1], args


@pytest.mark.parametrize("experiment", all_experiments(), ids=lambda e: e.name)
def test_each_experiment_is_reproduced_by_its_own_command(experiment):
    run = {
        "command": "ann-keras run --all",
        "seed": 42,
        "seeds": [42, 43, 44],
        "overrides": {},
        "quick": False,
    }
    search = {"tuner": None}
    if experiment.is_search:  # the experiment's own budget: no options needed
        from ann_keras.tuning.plan import DEFAULTS

        declared = {**DEFAULTS, **experiment.module.TUNING}
        search = {"tuner": declared["tuner"], "max_trials": declared["max_trials"], "workers": 0}
    command = reproduce_command(experiment.name, run, experiment.is_search, search)
    assert command == f"ann-keras {'tune' if experiment.is_search else 'run'} {experiment.name}"
    subcommand, args = parse(command)
    assert args.names == [experiment.name] if subcommand == "run" else args.name == experiment.name


def test_the_reproduce_command_carries_what_changed_the_run():
    # what run.json records for `ann-keras run hg7_2_deep_network --quick --seed 7 --seeds 3 --only
    # relu_flatten --set train.epochs=3 --set 'model.hidden=[300, 100]'`
    run = {
        "command": "ann-keras run 'hg7_*' --quick --seed 7 --seeds 3 ...",
        "seed": 7,
        "seeds": [7, 8, 9],
        "quick": True,
        "only": ["relu_flatten"],
        "overrides": {"train.epochs": "3", "model.hidden": "[300, 100]", "seed": 7, "seeds": 3},
    }
    subcommand, args = parse_quoted(reproduce_command("hg7_2_deep_network", run))
    assert subcommand == "run" and args.names == ["hg7_2_deep_network"]
    assert args.quick and args.only == ["relu_flatten"] and args.seed == 7 and args.seeds == 3
    assert cli.overrides_from(args) == {
        "train.epochs": "3",
        "model.hidden": "[300, 100]",
        "seed": 7,
        "seeds": 3,
    }
    search = {"tuner": "bayesian", "max_trials": 5, "search_epochs": 20, "workers": 2}
    subcommand, args = parse_quoted(reproduce_command("wider_search", {"kind": "tune"}, True, search))
    assert subcommand == "tune" and (args.tuner, args.max_trials, args.workers) == ("bayesian", 5, 2)
    assert args.epochs is None  # 20 is the experiment's own


def parse_quoted(command: str):
    import shlex

    words = shlex.split(command)
    return words[1], cli.build_parser().parse_args(words[1:])


# ---------------------------------------------------------------- the Korean catalogue


def used_keys() -> set[str]:
    """Every text key the report's modules look up with say("...") or name as a section's title."""
    keys = set()
    for module in REPORT.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        keys |= set(re.findall(r"""say\(\s*"([a-z_0-9]+)\"""", source))
        # say("a" if ... else "b"): both keys
        keys |= set(re.findall(r"""say\(\s*"[a-z_0-9]+" if [^()]*? else "([a-z_0-9]+)\"""", source))
    keys |= {s.title for s in pages.SECTIONS if isinstance(s.title, str)}
    return keys


def test_every_key_a_page_uses_is_in_both_languages_with_the_same_placeholders():
    keys = used_keys()
    assert len(keys) > 100  # the pattern finds the page's words
    for key in sorted(keys):
        assert key in text.TEXT["en"], key
        assert key in text.TEXT["ko"], f"no Korean for {key!r}"
    assert set(text.TEXT["ko"]) == set(text.TEXT["en"])
    for key, english in text.TEXT["en"].items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert {f for _, f, _, _ in string.Formatter().parse(text.TEXT["ko"][key]) if f} == fields, key


HANGUL = re.compile("[가-힣]")


def test_every_experiment_has_a_korean_title_and_description():
    for experiment in all_experiments():
        for field in ("title", "description"):
            korean = text.experiment_text(experiment.name, field, "ko")
            assert korean and HANGUL.search(korean), (experiment.name, field)
    assert text.experiment_text("hg7_3_dropout_early_stopping", "title", "en") is None  # run.json's


def test_every_section_title_of_the_committed_results_is_translated():
    found = 0
    for sections in RESULTS.glob("*/sections.json"):
        for item in json.loads(sections.read_text(encoding="utf-8")):
            title = item.get("title", "")
            if not title or title in pages.SEARCH_SECTIONS or item.get("words"):
                continue  # a section written with text.py's words is in both languages (the test above)
            found += 1
            assert title in text.DECLARED["ko"], f"{sections.parent.name}: no Korean for {title!r}"
            assert text.declared_text(title, "en") == title
    assert found > 40


def test_the_captions_of_the_books_chapters_are_korean_numbers_included():
    """7-1, 7-2, 7-3: each caption, its run's numbers appended included, reads in Korean."""
    found = 0
    for sections in RESULTS.glob("hg7_*/sections.json"):
        for item in json.loads(sections.read_text(encoding="utf-8")):
            caption = item.get("caption", "")
            if not caption:
                continue
            found += 1
            korean = text.declared_text(caption, "ko")
            assert HANGUL.search(korean), f"{sections.parent.name}: no Korean for {caption!r}"
            for english in ("Last epoch", "Ran ", "The book prints", " epochs"):
                assert english not in korean, (sections.parent.name, korean)
    assert found >= 12
    # the numbers are kept as written, the sentence's full stop apart from the number
    ran = (
        "Ran 16 epochs (stopped_epoch 15, counted from 0); the restored weights are epoch 14's: "
        "val_accuracy 0.8832."
    )
    assert text.declared_text(ran, "ko").endswith("에포크 14의 것이고 val_accuracy는 0.8832입니다.")


def test_korean_says_at_epoch_not_epochs():
    say = text.words("ko")
    assert say("at_epoch", epoch=7) == "7번째 에포크"
    assert say("of_planned", planned=20) == "계획 20 에포크 중"  # a count stays a count


# ---------------------------------------------------------------- the tick policy


def tick_labels(axis) -> list[str]:
    return [t.get_text() for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]


def overlapping(fig, axis) -> bool:
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_log_ticks_are_written_as_plain_numbers():
    assert [style.log_tick(v) for v in (200, 0.5, 0.001, 1e-4, 2e-5, 1e5)] == [
        "200",
        "0.5",
        "0.001",
        "1e-4",
        "2e-5",
        "1e5",
    ]


def test_search_figure_ticks_are_whole_counts_and_readable_log_values_without_overlap():
    rng = np.random.default_rng(0)
    trials = pd.DataFrame(
        {
            "trial_id": [f"{i:02d}" for i in range(20)],
            "n_hidden": rng.integers(1, 4, 20),
            "n_neurons": rng.choice([64, 128, 256, 512], 20),
            "learning_rate": 10 ** rng.uniform(-4, -2, 20),
            "score": np.r_[rng.uniform(0.86, 0.90, 19), 0.78],
        }
    )
    space = [
        {"name": "n_hidden", "type": "int", "min": 1, "max": 3},
        {"name": "n_neurons", "type": "int", "min": 64, "max": 512, "sampling": "log"},
        {"name": "learning_rate", "type": "float", "min": 1e-4, "max": 1e-2, "sampling": "log"},
    ]
    fig = plots.search_scores(trials, "en", space, "val_accuracy", "00")
    hidden, neurons, rate = fig.axes[:3]
    fig.canvas.draw()
    assert all(float(t).is_integer() for t in tick_labels(hidden.xaxis))
    assert all("x10" not in t and "times" not in t for t in tick_labels(neurons.xaxis))
    assert {"100", "200"} <= set(tick_labels(neurons.xaxis))
    assert set(tick_labels(rate.xaxis)) >= {"1e-4", "0.001", "0.01"}
    for ax in (hidden, neurons, rate):
        assert not overlapping(fig, ax.xaxis)
        low, high = ax.get_ylim()
        assert low > 0.8, "the outlier 0.78 is clipped, not stretching the axis"
    style.plt.close(fig)


def test_epoch_axes_have_whole_ticks_and_confusion_numbers_are_large():
    history = pd.DataFrame({"loss": np.linspace(1, 0.2, 20), "val_loss": np.linspace(1.1, 0.3, 20)})
    fig = plots.learning_curves(history, "en", best_epoch=14)
    fig.canvas.draw()
    for ax in fig.axes:
        ticks = tick_labels(ax.xaxis)
        assert ticks and all(float(t).is_integer() for t in ticks)
        assert not overlapping(fig, ax.xaxis)
    style.plt.close(fig)
    fig = plots.confusion_matrix(np.eye(10, dtype=int) * 90 + 1)
    sizes = {t.get_fontsize() for t in fig.axes[0].texts}
    assert min(sizes) >= 10
    style.plt.close(fig)


# ---------------------------------------------------------------- what mattered in a search


def test_what_mattered_finds_the_hyperparameter_the_score_depends_on():
    rng = np.random.default_rng(1)
    n = 40
    frame = pd.DataFrame(
        {
            "learning_rate": 10 ** rng.uniform(-4, -2, n),
            "batch_size": rng.choice([32, 64, 128, 256], n),
            "dropout": rng.choice([0.0, 0.1, 0.2, 0.3], n),
        }
    )
    frame["score"] = 0.9 - 0.03 * (np.log10(frame["learning_rate"]) + 3) ** 2 + rng.normal(0, 0.001, n)
    space = [
        {"name": "learning_rate", "type": "float", "sampling": "log"},
        {"name": "batch_size", "type": "choice", "values": [32, 64, 128, 256]},
        {"name": "dropout", "type": "float"},
    ]
    found = mattered(frame, space)
    assert found.trials == n and found.r2 > 0.5
    assert found.effects[0].name == "learning_rate" and found.effects[0].importance > 0.6
    batch = next(e for e in found.effects if e.name == "batch_size")
    means = frame.groupby("batch_size")["score"].mean()  # the reference: pandas' own group means
    assert batch.best == str(means.idxmax()) and batch.best_score == pytest.approx(means.max())
    assert batch.worst == str(means.idxmin()) and batch.worst_score == pytest.approx(means.min())
    assert mattered(frame.head(3), space) is None  # too few trials to say anything


# ---------------------------------------------------------------- suggestions and the CLI


@pytest.mark.parametrize("typed", ["hg73", "7-3", "혼공머신7-3", "혼공머신 7-3", "hg7_3_dropout"])
def test_a_book_section_or_a_shortened_name_finds_the_experiment(typed):
    with pytest.raises(UserError) as error:
        get_experiment(typed)
    message = str(error.value)
    assert "did you mean hg7_3_dropout_early_stopping?" in message
    assert "hg7_1_softmax_regression" not in message  # not the whole list of names
    assert len(message) < 200


def test_a_mistyped_config_key_gets_one_suggestion_not_every_key():
    from ann_keras.config import apply_overrides, default_config

    with pytest.raises(UserError) as error:
        apply_overrides(default_config(), {"train.epoch": 3})
    message = str(error.value)
    assert "did you mean train.epochs?" in message and "train.learning_rate" not in message
    assert close_names("xyz", ["alpha", "beta"]) == []


def test_only_with_an_unknown_variant_fails_before_the_header(capsys):
    assert cli.main(["run", "hg7_2_deep_network", "--only", "foo", "--results-dir", "/nonexistent/r"]) == 2
    out, err = capsys.readouterr()
    assert "==" not in out and "has no variant 'foo'" in err


def test_serving_hides_the_folders_hidden_folders(tmp_path):
    import threading
    import urllib.error
    import urllib.request

    from ann_keras.report.serve import serve, url

    (tmp_path / ".locks").mkdir()
    (tmp_path / ".locks" / "x.lock").write_text("1")
    (tmp_path / "exp").mkdir()
    (tmp_path / "exp" / "report.md").write_text("# page")
    server = serve(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        listing = urllib.request.urlopen(url(server, "")).read().decode()
        assert "exp/" in listing and ".locks" not in listing
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url(server, ".locks/x.lock"))
        assert urllib.request.urlopen(url(server, "exp/report.md")).read() == b"# page"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- no absolute paths in written files


def test_paths_written_into_results_are_relative_to_the_work_folders_parent(tmp_path):
    work = tmp_path / "somewhere" / "work"
    assert files.shown_path(work / "hml10_callbacks" / "main" / "tensorboard", work) == (
        "work/hml10_callbacks/main/tensorboard"
    )
    assert not files.shown_path(Path("/elsewhere/x.keras"), work).startswith("/")


def test_pages_and_the_index_name_no_absolute_path(report_pages):
    root = str(report_pages.resolve().parent)
    written = [p for p in report_pages.rglob("*") if p.suffix in (".html", ".md", ".json", ".csv")]
    assert any(p.name == "index.html" for p in written)
    for path in written:
        content = path.read_text(encoding="utf-8", errors="replace")
        assert root not in content, f"{path.relative_to(report_pages)} names {root}"
        assert "/tmp/" not in content, path.relative_to(report_pages)
