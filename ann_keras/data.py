"""Fashion-MNIST from disk (or Keras' download), validated, and split like the book.

The four original `.gz` files are looked for, in order, in `--data-dir` /
`ANN_KERAS_DATA`, the Keras cache (`~/.keras/datasets/fashion-mnist`) and
Debian's `/usr/share/datasets/fashion-mnist` (package `dataset-fashion-mnist`);
only then is Keras' download tried. Every file is checked: gzip stream, IDX
magic number, shape, label range, and the MD5 of its decompressed contents
(Debian re-compressed the files, so only the decompressed bytes match the
checksums Zalando published).

The test split is not part of `Splits`: only evaluation calls `load_test`.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from ann_keras.config import DataConfig, validation_count
from ann_keras.errors import UserError

CLASS_NAMES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
# The names 혼공머신 7-1 uses.
CLASS_NAMES_KO = (
    "티셔츠",
    "바지",
    "스웨터",
    "드레스",
    "코트",
    "샌달",
    "셔츠",
    "스니커즈",
    "가방",
    "앵클 부츠",
)


@dataclasses.dataclass(frozen=True)
class IdxFile:
    """One of the four published files and what its decompressed contents must be."""

    name: str
    magic: int  # 2051 for images, 2049 for labels
    count: int
    md5: str  # of the decompressed bytes, as published by Zalando Research


FILES = {
    "train_images": IdxFile("train-images-idx3-ubyte.gz", 2051, 60000, "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
    "train_labels": IdxFile("train-labels-idx1-ubyte.gz", 2049, 60000, "9018921c3c673c538a1fc5bad174d6f9"),
    "test_images": IdxFile("t10k-images-idx3-ubyte.gz", 2051, 10000, "8181f5470baa50b63fa0f6fddb340f0a"),
    "test_labels": IdxFile("t10k-labels-idx1-ubyte.gz", 2049, 10000, "15d484375f8d13e6eb1aabb0c3f46965"),
}
IMAGE_SHAPE = (28, 28)
NUM_CLASSES = 10
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
FIX = "run `make data` (or pass --data-dir with the four Fashion-MNIST .gz files)"


def keras_cache_dir() -> Path:
    """Where `keras.datasets.fashion_mnist.load_data()` keeps its download."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "datasets" / "fashion-mnist"


# ---------------------------------------------------------------- reading IDX


def read_idx(path: Path, spec: IdxFile | None = None) -> np.ndarray:
    """Read one gzip-compressed IDX file and check it against `spec`.

    Args:
        path: the `.gz` file.
        spec: what the file must hold (magic, count, checksum); None checks only the format.
    Returns:
        uint8 array, (count, 28, 28) for images or (count,) for labels.
    """
    path = Path(path)
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise UserError(f"{path}: file not found; {FIX}") from None
    except (EOFError, OSError, zlib.error) as exc:
        reason = "truncated" if isinstance(exc, EOFError) else f"not a valid gzip file ({exc})"
        raise UserError(f"{path}: {reason}; delete it and {FIX}") from None
    if len(raw) < 8:
        raise UserError(
            f"{path}: only {len(raw)} bytes after decompression, too short for an IDX header; {FIX}"
        )
    magic, count = struct.unpack(">II", raw[:8])
    if magic not in (2049, 2051) or (spec is not None and magic != spec.magic):
        want = spec.magic if spec is not None else "2049 or 2051"
        raise UserError(
            f"{path}: IDX magic number {magic}, expected {want}: not this Fashion-MNIST file; {FIX}"
        )
    if spec is not None and count != spec.count:
        raise UserError(f"{path}: holds {count} samples, expected {spec.count}; {FIX}")
    if magic == 2051:
        if len(raw) < 16:
            raise UserError(f"{path}: image header cut short; {FIX}")
        rows, cols = struct.unpack(">II", raw[8:16])
        if (rows, cols) != IMAGE_SHAPE:
            raise UserError(f"{path}: images are {rows}x{cols}, expected 28x28; {FIX}")
        offset, shape = 16, (count, rows, cols)
    else:
        offset, shape = 8, (count,)
    expected = offset + int(np.prod(shape))
    if len(raw) != expected:
        raise UserError(
            f"{path}: {len(raw)} bytes after decompression, expected {expected}; delete it and {FIX}"
        )
    if spec is not None:
        digest = hashlib.md5(raw).hexdigest()
        if digest != spec.md5:
            raise UserError(
                f"{path}: checksum of the decompressed contents is {digest}, expected {spec.md5}; delete it "
                f"and {FIX}"
            )
    array = np.frombuffer(raw, dtype=np.uint8, offset=offset).reshape(shape)
    if magic == 2049 and array.size and array.max() >= NUM_CLASSES:
        raise UserError(f"{path}: label {int(array.max())} is outside 0-9; {FIX}")
    return array


