""" "Book vs this run": each number the books print for an experiment's cells, the book's code run here,
this run's number and the verdict (no Keras).

What the books print is declared by the experiment (`BOOK_NUMBERS`, read through
`pipeline.experiments`); what the book's own code gives on this machine comes from the fidelity
results (`ann-keras fidelity NAME`) through a reader: a function of the results folder and the
experiment's name that returns {metric: value}, or None when the book's code has not been run here.
This run's numbers come from the experiment's result files.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

from ann_keras import book, files
from ann_keras.report import document as doc
from ann_keras.report.load import PAGE, ResultFolder

FidelityReader = Callable[[Path, str], "dict[str, float] | None"]
FIDELITY_GLOB = "fidelity-*.json"
# The index's groups, in the books' order: a BOOK section starting with the prefix belongs to the chapter.
CHAPTERS = (("hg7", "혼공머신 7"), ("hml10", "핸즈온 10"))


# How `ann-keras fidelity` names a number (its rows' "number") and how BOOK_NUMBERS names it.
FIDELITY_NAMES = {"parameters": "params", "accuracy (last epoch)": "accuracy", "loss (last epoch)": "loss"}


def read_fidelity(results_dir: Path, name: str) -> dict[str, float] | None:
    """The book's cells run here for experiment `name`: {metric: value} from the newest
    results/benchmarks/fidelity-<device>-<backend>.json that holds it (`ann-keras fidelity`), or None.

    Each number of one model of several is named "variant/metric"; the numbers of the notebook's last
    model (the one a cell that prints a single number is about) are also given by their plain name.
    """
    found = []
    for path in Path(results_dir, "benchmarks").glob(FIDELITY_GLOB):
        report = files.try_read_json(path)
        entry = (report.get("experiments") or {}).get(name) if isinstance(report, dict) else None
        if isinstance(entry, dict) and isinstance(entry.get("rows"), list):
            found.append(entry)
    if not found:
        return None
    rows = [r for r in max(found, key=lambda e: str(e.get("finished") or ""))["rows"] if isinstance(r, dict)]
    last = rows[-1].get("model") if rows else None
    numbers: dict[str, float] = {}
    for row in rows:
        value, metric = row.get("book"), FIDELITY_NAMES.get(row.get("number"), row.get("number"))
        if not isinstance(metric, str) or not _finite(value):
            continue
        numbers[f"{row.get('model')}/{metric}"] = float(value)
        if row.get("model") == last:
            numbers[metric] = float(value)
    return numbers


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def declared(name: str) -> list[book.BookNumber]:
    """The experiment's BOOK_NUMBERS; none for a folder of no experiment module (`ak.run(name=...)`)."""
    from ann_keras.errors import UserError
    from ann_keras.pipeline import experiments

    try:
        return experiments.get_experiment(name).book_numbers
    except UserError:
        return []


def experiment_name(experiment: ResultFolder) -> str:
    return experiment.run.get("experiment") or experiment.name


def model_metrics(experiment: ResultFolder, variant: str | None) -> dict | None:
    """The metrics of the model a number is about: the headline model, or the named variant's first seed."""
    if variant is None or variant == experiment.run.get("primary"):
        return experiment.metrics
    seed = experiment.run.get("primary_seed", experiment.run.get("seed"))
    fits = [f for f in experiment.fits if f.variant == variant]
    chosen = next((f for f in fits if f.seed == seed), fits[0] if fits else None)
    return chosen.metrics if chosen else None


def rows(experiment: ResultFolder, reader: FidelityReader = read_fidelity) -> list[tuple]:
    """(number, book's code here or None, this run or None, verdict) for each declared number."""
    name = experiment_name(experiment)
    numbers = declared(name)
    if not numbers:
        return []
    here = reader(experiment.path.parent, name) or {}
    out = []
    for number in numbers:
        value = (
            None
            if experiment.problems
            else book.run_value(number, model_metrics(experiment, number.variant), experiment.search)
        )
        book_here = here.get(number.key)
        out.append((number, book_here, value, book.judge(number, value, book_here)))
    return out


