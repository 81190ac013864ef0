"""One experiment's page as a `Document`, from its files (no Keras); report.html and report.md render it.

Sections appear when their files are there: headline, learning curves, the
comparison of variants and seeds, a tuner search, per-class scores, confusion
matrices, misclassified images, the model, the experiment's own tables and
figures, and how to reproduce the run. A diverged model's numbers are never
shown as a result.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import numpy as np

from ann_keras import __version__, files
from ann_keras.config import flatten
from ann_keras.data import CLASS_NAMES, class_names
from ann_keras.evaluation import SUMMARISED, restored_epoch
from ann_keras.report import book, runs_page
from ann_keras.report import document as doc
from ann_keras.report.code_section import code_blocks
from ann_keras.report.figures import DECLARED, Drawn
from ann_keras.report.formats import (
    column_format,
    count,
    device_text,
    notes_section,
    number,
    plain,
    seconds,
    when,
)
from ann_keras.report.load import INDEX, FitFolder, ResultFolder
from ann_keras.report.mattered import mattered
from ann_keras.report.plots import image_png
from ann_keras.report.reproduce import reproduce_command
from ann_keras.report.text import declared_text, experiment_text, words

# What searches wrote into sections.json before the search section drew the same from search.json and
# trials.csv: left out, so that a page shows each once.
SEARCH_SECTIONS = (
    "Search",
    "Search space",
    "Best trials",
    "Score of each trial",
    "Search score and test score",
)
WEAK_FIT = 0.2  # an out-of-bag R² below this: the forest's importances are said to mean little
MISCLASSIFIED_SHOWN = 48
TABLE_ROWS_SHOWN = 200
RAW_FILES = (
    "run.json",
    "config.json",
    "metrics.json",
    "history.csv",
    "model.json",
    "predictions.csv",
    "misclassified.npz",
    "comparison.csv",
    "summary.csv",
    "sections.json",
    "facts.json",
    "trials.csv",
    "search.json",
    "search_space.json",
    "best_hyperparameters.json",
    "best_trial_history.csv",
    "report.md",  # written with the HTML page, from the same blocks
)


def learning_rate(metrics: dict, config: dict, say) -> str:
    """The learning rate a model trained with: metrics.json's, else config.json's, else the optimizer's
    default."""
    train = config.get("train", {}) if isinstance(config, dict) else {}
    rate = metrics.get("learning_rate", train.get("learning_rate"))
    return (
        plain(rate) if rate is not None else say("lr_default", optimizer=train.get("optimizer", "optimizer"))
    )


def diverged_text(metrics: dict, config: dict, say, short: bool = False) -> str:
    return say(
        "diverged_short" if short else "diverged",
        epoch=metrics.get("diverged_at_epoch", "?"),
        lr=learning_rate(metrics, config, say),
    )


def muted(content: doc.Inline) -> doc.Paragraph:
    """A short explanation under a heading or above a table; `backticked` words of a text are code."""
    return doc.Paragraph(inline_code(content) if isinstance(content, str) else content, "muted small")


def damaged_page(experiment: ResultFolder, lang: str) -> doc.Document:
    """The page of an experiment whose files are damaged: what is wrong, and no number from them."""
    say = words(lang)
    title = experiment.run.get("title") or experiment.name
    header = [
        doc.Paragraph(doc.Link("← " + say("all_results"), f"../{INDEX}"), "crumbs"),
        doc.Heading(title, 1),
        doc.Paragraph([doc.Badge(experiment.name), doc.Badge(say("damaged"), "bad")]),
    ]
    problems = doc.Table([""], [[doc.Code(problem)] for problem in experiment.problems])
    body = [doc.Callout(say("damaged_intro", name=experiment.name), "bad"), problems]
    return doc.Document(
        f"{title} · ann-keras", lang, header, body, say("generated", version=__version__), toc=False
    )


def badges(experiment: ResultFolder, say, kinds: bool = True) -> list[doc.Badge]:
    """The badges of an experiment on its page and in the index: name, kind, quick, variants, seeds."""
    run = experiment.run
    shown = [doc.Badge(experiment.name)]
    if experiment.kind == "tune":
        shown.append(doc.Badge(say("kind_tune"), "good"))
    if run.get("quick"):
        shown.append(doc.Badge(say("quick"), "warn"))
    if len(run.get("variants") or {}) > 1:
        shown.append(doc.Badge(say("variants_badge", count=len(run["variants"]))))
    if len(run.get("seeds") or []) > 1:
        shown.append(doc.Badge(say("seeds_badge", count=len(run["seeds"]))))
    if experiment.runs:
        shown.append(doc.Badge(say("runs_badge", count=len(experiment.runs))))
    if experiment.run_name:  # a kept run: the experiment's name first, then the run's
        shown[0] = doc.Badge(run.get("experiment") or experiment.name)
        shown.append(doc.Badge(say("run_badge", name=experiment.run_name), "warn", wrap=True))
    return shown


# keras-tuner's class for each --tuner name, as a page names it
TUNER_NAMES = {
    "random": "RandomSearch",
    "hyperband": "Hyperband",
    "bayesian": "BayesianOptimization",
    "grid": "GridSearch",
}
CODE = "\x00"  # where a name written as code (a tuner's) goes in a translated sentence


def with_code(text: str, *codes: str) -> list:
    """`text` with each CODE mark replaced by the next of `codes` as code, so a sentence in either
    language keeps a name such as the tuner's as it is written in code."""
    parts = text.split(CODE)
    inline: list = [parts[0]]
    for code, part in zip(codes, parts[1:]):
        inline += [doc.Code(code), part]
    return inline


