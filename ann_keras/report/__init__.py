"""HTML pages rendered from saved result files: results/index.html and one page per experiment.

No Keras here: the pages are made from the JSON, CSV and NPZ files in results/,
so they can be rebuilt at any time (`ann-keras report`) without retraining.
"""

from ann_keras.report.build import Built, build_pages, page_language
from ann_keras.report.serve import serve

__all__ = ["Built", "build_pages", "page_language", "serve"]