# ---------------------------------------------------------------- words


def edition(printed: book.Printed, say) -> str:
    """'2nd ed., Keras 3.10' ('2판' in Korean: the edition's number, not the English ordinal)."""
    shown = printed.edition
    if getattr(say, "lang", "en") != "en":
        shown = "".join(c for c in printed.edition if c.isdigit()) or printed.edition
    return say("book_edition", edition=shown, keras=printed.keras)


def value_text(value: float | None, like: float) -> str:
    """A value with the decimals of the printed number it is set against (at least 4 for a fraction)."""
    if value is None:
        return "–"
    places = book.decimals(like)
    if places == 0:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}"
    return f"{value:.{max(4, places)}f}"


def verdict_text(number: book.BookNumber, verdict: book.Verdict, say) -> str:
    """'identical (the printed number)', 'within the printed band (+0.0012)', 'outside: ...'."""
    if verdict.kind == book.NOT_RUN:
        return say("verdict_not_run")
    diff = _signed(verdict.difference, number.followed.value)
    if verdict.kind == book.IDENTICAL:
        return say("verdict_identical_printed" if verdict.matched == "printed" else "verdict_identical_here")
    if verdict.kind == book.WITHIN:
        return say("verdict_within", difference=diff)
    return say("verdict_outside", difference=diff, beyond=_signed(verdict.beyond, number.followed.value))


def short_verdict(number: book.BookNumber, verdict: book.Verdict, say) -> str:
    """The index's form: 'identical', 'within band (-0.0011)', 'outside (+0.0074)'."""
    if verdict.kind in (book.NOT_RUN, book.IDENTICAL):
        return (
            verdict_text(number, verdict, say)
            if verdict.kind == book.NOT_RUN
            else say(
                "verdict_short_identical" if verdict.matched == "printed" else "verdict_short_identical_here"
            )
        )
    return say(f"verdict_short_{verdict.kind}", difference=_signed(verdict.difference, number.followed.value))


def _signed(value: float | None, like: float) -> str:
    if value is None:
        return "–"
    return f"{value:+.0f}" if book.decimals(like) == 0 else f"{value:+.4f}"


TONES = {book.IDENTICAL: "good", book.WITHIN: "good", book.OUTSIDE: "warn", book.NOT_RUN: ""}


# ---------------------------------------------------------------- the page's section


def section(experiment: ResultFolder, lang: str, reader: FidelityReader = read_fidelity) -> list:
    """The blocks of "Book vs this run" (none when the experiment declares no book number)."""
    from ann_keras.report.text import words

    say = words(lang)
    found = rows(experiment, reader)
    if not found:
        return []
    name = experiment_name(experiment)
    table = []
    for number, book_here, value, verdict in found:
        like = number.followed.value
        metric = [doc.Code(number.metric)]
        if number.variant:
            metric.append(doc.Muted(f" ({number.variant})"))
        printed = doc.Lines([f"{value_text(p.value, like)} ({edition(p, say)})" for p in number.printed])
        if book_here is not None:
            here_cell: doc.Inline = value_text(book_here, like)
        else:
            recorded = ", ".join(value_text(v, like) for v in number.here)
            here_cell = doc.Lines(
                [
                    doc.Muted([say("book_not_run"), " ", doc.Code(f"ann-keras fidelity {name}")]),
                    doc.Muted(say("book_recorded", values=recorded)) if recorded else None,
                ]
            )
        table.append(
            [
                doc.Lines([metric, doc.Muted(number.cell)]),
                printed,
                here_cell,
                doc.Strong(value_text(value, like)) if value is not None else "–",
                doc.Badge(verdict_text(number, verdict, say), TONES[verdict.kind], wrap=True),
            ]
        )
    header = [
        say("book_metric"),
        say("book_printed"),
        say("book_code_here"),
        say("book_this_run"),
        say("book_verdict"),
    ]
    return [
        doc.Table(header, table, [False, True, True, True, False]),
        doc.Paragraph(say("book_band_rule"), "muted small"),
    ]