inline_code = doc.backticks_as_code


def page_title(experiment: ResultFolder, lang: str) -> str:
    """The experiment's title in `lang` (text.EXPERIMENTS), else run.json's; the book's section is shown
    beside it, so a title that starts with it ("핸즈온 10: ...") is shown without."""
    title = experiment_text(experiment.name, "title", lang) or experiment.run.get("title") or experiment.name
    book = str(experiment.run.get("book_section") or "").split(".")[0]
    if book and title.startswith(book) and ": " in title[: len(book) + 6]:
        title = title.split(": ", 1)[1]
    return title


def notes_match(facts: dict | None) -> tuple[int, int] | None:
    """(numbers of the notes reproduced, numbers checked) from facts.json, when the experiment checks them."""
    if not facts or not isinstance(facts.get("notes_numbers_checked"), int):
        return None
    checked = facts["notes_numbers_checked"]
    return checked - int(facts.get("notes_numbers_disagreeing") or 0), checked


class ExperimentPage:
    """One experiment's page; `figures` are the PNGs drawn for it (`figures.draw`)."""

    def __init__(
        self, experiment: ResultFolder, figures: dict[str, Drawn], lang: str, unfinished: list[dict]
    ):
        self.e = experiment
        self.figures = figures
        self.lang = lang
        self.say = words(lang)
        self.unfinished = unfinished
        self.names = class_names(lang)

    # ------------------------------------------------------------ the page

    def document(self, source_key: str = "") -> doc.Document:
        """The page as blocks, for `html.render` and `markdown.render`."""
        say = self.say
        chosen = [(section, section.build(self)) for section in ordered(SECTIONS)]
        body = self.notices() + [
            doc.Section(section.anchor, section.heading(self), blocks) for section, blocks in chosen if blocks
        ]
        title = self.title()
        return doc.Document(
            f"{title} · ann-keras",
            self.lang,
            self.header(),
            body,
            say("generated", version=__version__),
            source_key,
        )

    def title(self) -> str:
        return page_title(self.e, self.lang)

    def figure(self, name: str, alt: str, caption: doc.Inline = None) -> doc.Figure:
        """A drawn figure, or the line that says which data file it lacks."""
        drawn = self.figures[name]
        if drawn.src is None:
            key = "figure_missing" if drawn.missing else "figure_failed"
            return doc.Figure(
                None, alt, caption, self.say(key, file=drawn.file or "?", problem=drawn.problem)
            )
        return doc.Figure(drawn.src, alt, caption)

    def header(self) -> list:
        run, say = self.e.run, self.say
        shown = badges(self.e, say)
        if self.e.diverged():
            shown.append(doc.Badge(say("diverged_title"), "bad"))
        description = experiment_text(self.e.name, "description", self.lang) or run.get("description")
        mirrors = [
            (say("book_section"), run.get("book_section") or "–"),
            (say("notes_section"), notes_section(run) or "–"),
            (say("ran"), when(run.get("finished") or run.get("started"))),
        ]
        up = "../../../" if self.e.run_name else "../"  # a kept run's page is in runs/<name>/
        return [
            doc.Paragraph(doc.Link("← " + say("all_results"), f"{up}{INDEX}"), "crumbs"),
            doc.Heading(self.title(), 1),
            doc.Paragraph(shown),
            *runs_page.run_header(self.e, say),
            doc.KeyValues(mirrors, inline=True),
            *(
                [doc.Paragraph(runs_page.described(self.e, say, description), "description")]
                if description
                else []
            ),
        ]

    def notices(self) -> list:
        return [
            doc.Callout(
                self.say(
                    "newer_unfinished", started=when(info.get("started")), state=self.say(info["state"])
                ),
                "warn",
            )
            for info in self.unfinished
        ]

    # ------------------------------------------------------------ headline

    def headline(self) -> list:
        m, say, run = self.e.metrics, self.say, self.e.run
        if not m:  # an experiment that trains no model: its own sections, above, are its results
            return []
        if self.e.diverged():
            return [doc.Callout(doc.Strong(diverged_text(m, self.e.config, say)), "bad")]
        blocks = []
        if len(run.get("variants") or {}) > 1:
            seed = run.get("primary_seed", run.get("seed"))
            blocks.append(muted(say("headline_primary", variant=run.get("primary"), seed=seed)))
        elif len(run.get("seeds") or []) > 1:
            blocks.append(muted(say("headline_seed", seed=run.get("primary_seed", run.get("seed")))))
        tested = sum(c.get("support", 0) for c in m.get("per_class", []))
        cards = [
            doc.Card(
                "test_accuracy",
                number(m.get("test_accuracy")),
                say("test_set", count=f"{tested:,}") if tested else None,
                main=True,
            )
        ]
        for key in ("test_precision_macro", "test_recall_macro", "test_f1_macro"):
            if key in m:
                cards.append(doc.Card(key, number(m[key]), say("macro")))
        if m.get("val_accuracy") is not None:
            cards.append(doc.Card("val_accuracy", number(m["val_accuracy"]), self.evaluated_epoch_note(m)))
        if m.get("epochs_run") is not None:
            planned = say("of_planned", planned=m.get("epochs_planned")) if m.get("epochs_planned") else None
            detail = (
                say("stopped_early", epochs=m["epochs_run"], evaluated=m.get("evaluated_epoch"))
                if m.get("stopped_early")
                else say("ran_all")
            )
            cards.append(doc.Card(say("epochs_run"), number(m["epochs_run"]), doc.Lines([planned, detail])))
        if run.get("wall_time_s") is not None:
            train = (
                say("train_time", time=seconds(m["train_time_s"], self.lang))
                if m.get("train_time_s") is not None
                else None
            )
            cards.append(doc.Card(say("wall_time"), seconds(run["wall_time_s"], self.lang), train))
        if m.get("params") is not None:
            cards.append(doc.Card(say("params"), number(m["params"])))
        return [*blocks, doc.Cards(cards)]

    def evaluated_epoch_note(self, m: dict) -> doc.Lines:
        """Which epoch's weights were evaluated, and the highest val_accuracy of any epoch when it differs."""
        say, evaluated = self.say, m.get("evaluated_epoch")
        restored = restored_epoch(m)
        lines = [
            say("evaluated_restored", epoch=evaluated, monitor=m.get("monitor", "val_loss"))
            if restored
            else say("evaluated_last", epoch=evaluated)
        ]
        best, best_epoch = m.get("best_val_accuracy"), m.get("best_val_accuracy_epoch")
        if best is not None and best_epoch not in (None, evaluated):
            lines.append(doc.Muted(say("best_val_elsewhere", value=number(best), epoch=best_epoch)))
        return doc.Lines(lines)

    def summary(self) -> list:
        """The verdict of an experiment that checks the notes' numbers, before anything else."""
        match = notes_match(self.e.facts)
        if match is None:
            return []
        agreeing, checked = match
        tone = "good" if agreeing == checked else "bad"
        return [doc.Callout(doc.Strong(self.say("notes_match", agreeing=agreeing, checked=checked)), tone)]

    # ------------------------------------------------------------ curves

    def curves(self) -> list:
        if "learning_curves" not in self.figures:
            return []
        caption = self.say("learning_curves_caption")
        epoch = restored_epoch(self.e.metrics)
        if epoch:
            caption += " " + self.say("restored_caption", epoch=epoch)
        if self.e.diverged():
            caption += " " + self.say("diverged_curves_caption")
        return [self.figure("learning_curves", self.say("learning_curves"), caption)]

    # ------------------------------------------------------------ comparison of variants and seeds

    def comparison(self) -> list:
        summary = self.e.summary
        if summary is None or summary.empty:
            return []
        say = self.say
        fits_by_variant: dict[str, list[FitFolder]] = {}
        for fit in self.e.fits:
            fits_by_variant.setdefault(fit.variant, []).append(fit)
        many_seeds = bool((summary["seeds"] > 1).any()) if "seeds" in summary else False
        columns = [c for c in SUMMARISED if f"{c}_mean" in summary]
        rows, styles = [], []
        primary = self.e.run.get("primary")
        diverged_variants = {u.variant for u in self.e.fits if u.metrics.get("diverged")}
        scored = summary[~summary["variant"].astype(str).isin(diverged_variants)]
        best = (
            {c: scored[f"{c}_mean"].max() for c in columns if "accuracy" in c or "f1" in c}
            if len(scored) > 1
            else {}
        )
        for record in summary.to_dict("records"):
            variant = str(record["variant"])
            fits = fits_by_variant.get(variant, [])
            diverged = [u for u in fits if u.metrics.get("diverged")]
            name = [doc.Code(variant), " ", doc.Badge(say("primary")) if variant == primary else None]
            row = [name, number(record.get("seeds"))]
            if diverged:
                first = diverged[0]
                text = diverged_text(first.metrics, first.config, say, short=True)
                if len(fits) > 1:
                    text = say("diverged_in", count=len(diverged), total=len(fits)) + "; " + text
                row.append(doc.Badge(text, "bad"))
                row += [""] * (len(columns) - 1)
            else:
                for column in columns:
                    mean, std = record.get(f"{column}_mean"), record.get(f"{column}_std")
                    shown = (
                        seconds(mean, self.lang)
                        if column == "train_time_s"
                        else (count(mean) if column == "epochs_run" else number(mean))
                    )
                    if many_seeds and std is not None and record.get("seeds", 1) > 1:
                        shown += " ± " + (
                            seconds(std, self.lang)
                            if column == "train_time_s"
                            else number(std, 1 if column == "epochs_run" else 4)
                        )
                    row.append(doc.Strong(shown) if column in best and mean == best[column] else shown)
            rows.append(row)
            styles.append("highlight" if variant == primary else ("off" if diverged else ""))
        seeds = int(summary["seeds"].max()) if "seeds" in summary else 1
        blocks = [
            muted(say("comparison_intro", seeds=seeds) if seeds > 1 else say("comparison_intro_one")),
            doc.Table(
                [say("variant"), say("seeds"), *columns], rows, [False, True, *[True] * len(columns)], styles
            ),
        ]
        if "compare_curves" in self.figures:
            blocks.append(self.figure("compare_curves", say("comparison"), say("comparison_curves")))
        if self.e.comparison is not None:
            blocks.append(doc.Details(say("every_fit"), [self.fit_table(fits_by_variant)]))
        return blocks

    def fit_table(self, fits_by_variant: dict[str, list[FitFolder]]) -> doc.Table:
        frame = self.e.comparison
        columns = [c for c in frame.columns if c not in ("variant", "seed")]
        formats = {c: column_format(frame[c]) for c in columns}
        rows, styles = [], []
        for record in frame.to_dict("records"):
            fit = next(
                (u for u in fits_by_variant.get(str(record["variant"]), []) if u.seed == record["seed"]), None
            )
            row = [doc.Code(str(record["variant"])), str(record["seed"])]
            if fit is not None and fit.metrics.get("diverged"):
                row.append(doc.Badge(diverged_text(fit.metrics, fit.config, self.say, short=True), "bad"))
                row += [""] * (len(columns) - 1)
                styles.append("off")
            else:
                row += [
                    seconds(record[c], self.lang) if c == "train_time_s" else formats[c](record[c])
                    for c in columns
                ]
                styles.append("")
            rows.append(row)
        return doc.Table(
            [self.say("variant"), self.say("seed"), *columns],
            rows,
            [False, True, *[True] * len(columns)],
            styles,
        )

    # ------------------------------------------------------------ tuner search

    def search(self) -> list:
        if not self.e.is_search or (self.e.trials is None and not self.e.search):
            return []
        say, s = self.say, self.e.search
        blocks: list = []
        if s:
            failed = s.get("trials_failed") or 0
            blocks.append(
                doc.Paragraph(
                    with_code(
                        say(
                            "search_intro" + book.refit_suffix(s),
                            tuner=CODE,
                            completed=s.get("trials_completed", "?"),
                            max_trials=s.get("max_trials") or s.get("trials_total", "?"),
                            failed=say("search_failed", failed=failed) if failed else "",
                            epochs=s.get("search_epochs", "?"),
                            objective=s.get("objective", "score"),
                            direction=say("minimise" if s.get("direction") == "min" else "maximise"),
                        ),
                        TUNER_NAMES.get(s.get("tuner"), s.get("tuner", "keras-tuner")),
                    )
                )
            )
            cards = [
                doc.Card(
                    f"{say('score')} ({s.get('objective', '')})",
                    number(s.get("best_score")),
                    say("best_trial_card", trial=s.get("best_trial_id", "–"), epoch=s.get("best_epoch", "?")),
                    main=True,
                )
            ]
            if s.get("test_accuracy") is not None:
                vs_test = say(
                    "search_vs_test" + book.refit_suffix(s),
                    search=number(s.get("search_score")),
                    test=number(s["test_accuracy"]),
                )
                cards.append(doc.Card("test_accuracy", number(s["test_accuracy"]), vs_test))
            if s.get("wall_time_s") is not None:
                workers = s.get("workers") or 0
                where = say("workers_count", count=workers) if workers else say("one_process")
                if s.get("trials_per_hour"):
                    where += " · " + say("per_hour", rate=plain(s["trials_per_hour"]))
                cards.append(doc.Card(say("search_time"), seconds(s["wall_time_s"], self.lang), where))
            blocks.append(doc.Cards(cards))
            retrained = not book.refit_suffix(s)  # the text tells of a model trained again from scratch
            if retrained and s.get("search_score") is not None and s.get("test_accuracy") is not None:
                blocks += [doc.Heading(say("search_vs_test_title")), doc.Paragraph(self.search_vs_test())]
        if self.e.best_hyperparameters:
            blocks += [doc.Heading(say("best_hyperparameters")), self.best_hyperparameters()]
        blocks += self.what_mattered()
        if "trial_scores" in self.figures:
            blocks.append(self.figure("trial_scores", say("trial_scores"), say("trial_scores_caption")))
        if "search_scores" in self.figures:
            blocks.append(self.figure("search_scores", say("search"), say("scores_caption")))
        if "best_trial_curves" in self.figures:
            blocks.append(
                self.figure("best_trial_curves", say("best_trial_curves"), say("best_trial_curves"))
            )
        if self.e.trials is not None:
            blocks += [
                doc.Heading(say("trials")),
                muted([say("trials_intro"), " ", doc.Link(doc.Code("trials.csv"), "trials.csv")]),
                self.trials_table(),
            ]
        return blocks

    def search_vs_test(self) -> str:
        """Why the search's score is optimistic and what the retrained model scored, from search.json."""
        s, say = self.e.search, self.say
        train = self.e.config.get("train", {}) if isinstance(self.e.config, dict) else {}
        difference = s.get("test_minus_search")
        if difference is None or not round(difference, 4):
            gap = say("gap_same")
        else:
            gap = say("gap_below" if difference < 0 else "gap_above", gap=f"{abs(difference):.4f}")
        return say(
            "search_vs_test_text",
            search=number(s.get("search_score")),
            objective=s.get("objective", "score"),
            trial=s.get("best_trial_id", "?"),
            epoch=s.get("best_epoch", "?"),
            trials=s.get("trials_completed", "?"),
            seed=self.e.config.get("seed", "?") if isinstance(self.e.config, dict) else "?",
            max_epochs=train.get("epochs", "?"),
            stopping=say(
                "stopping_on",
                monitor=train.get("monitor", "val_loss"),
                patience=train["early_stopping_patience"],
            )
            if train.get("early_stopping_patience") is not None
            else say("no_stopping"),
            epochs=s.get("retrained_epochs_run", "?"),
            val=number(s.get("retrained_val_accuracy")),
            test=number(s.get("test_accuracy")),
            gap=gap,
        )

    def what_mattered(self) -> list:
        """Which hyperparameters the scores moved with (mattered.py), with the caveat of few trials."""
        if self.e.trials is None or not self.e.search_space:
            return []
        found = mattered(self.e.trials, self.e.search_space, self.e.search.get("direction", "max"))
        if found is None:
            return []
        say = self.say
        rows = []
        for effect in found.effects:
            share = f"{effect.importance:.0%}" if effect.importance is not None else "–"
            rows.append(
                [
                    doc.Code(effect.name),
                    doc.Bar(effect.importance, share) if effect.importance is not None else share,
                    say(
                        "group_score",
                        values=effect.best,
                        score=number(effect.best_score),
                        n=effect.best_count,
                    ),
                    say(
                        "group_score",
                        values=effect.worst,
                        score=number(effect.worst_score),
                        n=effect.worst_count,
                    ),
                ]
            )
        r2 = ""
        if found.r2 is not None:
            r2 = say("forest_r2" if found.r2 >= WEAK_FIT else "forest_r2_low", r2=f"{found.r2:.2f}")
        return [
            doc.Heading(say("what_mattered")),
            muted(say("what_mattered_intro", trials=found.trials, r2=r2)),
            doc.Table(
                [say("hyperparameter"), say("importance"), say("best_values"), say("worst_values")],
                rows,
                [False, False, False, False],
            ),
        ]

    def best_hyperparameters(self) -> doc.Table:
        space = {item["name"]: item for item in self.e.search_space}
        rows = []
        for name, value in self.e.best_hyperparameters.items():
            item = space.get(name, {})
            rows.append(
                [
                    doc.Code(name),
                    plain(value)
                    if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else str(value),
                    doc.Code(item["config_key"]) if item.get("config_key") else "–",
                    self.describe_space(item),
                ]
            )
        return doc.Table(
            [self.say("hyperparameter"), self.say("value"), self.say("config_key"), self.say("search_space")],
            rows,
        )

    @staticmethod
    def describe_space(item: dict) -> str:
        if not item:
            return "–"
        if item.get("type") in ("choice", "boolean"):
            return ", ".join(str(v) for v in item.get("values") or [True, False])
        text = f"{item.get('type', '')} {plain(item.get('min'))} – {plain(item.get('max'))}"
        if item.get("step"):
            text += f", step {plain(item['step'])}"
        if item.get("sampling") == "log":
            text += ", log"
        return text

    def trials_table(self) -> doc.Table:
        frame = self.e.trials.copy()
        descending = self.e.search.get("direction", "max") != "min"
        frame["_failed"] = frame["score"].isna() if "score" in frame else True
        if "score" in frame:
            frame = frame.sort_values(["_failed", "score"], ascending=[True, not descending], kind="stable")
        best = str(self.e.search.get("best_trial_id", ""))
        columns = [
            c
            for c in frame.columns
            if c != "_failed" and not (c in ("status", "worker") and frame[c].nunique(dropna=False) <= 1)
        ]
        numeric = [c not in ("trial_id", "status") and frame[c].dtype.kind in "if" for c in columns]
        hyperparameters = {item["name"] for item in self.e.search_space}
        formats = {
            c: plain if c in hyperparameters else column_format(frame[c])
            for c, is_number in zip(columns, numeric)
            if is_number
        }
        rows, styles = [], []
        for record in frame.to_dict("records"):
            row: list = []
            for column, is_number in zip(columns, numeric):
                value = record[column]
                if column == "status":
                    tone = (
                        "good"
                        if value == "COMPLETED"
                        else ("bad" if value in ("FAILED", "INVALID") else "warn")
                    )
                    row.append(doc.Badge(str(value), tone))
                elif value != value:
                    row.append("–")
                elif column == "wall_time_s":
                    row.append(seconds(value, self.lang))
                else:
                    row.append(formats[column](value) if is_number else str(value))
            rows.append(row)
            styles.append(
                "highlight" if str(record.get("trial_id")) == best else ("off" if record["_failed"] else "")
            )
        return doc.Table(columns, rows, numeric, styles)

    # ------------------------------------------------------------ per class, confusion, mistakes

    def usable_metrics(self) -> dict | None:
        m = self.e.metrics
        return None if not m or self.e.diverged() else m

    def class_label(self, label: int, fallback: str = "") -> doc.Inline:
        name = self.names[label] if 0 <= label < len(self.names) else fallback
        if self.lang != "en" and 0 <= label < len(CLASS_NAMES):
            return [name, " ", doc.Muted(CLASS_NAMES[label])]
        return name

    def per_class(self) -> list:
        m = self.usable_metrics()
        if not m or not m.get("per_class"):
            return []
        say = self.say
        rows = [
            [
                self.class_label(int(c["label"]), c.get("name", "")),
                doc.Bar(c.get("precision"), number(c.get("precision"))),
                doc.Bar(c.get("recall"), number(c.get("recall"))),
                doc.Bar(c.get("f1"), number(c.get("f1"))),
                number(c.get("support")),
            ]
            for c in m["per_class"]
        ]
        header = [
            say("class"),
            f"{say('precision')} (precision)",
            f"{say('recall')} (recall)",
            "F1",
            f"{say('support')} (support)",
        ]
        if self.lang == "en":
            header = [say("class"), "precision", "recall", "F1", "support"]
        hardest = min(m["per_class"], key=lambda c: c.get("f1", 1.0))
        note = say(
            "hardest",
            name=self.names[int(hardest["label"])],
            f1=number(hardest.get("f1")),
            recall=number(hardest.get("recall")),
        )
        return [
            muted(say("per_class_intro")),
            doc.Table(header, rows, [False, False, False, False, True]),
            doc.Paragraph(note),
        ]

    def confusion(self) -> list:
        m = self.usable_metrics()
        if not m or "confusion_counts" not in self.figures:
            return []
        say = self.say
        blocks: list = [
            doc.Columns(
                [
                    self.figure("confusion_counts", say("confusion"), say("confusion_counts")),
                    self.figure("confusion_normalized", say("confusion"), say("confusion_normalized")),
                ]
            )
        ]
        pairs = m.get("most_confused") or []
        if pairs:
            support = {int(c["label"]): c.get("support", 0) for c in m.get("per_class", [])}
            rows = []
            for pair in pairs:
                true_label, predicted_label = int(pair["true_label"]), int(pair["predicted_label"])
                share = f"{pair['count'] / support[true_label]:.1%}" if support.get(true_label) else "–"
                rows.append(
                    [
                        self.class_label(true_label, pair.get("true", "")),
                        self.class_label(predicted_label, pair.get("predicted", "")),
                        number(pair["count"]),
                        share,
                    ]
                )
            blocks += [
                doc.Heading(say("most_confused")),
                doc.Table(
                    [say("true_label"), say("predicted_label"), say("count"), "%"],
                    rows,
                    [False, False, True, True],
                ),
            ]
        return blocks

    def misclassified(self) -> list:
        m, found = self.usable_metrics(), self.e.misclassified
        if not m or not found or not len(found.get("images", [])):
            return []
        say = self.say
        order = np.argsort(-np.asarray(found["confidence"], dtype=float), kind="stable")[:MISCLASSIFIED_SHOWN]
        tiles = []
        for i in order:
            true_name = self.names[int(found["true"][i])]
            predicted_name = self.names[int(found["predicted"][i])]
            alt = (
                f"#{int(found['indices'][i])}: {say('true_label')} {true_name}, {say('predicted_label')} "
                f"{predicted_name}"
            )
            cells = [
                f"#{int(found['indices'][i])}",
                true_name,
                predicted_name,
                f"{float(found['confidence'][i]):.2f}",
            ]
            tiles.append(doc.Tile(image_png(found["images"][i]), alt, cells))
        matrix = np.asarray(m.get("confusion_matrix", []))
        wrong = int(matrix.sum() - np.trace(matrix)) if matrix.size else len(found["images"])
        return [
            muted(say("misclassified_intro", shown=len(order), wrong=f"{wrong:,}")),
            doc.Gallery(
                tiles,
                [say("test_image"), say("true_label"), say("predicted_label"), say("confidence")],
                ["", "wrong", "muted"],
            ),
        ]

    # ------------------------------------------------------------ model, extras, reproduce

    def model(self) -> list:
        info = self.e.model
        if not info or not info.get("layers"):
            return []
        say = self.say
        rows = [
            [
                doc.Code(str(layer.get("name"))),
                str(layer.get("type")),
                "(" + ", ".join("None" if d is None else str(d) for d in layer["output_shape"]) + ")"
                if layer.get("output_shape")
                else "–",
                number(layer.get("params")),
            ]
            for layer in info["layers"]
        ]
        return [
            doc.Paragraph([doc.Code(str(info.get("api"))), " ", doc.Code(str(info.get("name")))]),
            doc.Table(
                [say("layer"), say("type"), say("output_shape"), "Param #"], rows, [False, False, False, True]
            ),
            doc.Paragraph(
                say(
                    "total_params",
                    total=number(info.get("total_params")),
                    trainable=number(info.get("trainable_params")),
                    non_trainable=number(info.get("non_trainable_params")),
                )
            ),
        ]

    def extra(self) -> list:
        blocks: list = []
        for item in self.e.sections:
            if self.e.is_search and item.get("title") in SEARCH_SECTIONS:
                continue  # the search section shows these (search.json, trials.csv) in either language
            title, file = declared_text(str(item.get("title", "")), self.lang), str(item.get("file") or "")
            if isinstance(item.get("words"), str):  # written with text.py's words: in the page's language
                item = self.in_words(item)
                title = str(item.get("title", title))
            blocks.append(doc.Heading(title))
            if item.get("kind") == "text":
                blocks += [
                    doc.Paragraph(inline_code(paragraph))
                    for paragraph in str(item.get("text", "")).split("\n\n")
                ]
            elif item.get("kind") == "figure" and "plot" in item:
                blocks.append(self.figure(f"{DECLARED}/{item.get('name', '')}", title))
            elif not self.inside(file):
                blocks.append(doc.Callout(self.say("missing_file", file=file or "?"), "warn"))
            elif item.get("kind") == "figure":  # a PNG saved by an older version, shown as it is
                blocks.append(doc.Figure(file, title))
            elif (frame := files.try_read_csv(self.e.path / file)) is None:
                blocks.append(doc.Callout(self.say("unreadable_file", file=file), "warn"))
            else:
                blocks.append(doc.frame_table(frame, TABLE_ROWS_SHOWN, decimals=item.get("decimals")))
                if len(frame) > TABLE_ROWS_SHOWN:
                    blocks.append(
                        muted(self.say("rows_shown", shown=TABLE_ROWS_SHOWN, total=len(frame), file=file))
                    )
                blocks.append(doc.Paragraph(doc.Link(file, file), "small"))
            if item.get("caption"):
                blocks.append(muted(inline_code(declared_text(item["caption"], self.lang))))
            if item.get("plot") == "ladder":
                blocks += self.ladder_measured(item)
        return blocks

    def ladder_measured(self, item: dict) -> list:
        """Under a ladder: each step's test gain against its seeds' spread, computed from its table."""
        from ann_keras.report.plots.ladder import measured

        frame = files.try_read_csv(self.e.path / str(item.get("data", "")))
        if frame is None or not {"step", "variant", "test_accuracy_mean", "test_accuracy_std"} <= set(frame):
            return []
        say = self.say
        lines = [
            say(f"ladder_{kind}", step=step, variant=variant, gain=f"{gain:+.4f}", spread=f"{spread:.4f}")
            for step, variant, kind, gain, spread in measured(frame)
        ]
        return [doc.Paragraph(say("ladder_measured")), doc.Paragraph(doc.Lines(lines))] if lines else []

    def in_words(self, item: dict) -> dict:
        """A section declared with `words` (PageMaterial.add_words, add_figure(words=...)): its title, text
        and caption from `ann_keras.report.text` in this page's language."""
        key = item.get("words")
        if not isinstance(key, str):
            return item
        values, say = item.get("values") or {}, self.say
        item = dict(item, title=say(f"{key}_title", **values))
        if item.get("kind") == "text":
            item["text"] = say(key, **values)
        else:
            item["caption"] = say(f"{key}_caption", **values)
        return item

    def inside(self, file: str) -> bool:
        """`file` is a file of this run's folder (sections.json never points elsewhere)."""
        if not file:
            return False
        path = (self.e.path / file).resolve()
        return self.e.path.resolve() in path.parents and path.is_file()

    def facts(self) -> list:
        if not self.e.facts:
            return []
        rows = []
        for key, value in self.e.facts.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                shown = plain(value)
            elif isinstance(value, (list, dict)):
                shown = doc.Code(json.dumps(value, ensure_ascii=False))
            else:
                shown = str(value)
            rows.append([doc.Code(key), shown])
        return [doc.Table([self.say("name"), self.say("value")], rows)]

    def reproduce(self) -> list:
        say, run = self.say, self.e.run
        device = run.get("device") or {}
        blocks: list = [
            doc.Paragraph(say("reproduce_intro")),
            doc.Preformatted(reproduce_command(self.e.name, run, self.e.is_search, self.e.search)),
        ]
        if run.get("overrides"):
            changed = [[doc.Code(f"{k}={v}"), " "] for k, v in run["overrides"].items()]
            blocks.append(doc.Paragraph([doc.Strong(say("overrides")), ": ", changed]))
        seeds = run.get("seeds") or [run.get("seed")]
        provenance = [
            (say("seed"), ", ".join(str(s) for s in seeds)),
            (say("started"), when(run.get("started"))),
            (say("finished"), when(run.get("finished"))),
            (say("wall_time"), seconds(run.get("wall_time_s"), self.lang)),
            (say("backend"), run.get("backend") or "–"),
            (say("device"), device_text(device, self.lang) or "–"),
            (say("run_id"), doc.Code(run.get("run_id") or "–")),
        ]
        versions = run.get("versions") or {}
        if versions:
            provenance.append((say("versions"), [[doc.Code(f"{k} {v}"), " "] for k, v in versions.items()]))
        blocks += [doc.Heading(say("provenance")), doc.KeyValues(provenance)]
        if self.e.config:
            changed_keys = set(run.get("overrides") or {})
            changed_keys |= set((run.get("variants") or {}).get(run.get("primary"), None) or {})
            settings = flatten(self.e.config)
            rows = [
                [
                    doc.Code(key),
                    doc.Code(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value),
                ]
                for key, value in settings.items()
            ]
            styles = ["highlight" if key in changed_keys else "" for key in settings]
            blocks.append(
                doc.Details(
                    say("config"),
                    [muted(say("config_intro")), doc.Table(["key", say("value")], rows, row_styles=styles)],
                )
            )
        found = [name for name in RAW_FILES if (self.e.path / name).is_file() or name == "report.md"]
        if found:
            links = [[doc.Link(doc.Code(name), name), " "] for name in found]
            blocks += [doc.Heading(say("files")), doc.Paragraph([say("files_intro"), " ", links])]
        return blocks


