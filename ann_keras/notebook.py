"""A result shown inline in Jupyter or Colab (`result.show()`): numbers, tables and figures.

Everything shown is read from the result's folder, as the pages are: metrics.json,
summary.csv, tables/*.csv and the figures the report stage drew (report_files/).
Outside IPython the same things are printed as text, and figures as their paths.
"""

from __future__ import annotations

HEADLINE = (
    "test_accuracy",
    "test_f1_macro",
    "test_loss",
    "val_accuracy",
    "best_val_accuracy",
    "best_val_accuracy_epoch",
    "epochs_run",
    "stopped_early",
    "params",
)


def headline(metrics: dict):
    """The headline numbers of metrics.json as a one-column DataFrame (those it has)."""
    import pandas as pd

    values = {key: metrics[key] for key in HEADLINE if key in metrics}
    return pd.DataFrame({"value": pd.Series(values, dtype=object)})


def show(result, figures=None, tables=None) -> None:
    try:
        from IPython.display import Image, Markdown, display
    except ImportError:  # plain Python: text and paths
        Image = None  # noqa: N806

        def display(item):
            print(item)

        def Markdown(text):  # noqa: N802
            return text

    def chosen(available: dict, names) -> dict:
        return available if names is None else {k: v for k, v in available.items() if k in names}

    display(Markdown(f"**{result.path.name}**"))
    if result.metrics:
        display(headline(result.metrics))
    if result.summary is not None:
        display(Markdown("summary.csv"))
        display(result.summary)
    for name, frame in chosen(result.tables, tables).items():
        display(Markdown(f"tables/{name}.csv"))
        display(frame)
    for name, path in chosen(result.figures, figures).items():
        display(Markdown(f"{name}.png"))
        display(Image(filename=str(path)) if Image else path)