# ---------------------------------------------------------------- the index and `ann-keras run`


def headline(experiment: ResultFolder, reader: FidelityReader = read_fidelity) -> tuple | None:
    """The row `ann-keras run` and the index show: the headline number's (number, here, value, verdict)."""
    found = rows(experiment, reader)
    chosen = book.headline([r[0] for r in found])
    return next((r for r in found if r[0] is chosen), None)


def index_cell(experiment: ResultFolder, say, reader: FidelityReader = read_fidelity) -> doc.Inline:
    """The index's book column: each declared number's verdict, the headline one first."""
    found = rows(experiment, reader)
    if not found:
        return doc.Muted(say("book_none"))
    lines = []
    for number, _, value, verdict in found:
        label = number.metric if not number.variant else f"{number.variant}/{number.metric}"
        like = number.followed.value
        lines.append(
            [
                doc.Muted(
                    say(
                        "book_index_number",
                        metric=label,
                        run=value_text(value, like),
                        book=value_text(like, like),
                    )
                ),
                doc.Badge(short_verdict(number, verdict, say), TONES[verdict.kind], wrap=True),
            ]
        )
    return doc.Lines(lines)


def run_line(path: Path, reader: FidelityReader = read_fidelity) -> str:
    """`ann-keras run`'s closing line for one experiment: test accuracy, the book's number, verdict, page."""
    from ann_keras.report.text import words

    say = words("en")
    experiment = ResultFolder(Path(path))
    test = (experiment.metrics or {}).get("test_accuracy")
    parts = [
        f"  {experiment.name}: test_accuracy {test:.4f}"
        if isinstance(test, float)
        else f"  {experiment.name}:"
    ]
    chosen = headline(experiment, reader)
    if chosen is None:
        parts.append("no book number")
    else:
        number, _, value, verdict = chosen
        parts.append(
            f"book {number.key} {value_text(number.followed.value, number.followed.value)} "
            f"({edition(number.followed, say)}), this run {value_text(value, number.followed.value)}: "
            f"{verdict_text(number, verdict, say)}"
        )
    parts.append(str(Path(path) / PAGE))
    return " | ".join(parts)


def chapters(experiments: list[ResultFolder]) -> list[tuple[str, list[ResultFolder]]]:
    """The experiments in the books' order, grouped: 혼공머신 7, 핸즈온 10, then the lecture notes."""
    from ann_keras.errors import UserError
    from ann_keras.pipeline import experiments as registry

    try:
        order = {e.name: i for i, e in enumerate(registry.all_experiments())}
    except UserError:
        order = {}
    groups: dict[str, list[ResultFolder]] = {title: [] for _, title in CHAPTERS}
    notes = "notes"
    groups[notes] = []
    for experiment in sorted(experiments, key=lambda e: (order.get(experiment_name(e), len(order)), e.name)):
        section_name = experiment.run.get("book_section") or ""
        title = next((t for _, t in CHAPTERS if section_name.startswith(t)), notes)
        groups[title].append(experiment)
    for _, title in CHAPTERS:  # a book's chapter in its sections' order (the notes keep theirs)
        groups[title].sort(key=lambda e: section_numbers(e.run.get("book_section") or ""))
    return [(title, members) for title, members in groups.items() if members]


def section_numbers(section: str) -> tuple[int, ...]:
    """'핸즈온 10.2.4' -> (10, 2, 4), '혼공머신 7-3' -> (7, 3); a range gives both ends' numbers."""
    return tuple(int(n) for n in re.findall(r"\d+", section))


def key(results_dir: Path) -> str:
    """Changes when the fidelity results or any declaration change: the pages are then redrawn."""
    digest = hashlib.sha1()
    for path in sorted((Path(results_dir) / "benchmarks").glob(FIDELITY_GLOB)):
        stat = path.stat()
        digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    try:
        from ann_keras.pipeline import experiments as registry

        for experiment in registry.all_experiments():
            declaration = getattr(experiment.module, "BOOK_NUMBERS", None)
            digest.update(
                f"{experiment.name}|{json.dumps(declaration, sort_keys=True, default=str)}".encode()
            )
    except Exception:  # noqa: BLE001 - no experiments folder: the key is the fidelity files'
        pass
    return digest.hexdigest()[:8]


