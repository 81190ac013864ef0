"""The report stage: every figure and page, made from the saved result files (no Keras).

results/index.html, each experiment's report.html and report.md with the figures in
report_files/, and each benchmark's page: built as blocks (`document`), rendered to
HTML and Markdown, rebuilt at any time (`ann-keras report`) without retraining.
"""

from ann_keras.report.build import Built, build_pages, page_language
from ann_keras.report.serve import serve

__all__ = ["Built", "build_pages", "page_language", "serve"]
