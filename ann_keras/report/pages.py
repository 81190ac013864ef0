"""One experiment's page, results/<name>/report.html, from its files (no Keras).

Sections appear when their files are there: headline, learning curves, the
comparison of variants and seeds, a tuner search, per-class scores, confusion
matrices, misclassified images, the model, the experiment's own tables and
figures, and how to reproduce the run. A diverged model's numbers are never
shown as a result.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from ann_keras import __version__
from ann_keras.config import flatten
from ann_keras.data import CLASS_NAMES, class_names
from ann_keras.evaluation import restored_epoch
from ann_keras.report import layout, plots
from ann_keras.report.html import Markup, column_format, count, data_uri, join, number, plain, seconds, tag
from ann_keras.report.load import INDEX, FitFolder, ResultFolder
from ann_keras.report.text import words

MISCLASSIFIED_SHOWN = 48
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
    "report.md",
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


def damaged_page(experiment: ResultFolder, lang: str) -> str:
    """The page of an experiment whose files are damaged: what is wrong, and no number from them."""
    say = words(lang)
    title = experiment.run.get("title") or experiment.name
    header = join(
        tag("div", tag("a", "← " + say("all_results"), href=f"../{INDEX}"), class_="crumbs"),
        tag("h1", title),
        tag("div", [layout.badge(experiment.name), layout.badge(say("damaged"), "bad")]),
    )
    body = layout.callout(
        join(
            tag("p", say("damaged_intro", name=experiment.name)),
            tag("ul", [tag("li", tag("code", problem)) for problem in experiment.problems]),
        ),
        "bad",
    )
    return layout.shell(f"{title} · ann-keras", lang, header, body, say("generated", version=__version__))


class ExperimentPage:
    """Renders one experiment; `figures` maps figure names to the PNGs drawn for it."""

    def __init__(self, experiment: ResultFolder, figures: dict[str, str], lang: str, unfinished: list[dict]):
        self.e = experiment
        self.figures = figures
        self.lang = lang
        self.say = words(lang)
        self.unfinished = unfinished
        self.names = class_names(lang)

    # ------------------------------------------------------------ the page

    def render(self, source_key: str = "") -> str:
        headline = ("headline", self.say("retrained" if self.e.is_search else "headline"), self.headline())
        search = ("search", self.say("search"), self.search())
        sections = [
            *([search, headline] if self.e.is_search else [headline, search]),
            ("curves", self.say("learning_curves"), self.curves()),
            ("comparison", self.say("comparison"), self.comparison()),
            ("per-class", self.say("per_class"), self.per_class()),
            ("confusion", self.say("confusion"), self.confusion()),
            ("misclassified", self.say("misclassified"), self.misclassified()),
            ("model", self.say("model"), self.model()),
            ("extra", self.say("extra"), self.extra()),
            ("facts", self.say("facts"), self.facts()),
            ("reproduce", self.say("reproduce"), self.reproduce()),
        ]
        shown = [(anchor, title, content) for anchor, title, content in sections if content]
        toc = tag("nav", [tag("a", title, href=f"#{anchor}") for anchor, title, _ in shown], class_="toc")
        body = join(
            self.notices(), [layout.section(anchor, title, content) for anchor, title, content in shown]
        )
        title = self.e.run.get("title") or self.e.name
        return layout.shell(
            f"{title} · ann-keras",
            self.lang,
            join(self.header(), toc),
            body,
            self.say("generated", version=__version__),
            source_key,
        )

    def header(self) -> Markup:
        run = self.e.run
        badges = [layout.badge(self.e.name)]
        if self.e.kind == "tune":
            badges.append(layout.badge(self.say("kind_tune"), "good"))
        elif self.e.kind == "bench":
            badges.append(layout.badge(self.say("kind_bench")))
        if run.get("quick"):
            badges.append(layout.badge(self.say("quick"), "warn"))
        if len(run.get("variants") or {}) > 1:
            badges.append(layout.badge(self.say("variants_badge", count=len(run["variants"]))))
        if len(run.get("seeds") or []) > 1:
            badges.append(layout.badge(self.say("seeds_badge", count=len(run["seeds"]))))
        if self.e.diverged():
            badges.append(layout.badge(self.say("diverged_title"), "bad"))
        mirrors = tag(
            "div",
            tag("span", tag("strong", self.say("book_section"), ": "), run.get("book_section") or "–"),
            tag("span", tag("strong", self.say("notes_section"), ": "), run.get("notes_section") or "–"),
            tag(
                "span",
                tag("strong", self.say("ran"), ": "),
                layout.when(run.get("finished") or run.get("started")),
            ),
            class_="mirrors",
        )
        return join(
            tag("div", tag("a", "← " + self.say("all_results"), href=f"../{INDEX}"), class_="crumbs"),
            tag("h1", run.get("title") or self.e.name),
            tag("div", badges),
            mirrors,
            tag("p", run.get("description"), class_="description") if run.get("description") else None,
        )

    def notices(self) -> Markup:
        notes = []
        for info in self.unfinished:
            notes.append(
                layout.callout(
                    self.say(
                        "newer_unfinished",
                        started=layout.when(info.get("started")),
                        state=self.say(info["state"]),
                    ),
                    "warn",
                )
            )
        return join(notes)

    # ------------------------------------------------------------ headline

    def headline(self) -> Markup | None:
        m = self.e.metrics
        if not m:
            return tag("p", self.say("analysis")) if self.e.sections or self.e.facts else None
        if self.e.diverged():
            return layout.callout(tag("strong", diverged_text(m, self.e.config, self.say)), "bad")
        say = self.say
        run = self.e.run
        intro = None
        if len(run.get("variants") or {}) > 1:
            intro = tag(
                "p",
                say(
                    "headline_primary",
                    variant=run.get("primary"),
                    seed=run.get("primary_seed", run.get("seed")),
                ),
                class_="muted small",
            )
        elif len(run.get("seeds") or []) > 1:
            intro = tag(
                "p", say("headline_seed", seed=run.get("primary_seed", run.get("seed"))), class_="muted small"
            )
        tested = sum(c.get("support", 0) for c in m.get("per_class", []))
        cards = [
            layout.card(
                "test_accuracy",
                number(m.get("test_accuracy")),
                say("test_set", count=f"{tested:,}") if tested else None,
                main=True,
            )
        ]
        for key in ("test_precision_macro", "test_recall_macro", "test_f1_macro"):
            if key in m:
                cards.append(layout.card(key, number(m[key]), say("macro")))
        if m.get("best_val_accuracy") is not None:
            cards.append(
                layout.card(
                    say("best_val"),
                    number(m["best_val_accuracy"]),
                    say("at_epoch", epoch=m.get("best_val_accuracy_epoch")),
                )
            )
        if m.get("epochs_run") is not None:
            planned = say("of_planned", planned=m.get("epochs_planned")) if m.get("epochs_planned") else None
            detail = (
                say("stopped_early", epochs=m["epochs_run"], evaluated=m.get("evaluated_epoch"))
                if m.get("stopped_early")
                else say("ran_all")
            )
            cards.append(
                layout.card(
                    say("epochs_run"),
                    number(m["epochs_run"]),
                    join(planned, tag("br") if planned else None, detail),
                )
            )
        if run.get("wall_time_s") is not None:
            train = (
                say("train_time", time=seconds(m["train_time_s"]))
                if m.get("train_time_s") is not None
                else None
            )
            cards.append(layout.card(say("wall_time"), seconds(run["wall_time_s"]), train))
        if m.get("params") is not None:
            cards.append(layout.card(say("params"), number(m["params"])))
        return join(intro, tag("div", cards, class_="cards"))

    # ------------------------------------------------------------ curves

    def curves(self) -> Markup | None:
        if "learning_curves" not in self.figures:
            return None
        caption = [self.say("learning_curves_caption")]
        epoch = restored_epoch(self.e.metrics)
        if epoch:
            caption.append(" " + self.say("restored_caption", epoch=epoch))
        if self.e.diverged():
            caption.append(" " + self.say("diverged_curves_caption"))
        return layout.figure(self.figures["learning_curves"], self.say("learning_curves"), join(caption))

    # ------------------------------------------------------------ comparison of variants and seeds

    def comparison(self) -> Markup | None:
        summary = self.e.summary
        if summary is None or summary.empty:
            return None
        say = self.say
        fits_by_variant: dict[str, list[FitFolder]] = {}
        for fit in self.e.fits:
            fits_by_variant.setdefault(fit.variant, []).append(fit)
        many_seeds = bool((summary["seeds"] > 1).any()) if "seeds" in summary else False
        columns = [
            c
            for c in (
                "test_accuracy",
                "test_f1_macro",
                "val_accuracy",
                "best_val_accuracy",
                "epochs_run",
                "train_time_s",
            )
            if f"{c}_mean" in summary
        ]
        rows, classes = [], []
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
            name = join(
                tag("code", variant), " ", layout.badge(say("primary")) if variant == primary else None
            )
            row = [name, number(record.get("seeds"))]
            if diverged:
                first = diverged[0]
                text = diverged_text(first.metrics, first.config, say, short=True)
                if len(fits) > 1:
                    text = say("diverged_in", count=len(diverged), total=len(fits)) + "; " + text
                row.append(tag("span", text, class_="badge bad"))
                row += [""] * (len(columns) - 1)
            else:
                for column in columns:
                    mean, std = record.get(f"{column}_mean"), record.get(f"{column}_std")
                    shown = (
                        seconds(mean)
                        if column == "train_time_s"
                        else (count(mean) if column == "epochs_run" else number(mean))
                    )
                    if many_seeds and std is not None and record.get("seeds", 1) > 1:
                        shown += " ± " + (
                            seconds(std)
                            if column == "train_time_s"
                            else number(std, 1 if column == "epochs_run" else 4)
                        )
                    row.append(tag("strong", shown) if column in best and mean == best[column] else shown)
            rows.append(row)
            classes.append("highlight" if variant == primary else ("off" if diverged else ""))
        seeds = int(summary["seeds"].max()) if "seeds" in summary else 1
        parts = [
            tag(
                "p",
                say("comparison_intro", seeds=seeds) if seeds > 1 else say("comparison_intro_one"),
                class_="muted small",
            ),
            layout.table(
                [say("variant"), say("seeds"), *columns], rows, [False, True, *[True] * len(columns)], classes
            ),
        ]
        if "compare_curves" in self.figures:
            parts.append(
                layout.figure(self.figures["compare_curves"], say("comparison"), say("comparison_curves"))
            )
        if self.e.comparison is not None:
            parts.append(tag("details", tag("summary", say("every_fit")), self.fit_table(fits_by_variant)))
        return join(parts)

    def fit_table(self, fits_by_variant: dict[str, list[FitFolder]]) -> Markup:
        frame = self.e.comparison
        columns = [c for c in frame.columns if c not in ("variant", "seed")]
        formats = {c: column_format(frame[c]) for c in columns}
        rows, classes = [], []
        for record in frame.to_dict("records"):
            fit = next(
                (u for u in fits_by_variant.get(str(record["variant"]), []) if u.seed == record["seed"]), None
            )
            row = [tag("code", record["variant"]), record["seed"]]
            if fit is not None and fit.metrics.get("diverged"):
                row.append(
                    tag(
                        "span",
                        diverged_text(fit.metrics, fit.config, self.say, short=True),
                        class_="badge bad",
                    )
                )
                row += [""] * (len(columns) - 1)
                classes.append("off")
            else:
                row += [seconds(record[c]) if c == "train_time_s" else formats[c](record[c]) for c in columns]
                classes.append("")
            rows.append(row)
        return layout.table(
            [self.say("variant"), self.say("seed"), *columns],
            rows,
            [False, True, *[True] * len(columns)],
            classes,
        )

    # ------------------------------------------------------------ tuner search

    def search(self) -> Markup | None:
        if not self.e.is_search or (self.e.trials is None and not self.e.search):
            return None
        say, s = self.say, self.e.search
        parts = []
        if s:
            parts.append(
                tag(
                    "p",
                    say(
                        "search_intro",
                        tuner=s.get("tuner", "keras-tuner"),
                        completed=s.get("trials_completed", "?"),
                        max_trials=s.get("max_trials", "?"),
                        objective=s.get("objective", "score"),
                        direction=say("minimise" if s.get("direction") == "min" else "maximise"),
                    ),
                )
            )
            cards = [
                layout.card(
                    f"{say('score')} ({s.get('objective', '')})",
                    number(s.get("best_score")),
                    f"{say('trial')} {s.get('best_trial_id', '–')}",
                    main=True,
                )
            ]
            if s.get("test_accuracy") is not None:
                cards.append(
                    layout.card(
                        "test_accuracy",
                        number(s["test_accuracy"]),
                        say(
                            "search_vs_test",
                            search=number(s.get("search_score")),
                            test=number(s["test_accuracy"]),
                        ),
                    )
                )
            if s.get("wall_time_s") is not None:
                cards.append(
                    layout.card(
                        say("wall_time"),
                        seconds(s["wall_time_s"]),
                        f"{say('workers')}: {s.get('workers', 1)}",
                    )
                )
            parts.append(tag("div", cards, class_="cards"))
        if self.e.best_hyperparameters:
            parts += [tag("h3", say("best_hyperparameters")), self.best_hyperparameters()]
        if "search_scores" in self.figures:
            parts.append(layout.figure(self.figures["search_scores"], say("search"), say("scores_caption")))
        if "best_trial_curves" in self.figures:
            parts.append(
                layout.figure(
                    self.figures["best_trial_curves"], say("best_trial_curves"), say("best_trial_curves")
                )
            )
        if self.e.trials is not None:
            parts += [tag("h3", say("trials")), self.trials_table()]
        return join(parts)

    def best_hyperparameters(self) -> Markup:
        space = {item["name"]: item for item in self.e.search_space}
        rows = []
        for name, value in self.e.best_hyperparameters.items():
            item = space.get(name, {})
            rows.append(
                [
                    tag("code", name),
                    plain(value)
                    if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else str(value),
                    tag("code", item.get("config_key")) if item.get("config_key") else "–",
                    self.describe_space(item),
                ]
            )
        return layout.table(
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

    def trials_table(self) -> Markup:
        frame = self.e.trials.copy()
        descending = self.e.search.get("direction", "max") != "min"
        frame["_failed"] = frame["score"].isna() if "score" in frame else True
        if "score" in frame:
            frame = frame.sort_values(["_failed", "score"], ascending=[True, not descending], kind="stable")
        best = str(self.e.search.get("best_trial_id", ""))
        columns = [c for c in frame.columns if c != "_failed"]
        numeric = [c not in ("trial_id", "status") and frame[c].dtype.kind in "if" for c in columns]
        hyperparameters = {item["name"] for item in self.e.search_space}
        formats = {
            c: plain if c in hyperparameters else column_format(frame[c])
            for c, is_number in zip(columns, numeric)
            if is_number
        }
        rows, classes = [], []
        for record in frame.to_dict("records"):
            row = []
            for column, is_number in zip(columns, numeric):
                value = record[column]
                if column == "status":
                    tone = (
                        "good"
                        if value == "COMPLETED"
                        else ("bad" if value in ("FAILED", "INVALID") else "warn")
                    )
                    row.append(layout.badge(str(value), tone))
                elif column == "wall_time_s":
                    row.append(seconds(value) if value == value else "–")
                else:
                    row.append(
                        ("–" if value != value else formats[column](value))
                        if is_number
                        else ("–" if value != value else str(value))
                    )
            rows.append(row)
            classes.append(
                "highlight" if str(record.get("trial_id")) == best else ("off" if record["_failed"] else "")
            )
        return layout.table(columns, rows, numeric, classes)

    # ------------------------------------------------------------ per class, confusion, mistakes

    def usable_metrics(self) -> dict | None:
        m = self.e.metrics
        return None if not m or self.e.diverged() else m

    def class_label(self, label: int, fallback: str = "") -> Markup:
        name = self.names[label] if 0 <= label < len(self.names) else fallback
        if self.lang != "en" and 0 <= label < len(CLASS_NAMES):
            return join(name, " ", tag("span", CLASS_NAMES[label], class_="muted small"))
        return join(name)

    def per_class(self) -> Markup | None:
        m = self.usable_metrics()
        if not m or not m.get("per_class"):
            return None
        say = self.say
        rows = []
        for c in m["per_class"]:
            rows.append(
                [
                    self.class_label(int(c["label"]), c.get("name", "")),
                    layout.bar(c.get("precision"), number(c.get("precision"))),
                    layout.bar(c.get("recall"), number(c.get("recall"))),
                    layout.bar(c.get("f1"), number(c.get("f1"))),
                    number(c.get("support")),
                ]
            )
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
        return join(
            tag("p", say("per_class_intro"), class_="muted small"),
            layout.table(header, rows, [False, False, False, False, True]),
            tag("p", note),
        )

    def confusion(self) -> Markup | None:
        m = self.usable_metrics()
        if not m or "confusion_counts" not in self.figures:
            return None
        say = self.say
        parts = [
            tag(
                "div",
                layout.figure(self.figures["confusion_counts"], say("confusion"), say("confusion_counts")),
                layout.figure(
                    self.figures["confusion_normalized"], say("confusion"), say("confusion_normalized")
                ),
                class_="two",
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
            parts += [
                tag("h3", say("most_confused")),
                layout.table(
                    [say("true_label"), say("predicted_label"), say("count"), "%"],
                    rows,
                    [False, False, True, True],
                ),
            ]
        return join(parts)

    def misclassified(self) -> Markup | None:
        m, found = self.usable_metrics(), self.e.misclassified
        if not m or not found or not len(found.get("images", [])):
            return None
        say = self.say
        order = np.argsort(-np.asarray(found["confidence"], dtype=float), kind="stable")[:MISCLASSIFIED_SHOWN]
        tiles = []
        for i in order:
            true_label, predicted_label = int(found["true"][i]), int(found["predicted"][i])
            true_name, predicted_name = self.names[true_label], self.names[predicted_label]
            caption = join(
                tag("div", f"{say('true_label')}: {true_name}"),
                tag("div", f"{say('predicted_label')}: {predicted_name}", class_="wrong"),
                tag("div", f"{say('confidence')} {float(found['confidence'][i]):.2f}", class_="muted"),
            )
            alt = (
                f"#{int(found['indices'][i])}: {say('true_label')} {true_name}, {say('predicted_label')} "
                f"{predicted_name}"
            )
            tiles.append(
                tag(
                    "figure",
                    tag("img", src=data_uri(plots.image_png(found["images"][i])), alt=alt, title=alt),
                    tag("figcaption", caption),
                )
            )
        matrix = np.asarray(m.get("confusion_matrix", []))
        wrong = int(matrix.sum() - np.trace(matrix)) if matrix.size else len(found["images"])
        return join(
            tag("p", say("misclassified_intro", shown=len(order), wrong=f"{wrong:,}"), class_="muted small"),
            tag("div", tiles, class_="grid"),
        )

    # ------------------------------------------------------------ model, extras, reproduce

    def model(self) -> Markup | None:
        info = self.e.model
        if not info or not info.get("layers"):
            return None
        say = self.say
        rows = [
            [
                tag("code", layer.get("name")),
                layer.get("type"),
                "(" + ", ".join("None" if d is None else str(d) for d in layer["output_shape"]) + ")"
                if layer.get("output_shape")
                else "–",
                number(layer.get("params")),
            ]
            for layer in info["layers"]
        ]
        return join(
            tag("p", tag("code", info.get("api")), " ", tag("code", info.get("name"))),
            layout.table(
                [say("layer"), say("type"), say("output_shape"), "Param #"], rows, [False, False, False, True]
            ),
            tag(
                "p",
                say(
                    "total_params",
                    total=number(info.get("total_params")),
                    trainable=number(info.get("trainable_params")),
                    non_trainable=number(info.get("non_trainable_params")),
                ),
            ),
        )

    def extra(self) -> Markup | None:
        parts = []
        for item in self.e.sections:
            content: Any
            file = str(item.get("file") or "")
            path = (self.e.path / file).resolve() if file else None
            inside = path is not None and self.e.path.resolve() in path.parents
            if item.get("kind") == "text":
                content = [tag("p", paragraph) for paragraph in str(item.get("text", "")).split("\n\n")]
            elif not inside or not path.is_file():
                content = layout.callout(self.say("missing_file", file=file or "?"), "warn")
            elif item.get("kind") == "figure":
                content = layout.figure(file, str(item.get("title", "")))
            else:
                import pandas as pd

                frame = pd.read_csv(path)
                content = [layout.frame_table(frame, decimals=item.get("decimals"))]
                if len(frame) > 200:
                    content.append(
                        tag(
                            "p",
                            self.say("rows_shown", shown=200, total=len(frame), file=file),
                            class_="muted small",
                        )
                    )
                content.append(tag("p", tag("a", file, href=file), class_="small"))
            parts.append(
                tag(
                    "div",
                    tag("h3", item.get("title", "")),
                    content,
                    tag("p", item["caption"], class_="muted small") if item.get("caption") else None,
                )
            )
        return join(parts) if parts else None

    def facts(self) -> Markup | None:
        if not self.e.facts:
            return None
        rows = []
        for key, value in self.e.facts.items():
            shown = (
                plain(value)
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                else (
                    tag("code", json.dumps(value, ensure_ascii=False))
                    if isinstance(value, (list, dict))
                    else str(value)
                )
            )
            rows.append([tag("code", key), shown])
        return layout.table([self.say("name"), self.say("value")], rows)

    def reproduce(self) -> Markup:
        say, run = self.say, self.e.run
        device = run.get("device") or {}
        parts = [
            tag("p", say("reproduce_intro")),
            tag("pre", run.get("command") or f"ann-keras run {self.e.name}"),
        ]
        if run.get("overrides"):
            parts.append(
                tag(
                    "p",
                    tag("strong", say("overrides"), ": "),
                    join([[tag("code", f"{k}={v}"), " "] for k, v in run["overrides"].items()]),
                )
            )
        seeds = run.get("seeds") or [run.get("seed")]
        provenance = [
            [say("seed"), ", ".join(str(s) for s in seeds)],
            [say("started"), layout.when(run.get("started"))],
            [say("finished"), layout.when(run.get("finished"))],
            [say("wall_time"), seconds(run.get("wall_time_s"))],
            [say("backend"), run.get("backend") or "–"],
            [say("device"), " ".join(str(device.get(k)) for k in ("type", "name") if device.get(k)) or "–"],
            [say("run_id"), tag("code", run.get("run_id") or "–")],
        ]
        versions = run.get("versions") or {}
        if versions:
            provenance.append(
                [say("versions"), join([[tag("code", f"{k} {v}"), " "] for k, v in versions.items()])]
            )
        parts += [tag("h3", say("provenance")), layout.table(["", ""], provenance)]
        if self.e.config:
            changed = set(run.get("overrides") or {})
            changed |= set((run.get("variants") or {}).get(run.get("primary"), None) or {})
            rows = [
                [
                    tag("code", key),
                    tag(
                        "code", json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                    ),
                ]
                for key, value in flatten(self.e.config).items()
            ]
            classes = ["highlight" if key in changed else "" for key, _ in flatten(self.e.config).items()]
            parts.append(
                tag(
                    "details",
                    tag("summary", say("config")),
                    tag("p", say("config_intro"), class_="muted small"),
                    layout.table(["key", say("value")], rows, row_classes=classes),
                )
            )
        files = [name for name in RAW_FILES if (self.e.path / name).is_file()]
        if files:
            parts += [
                tag("h3", say("files")),
                tag(
                    "p",
                    say("files_intro"),
                    " ",
                    join([[tag("a", tag("code", f), href=f), " "] for f in files]),
                ),
            ]
        return join(parts)