# ---------------------------------------------------------------- a search against the book's searches


def refit_suffix(search: dict | None) -> str:
    """'' for a search that retrained its best configuration, else '_continue_on_all' or '_best_model': the
    words of the pages that say what the search kept."""
    refit = (search or {}).get("refit")
    return f"_{refit}" if refit in ("continue_on_all", "best_model") else ""


def compared_with(experiment: ResultFolder) -> tuple[str, ...]:
    """The searches the experiment declares itself compared with (`COMPARE_WITH`)."""
    from ann_keras.errors import UserError
    from ann_keras.pipeline import experiments

    try:
        module = experiments.get_experiment(experiment_name(experiment)).module
    except UserError:
        return ()
    return tuple(getattr(module, "COMPARE_WITH", ()))


def data_text(config: dict) -> str:
    """'55,000 / 5,000, raw pixels' from a config.json."""
    from ann_keras import config as cfg

    data = config.get("data") or {}
    try:
        settings = cfg.apply_overrides(cfg.default_config(), {f"data.{k}": v for k, v in data.items()}).data
    except Exception:  # noqa: BLE001 - a config of another version: show what can be read
        return "–"
    images = cfg.TRAIN_IMAGES.get(settings.dataset, 60_000)
    validation = cfg.validation_count(settings, images)
    train = (
        images - validation
        if settings.train_samples is None
        else min(settings.train_samples, images - validation)
    )
    if settings.val_samples is not None:
        validation = min(validation, settings.val_samples)
    return f"{train:,} / {validation:,}, {settings.scaling}"


def search_comparison(experiment: ResultFolder, lang: str) -> list:
    """This search beside the book's searches run into the same results folder: data, budget, time, scores."""
    from ann_keras.report.formats import seconds
    from ann_keras.report.text import words

    names = compared_with(experiment)
    if not names or not experiment.is_search:
        return []
    say = words(lang)
    rows, missing = [], []
    for name in (experiment_name(experiment), *names):
        other = (
            experiment if name == experiment_name(experiment) else ResultFolder(experiment.path.parent / name)
        )
        if (
            not (other.path / "run.json").is_file()
            or not other.complete
            or other.problems
            or not other.search
        ):
            missing.append(name)
            continue
        info, trials = other.search, other.trials
        trained = (
            int(trials["epochs_run"].fillna(0).sum())
            if trials is not None and "epochs_run" in trials
            else None
        )
        link = doc.Link(name, f"../{name}/{PAGE}") if other is not experiment else doc.Strong(name)
        rows.append(
            [
                link,
                info.get("tuner", "–"),
                data_text(other.config),
                f"{info.get('trials_completed', '–')}",
                f"{info.get('search_epochs', '–')}",
                f"{trained:,}" if trained is not None else "–",
                seconds(info.get("wall_time_s")),
                value_text(info.get("search_score"), 0.8736),
                value_text((other.metrics or {}).get("test_accuracy"), 0.8753),
            ]
        )
    blocks = [doc.Heading(say("book_search_compare")), doc.Paragraph(say("book_search_intro"), "muted small")]
    if rows:
        header = [
            say("experiment"),
            "tuner",
            say("book_search_data"),
            say("book_search_trials"),
            say("book_search_epochs"),
            say("book_search_trained"),
            say("book_search_wall"),
            "search_score",
            "test_accuracy",
        ]
        blocks.append(doc.Table(header, rows, [False, False, False, True, True, True, True, True, True]))
    for name in missing:
        blocks.append(
            doc.Paragraph([say("book_search_missing"), " ", doc.Code(f"ann-keras run {name}")], "muted small")
        )
    return blocks