# ---------------------------------------------------------------- finding the files


def _complete(folder: Path) -> bool:
    return all((folder / spec.name).is_file() for spec in FILES.values())


def find_data_dir(data_dir: str | os.PathLike | None = None, download: bool = True) -> Path:
    """The first folder that has all four files, downloading with Keras as a last resort."""
    explicit = data_dir or os.environ.get("ANN_KERAS_DATA")
    if explicit:
        folder = Path(explicit).expanduser()
        source = "--data-dir" if data_dir else "ANN_KERAS_DATA"
        if not folder.is_dir():
            raise UserError(
                f"{source} {folder}: no such directory; give the folder that holds the four Fashion-MNIST "
                ".gz files"
            )
        missing = [spec.name for spec in FILES.values() if not (folder / spec.name).is_file()]
        if missing:
            raise UserError(f"{source} {folder}: missing {', '.join(missing)}; {FIX}")
        return folder
    for folder in (keras_cache_dir(), DEBIAN_DIR):
        if _complete(folder):
            return folder
    if download:
        return _download()
    raise UserError(f"Fashion-MNIST not found in {keras_cache_dir()} or {DEBIAN_DIR}; {FIX}")


def _download() -> Path:
    """Keras' own download into its cache (needs internet)."""
    print("Fashion-MNIST not found locally: downloading it with keras.datasets.fashion_mnist ...", flush=True)
    try:
        import keras

        keras.datasets.fashion_mnist.load_data()
    except Exception as exc:  # any network or HTTP failure
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"Fashion-MNIST is not on this machine and the download failed ({first_line}); "
            "install Debian's dataset-fashion-mnist (`make data`) or pass --data-dir"
        ) from None
    folder = keras_cache_dir()
    if not _complete(folder):
        raise UserError(f"the download finished but {folder} lacks the four .gz files; {FIX}")
    return folder


# ---------------------------------------------------------------- loading and splitting


