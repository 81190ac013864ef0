"""Shared fixtures: tiny IDX files, the real data when present, quiet Keras."""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from ann_keras import data  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402


def write_idx(path: Path, array: np.ndarray, magic: int | None = None, count: int | None = None) -> Path:
    """Write `array` (uint8) as a gzip-compressed IDX file, optionally with a wrong header."""
    array = np.asarray(array, dtype=np.uint8)
    magic = magic if magic is not None else (2051 if array.ndim == 3 else 2049)
    header = struct.pack(">II", magic, count if count is not None else len(array))
    if array.ndim == 3:
        header += struct.pack(">II", *array.shape[1:])
    with gzip.open(path, "wb") as handle:
        handle.write(header + array.tobytes())
    return path


@pytest.fixture
def idx_files(tmp_path):
    """A folder with small but well-formed images and labels files."""
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(20, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=20, dtype=np.uint8)
    return {
        "images": images,
        "labels": labels,
        "images_path": write_idx(tmp_path / "images.gz", images),
        "labels_path": write_idx(tmp_path / "labels.gz", labels),
    }


def _real_data_dir():
    try:
        return data.find_data_dir(download=False)
    except UserError:
        return None


@pytest.fixture(scope="session")
def real_data_dir():
    """The folder with the real Fashion-MNIST; `make test` puts it there first."""
    folder = _real_data_dir()
    if folder is None:
        pytest.skip("Fashion-MNIST is not on this machine: run `make data`")
    return folder


@pytest.fixture(scope="session")
def report_results(tmp_path_factory):
    """A results folder of genuine files in every shape the report pages render (tests/report_fixtures.py)."""
    pytest.importorskip("keras")
    from report_fixtures import build

    return build(tmp_path_factory.mktemp("report-fixture"))


@pytest.fixture(scope="session")
def report_pages(report_results, tmp_path_factory):
    """A copy of `report_results` with its English pages built."""
    import shutil

    from ann_keras.report import build_pages

    results_dir = tmp_path_factory.mktemp("report-pages") / "results"
    shutil.copytree(report_results, results_dir)
    build_pages(results_dir, lang="en")
    return results_dir
