"""IDX parsing, every validation error, the search order and the book's split."""

import gzip

import numpy as np
import pytest
from conftest import write_idx

from ann_keras import config as cfg
from ann_keras import data
from ann_keras.errors import UserError


def test_reads_images_and_labels(idx_files):
    images = data.read_idx(idx_files["images_path"])
    labels = data.read_idx(idx_files["labels_path"])
    np.testing.assert_array_equal(images, idx_files["images"])
    np.testing.assert_array_equal(labels, idx_files["labels"])
    assert images.shape == (20, 28, 28) and images.dtype == np.uint8


def test_checksum_is_of_the_decompressed_bytes(idx_files, tmp_path):
    import hashlib

    raw = gzip.decompress(idx_files["labels_path"].read_bytes())
    spec = data.IdxFile("x", 2049, 20, hashlib.md5(raw).hexdigest())
    # Re-compressing at another level changes the .gz bytes but not the contents.
    again = tmp_path / "again.gz"
    again.write_bytes(gzip.compress(raw, compresslevel=1))
    assert again.read_bytes() != idx_files["labels_path"].read_bytes()
    np.testing.assert_array_equal(data.read_idx(again, spec), idx_files["labels"])


def _one_line(error):
    message = str(error.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    with pytest.raises(UserError) as info:
        data.read_idx(tmp_path / "nope.gz")
    assert "file not found" in _one_line(info) and "nope.gz" in str(info.value)


def test_truncated_gzip(idx_files, tmp_path):
    cut = tmp_path / "cut.gz"
    cut.write_bytes(idx_files["images_path"].read_bytes()[:300])
    with pytest.raises(UserError) as info:
        data.read_idx(cut)
    assert "truncated" in _one_line(info) and "cut.gz" in str(info.value)


def test_not_gzip(tmp_path):
    bad = tmp_path / "bad.gz"
    bad.write_bytes(b"this is not gzip at all")
    with pytest.raises(UserError) as info:
        data.read_idx(bad)
    assert "not a valid gzip file" in _one_line(info)


def test_wrong_magic(tmp_path):
    path = write_idx(tmp_path / "m.gz", np.zeros(5, np.uint8), magic=1234)
    with pytest.raises(UserError) as info:
        data.read_idx(path)
    assert "magic number 1234" in _one_line(info)


def test_images_where_labels_belong(idx_files):
    with pytest.raises(UserError, match="magic number 2051, expected 2049"):
        data.read_idx(idx_files["images_path"], data.FILES["train_labels"])


def test_wrong_count(idx_files):
    with pytest.raises(UserError) as info:
        data.read_idx(idx_files["labels_path"], data.FILES["train_labels"])
    assert "holds 20 samples, expected 60000" in _one_line(info)


def test_header_count_disagrees_with_the_bytes(tmp_path):
    path = write_idx(tmp_path / "short.gz", np.zeros(5, np.uint8), count=6)
    with pytest.raises(UserError) as info:
        data.read_idx(path)
    assert "bytes after decompression, expected" in _one_line(info)


def test_wrong_image_size(tmp_path):
    path = write_idx(tmp_path / "small.gz", np.zeros((3, 27, 28), np.uint8))
    with pytest.raises(UserError, match="27x28, expected 28x28"):
        data.read_idx(path)


def test_label_out_of_range(tmp_path):
    path = write_idx(tmp_path / "labels.gz", np.array([0, 3, 12], np.uint8))
    with pytest.raises(UserError) as info:
        data.read_idx(path)
    assert "label 12 is outside 0-9" in _one_line(info)


def test_checksum_mismatch(idx_files):
    spec = data.IdxFile("x", 2049, 20, "0" * 32)
    with pytest.raises(UserError) as info:
        data.read_idx(idx_files["labels_path"], spec)
    assert "checksum" in _one_line(info) and "expected 000" in str(info.value)


def test_explicit_data_dir_must_exist(tmp_path, monkeypatch):
    with pytest.raises(UserError) as info:
        data.find_data_dir(tmp_path / "missing")
    assert "no such directory" in _one_line(info)
    with pytest.raises(UserError, match="missing train-images-idx3-ubyte.gz"):
        data.find_data_dir(tmp_path)
    monkeypatch.setenv("ANN_KERAS_DATA", str(tmp_path / "also-missing"))
    with pytest.raises(UserError, match="ANN_KERAS_DATA"):
        data.find_data_dir()


def test_search_order_prefers_the_keras_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("ANN_KERAS_DATA", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    cache = tmp_path / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for spec in data.FILES.values():
        (cache / spec.name).write_bytes(b"")
    assert data.find_data_dir(download=False) == cache


def test_without_any_copy_and_no_download_it_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ANN_KERAS_DATA", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.setattr(data, "DEBIAN_DIR", tmp_path / "none")
    with pytest.raises(UserError, match="make data"):
        data.find_data_dir(download=False)


def test_truncated_real_file_in_a_data_dir(real_data_dir, tmp_path):
    for spec in data.FILES.values():
        (tmp_path / spec.name).write_bytes((real_data_dir / spec.name).read_bytes())
    name = data.FILES["train_labels"].name
    (tmp_path / name).write_bytes((real_data_dir / name).read_bytes()[:1000])
    with pytest.raises(UserError) as info:
        data.load_raw("train", tmp_path)
    assert name in _one_line(info) and "truncated" in str(info.value)


def test_real_data_and_the_books_split(real_data_dir):
    images, labels = data.load_raw("train", real_data_dir)
    assert images.shape == (60000, 28, 28)
    assert np.bincount(labels).tolist() == [6000] * 10  # 6,000 per class, as the notes print
    splits = data.load_splits(cfg.DataConfig(), real_data_dir)
    assert len(splits.x_train) == 48000 and len(splits.x_val) == 12000
    assert splits.x_train.dtype == np.float32 and 0.0 <= splits.x_train.min() and splits.x_train.max() == 1.0
    # Same rows as train_test_split(train_input / 255, ..., test_size=0.2, random_state=42).
    from sklearn.model_selection import train_test_split

    x_tr, x_va, y_tr, y_va = train_test_split(images / 255.0, labels, test_size=0.2, random_state=42)
    np.testing.assert_allclose(splits.x_val[:50], x_va[:50], rtol=1e-6)
    np.testing.assert_array_equal(splits.y_train, y_tr)
    # The labels reach fit as the notebooks pass them: uint8, the dtype of the IDX files and of
    # keras.datasets.fashion_mnist.load_data() (on JAX, int32 labels change the logged loss's last bit).
    assert labels.dtype == y_tr.dtype == np.uint8
    assert splits.y_train.dtype == splits.y_val.dtype == np.uint8
    flat = data.load_splits(cfg.DataConfig(flatten=True), real_data_dir)
    assert flat.x_train.shape == (48000, 784)


def test_test_set_is_separate(real_data_dir):
    splits = data.load_splits(cfg.DataConfig(test_samples=100), real_data_dir)
    x_test, y_test, raw = data.load_test(cfg.DataConfig(test_samples=100), splits.scaler, real_data_dir)
    assert x_test.shape == (100, 28, 28) and raw.dtype == np.uint8 and len(y_test) == 100
    assert y_test.dtype == np.uint8  # as the notebooks evaluate with test_target


def test_scalings():
    images = np.full((4, 28, 28), 51, np.uint8)
    images[0, 0, 0] = 255
    for scaling, check in [
        ("raw", lambda x: x.max() == 255),
        ("divide_255", lambda x: np.isclose(x.max(), 1.0)),
        ("standardize", lambda x: abs(float(x.mean())) < 1e-5),
        ("l2_normalize", lambda x: np.allclose(np.linalg.norm(x.reshape(4, -1), axis=1), 1.0)),
    ]:
        x, _ = data.scale(images, cfg.DataConfig(scaling=scaling))
        assert check(x), scaling


def test_class_names_in_two_languages():
    assert len(data.class_names("en")) == len(data.class_names("ko")) == 10
    assert data.class_names("ko")[0] == "티셔츠" and data.class_names()[9] == "Ankle boot"