def load_raw(part: str, data_dir: str | os.PathLike | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Images (uint8, N x 28 x 28) and labels of `part` ("train" or "test"), validated."""
    folder = find_data_dir(data_dir)
    images = read_idx(folder / FILES[f"{part}_images"].name, FILES[f"{part}_images"])
    labels = read_idx(folder / FILES[f"{part}_labels"].name, FILES[f"{part}_labels"])
    return images, labels


@functools.cache
def _checked(folder: Path, part: str) -> None:
    for kind in ("images", "labels"):
        spec = FILES[f"{part}_{kind}"]
        read_idx(folder / spec.name, spec)


def check_part(part: str, data_dir: str | os.PathLike | None = None) -> None:
    """Check `part`'s two files (format, labels 0-9, checksum) without keeping them, once per process.

    Training reads the test files' checks too, so a bad test file is said before
    training, not at the evaluation after it; the test images themselves are still
    read by the evaluation only.
    """
    _checked(find_data_dir(data_dir).resolve(), part)


def synthetic(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Learnable stand-in images: each class is a fixed random pattern plus noise.

    Used by tests and by `data.dataset=synthetic`; no file is read.
    """
    rng = np.random.default_rng(seed)
    prototypes = np.random.default_rng(12345).integers(0, 256, size=(NUM_CLASSES, *IMAGE_SHAPE))
    labels = rng.integers(0, NUM_CLASSES, size=count).astype(np.uint8)
    noise = rng.normal(0, 60, size=(count, *IMAGE_SHAPE))
    images = np.clip(prototypes[labels] + noise, 0, 255).astype(np.uint8)
    return images, labels


@dataclasses.dataclass
class Splits:
    """Training and validation data, scaled and shaped for the model."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    scaler: dict  # what `scale` needs to treat the test set the same way

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])


def scale(images: np.ndarray, config: DataConfig, scaler: dict | None = None) -> tuple[np.ndarray, dict]:
    """Pixels -> model inputs; statistics (z-score) come from the training split only."""
    x = images.astype(np.float32)
    if config.flatten:
        x = x.reshape(len(x), -1)
    scaler = dict(scaler or {})
    if config.scaling == "divide_255":
        x /= 255.0
    elif config.scaling == "standardize":
        if "mean" not in scaler:
            scaler = {"mean": float(x.mean()), "std": float(x.std())}
        x = (x - scaler["mean"]) / scaler["std"]
    elif config.scaling == "l2_normalize":
        flat = x.reshape(len(x), -1)
        norms = np.linalg.norm(flat, axis=1).reshape((-1,) + (1,) * (x.ndim - 1))
        x = x / np.maximum(norms, 1e-12)
    return x.astype(np.float32), scaler


def load_splits(config: DataConfig, data_dir: str | os.PathLike | None = None) -> Splits:
    """48,000 train / 12,000 validation, exactly as `train_test_split(test_size=0.2, random_state=42)`;
    with `split="tail"` the last `validation_size` images validate (핸즈온 10: 55,000 / 5,000)."""
    from sklearn.model_selection import train_test_split

    if config.dataset == "synthetic":
        images, labels = synthetic(6000, seed=0)
    else:
        images, labels = load_raw("train", data_dir)
        check_part("test", data_dir)
    size = validation_count(config, len(images))
    if config.split == "tail":  # 핸즈온 10: X_train_full[:-5000], X_train_full[-5000:]
        x_train, x_val, y_train, y_val = images[:-size], images[-size:], labels[:-size], labels[-size:]
    else:
        test_size = config.validation_size if config.validation_size < 1 else size  # as the book writes it
        x_train, x_val, y_train, y_val = train_test_split(
            images, labels, test_size=test_size, random_state=config.split_seed
        )
    x_train, y_train = x_train[: config.train_samples], y_train[: config.train_samples]
    x_val, y_val = x_val[: config.val_samples], y_val[: config.val_samples]
    x_train, scaler = scale(x_train, config)
    x_val, _ = scale(x_val, config, scaler)
    # Labels stay uint8, as the files (and Keras' download) give them and the books pass them to
    # `fit`: on JAX, int32 labels compile another loss program, whose logged loss can differ in
    # the last bit (the weights do not).
    return Splits(x_train, y_train, x_val, y_val, scaler)


def load_test(
    config: DataConfig, scaler: dict, data_dir: str | os.PathLike | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 10,000 test images: scaled inputs, labels, and the raw uint8 images (for reports)."""
    if config.dataset == "synthetic":
        images, labels = synthetic(1000, seed=1)
    else:
        images, labels = load_raw("test", data_dir)
    images, labels = images[: config.test_samples], labels[: config.test_samples]
    x_test, _ = scale(images, config, scaler)
    return x_test, labels, images


def class_names(lang: str = "en") -> tuple[str, ...]:
    return CLASS_NAMES_KO if lang == "ko" else CLASS_NAMES


class DataCache:
    """Splits and test sets loaded once per process and data config (every fit and trial shares them)."""

    def __init__(self, data_dir: str | os.PathLike | None = None):
        self.data_dir = data_dir
        self._splits: dict[str, Splits] = {}
        self._test: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    @staticmethod
    def _key(config: DataConfig) -> str:
        return repr(dataclasses.astuple(config))

    def splits(self, config: DataConfig) -> Splits:
        """Train and validation splits for `config`."""
        key = self._key(config)
        if key not in self._splits:
            self._splits[key] = load_splits(config, self.data_dir)
        return self._splits[key]

    def test_set(self, config: DataConfig, scaler: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The test split scaled like training: read by evaluation only."""
        key = self._key(config) + repr(sorted(scaler.items()))
        if key not in self._test:
            self._test[key] = load_test(config, scaler, self.data_dir)
        return self._test[key]
