"""The report stage: every figure and page, made from the saved result files (no Keras).

results/index.html, each experiment's report.html and report.md with the figures in
report_files/, and each benchmark's page: built as blocks (`document`), rendered to
HTML and Markdown, rebuilt at any time (`ann-keras report`) without retraining.
"""

import sys
import types

from ann_keras.report.build import Built, build_pages, page_language
from ann_keras.report.serve import serve

__all__ = ["Built", "build_pages", "page_language", "serve"]


class _Stage(types.ModuleType):
    """`ak.report(...)` stays the API's function after this package is imported.

    Importing `ann_keras.report` sets the attribute `report` of `ann_keras` to this package,
    in place of `ann_keras.api.report`; calling the package calls that function.
    """

    def __call__(self, *args, **kwargs):
        from ann_keras.api import report

        return report(*args, **kwargs)


sys.modules[__name__].__class__ = _Stage