# ---------------------------------------------------------------- the order of a page's sections

# Where a section goes, in this order: "lead" (a one-line verdict), "own" (what the experiment itself
# shows: its search, comparison, tables and figures, computed values), "result" (the generic test
# report of one model: headline, curves, per-class scores, confusion, mistakes), "end" (the model and
# how to reproduce it). Within a place, sections keep the order of SECTIONS.
PLACES = ("lead", "own", "result", "end")


@dataclasses.dataclass(frozen=True)
class PageSection:
    """One section of an experiment's page: its anchor, its heading (a text key, or a function of the
    page), the function that builds its blocks (none: the section is left out) and its place."""

    anchor: str
    title: str | Callable[[ExperimentPage], str]
    build: Callable[[ExperimentPage], list]
    place: str

    def heading(self, page: ExperimentPage) -> str:
        return self.title(page) if callable(self.title) else page.say(self.title)


SECTIONS: list[PageSection] = [
    PageSection("book", "book_vs_run", lambda page: book.section(page.e, page.lang), "lead"),
    PageSection("summary", "summary", ExperimentPage.summary, "lead"),
    PageSection(
        "search",
        "search",
        lambda page: page.search() + book.search_comparison(page.e, page.lang),
        "own",
    ),
    PageSection("extra", "extra", ExperimentPage.extra, "own"),
    PageSection("comparison", "comparison", ExperimentPage.comparison, "own"),
    PageSection("facts", "facts", ExperimentPage.facts, "own"),
    PageSection("runs", "runs", lambda page: runs_page.runs_section(page.e, page.say), "own"),
    PageSection(
        "headline",
        # what a search kept: retrained, trained on over all images, or as the search left it
        lambda page: page.say(
            "retrained" + book.refit_suffix(page.e.search) if page.e.is_search else "headline"
        ),
        ExperimentPage.headline,
        "result",
    ),
    PageSection("curves", "learning_curves", ExperimentPage.curves, "result"),
    PageSection("per-class", "per_class", ExperimentPage.per_class, "result"),
    PageSection("confusion", "confusion", ExperimentPage.confusion, "result"),
    PageSection("misclassified", "misclassified", ExperimentPage.misclassified, "result"),
    PageSection("model", "model", ExperimentPage.model, "end"),
    PageSection("keras-code", "keras_code", lambda page: code_blocks(page.e, page.say), "end"),
    PageSection("reproduce", "reproduce", ExperimentPage.reproduce, "end"),
]


def ordered(sections: list[PageSection]) -> list[PageSection]:
    """The sections by place, in list order within a place."""
    unknown = [s.anchor for s in sections if s.place not in PLACES]
    if unknown:
        raise ValueError(f"sections with an unknown place: {unknown}; places are {PLACES}")
    return sorted(sections, key=lambda s: PLACES.index(s.place))
