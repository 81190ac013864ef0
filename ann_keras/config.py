"""Typed configuration: defaults, dotted overrides, validation.

A config is a tree of dataclasses. Experiments start from `default_config()` and
change only what differs; users change any field with `--set key=value`, where the
key is dotted (`train.epochs`, `model.hidden.0.units`) and the value is parsed
into the field's type. Unknown keys and wrong types are `UserError`s that list
the valid keys, never silent defaults.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from ann_keras.errors import UserError
from ann_keras.suggest import did_you_mean

OPTIMIZERS = ("sgd", "rmsprop", "adam", "adamw", "nadam", "adagrad", "adadelta", "adamax", "ftrl", "lion")
SCALINGS = ("divide_255", "raw", "standardize", "l2_normalize")
BATCH_NORM = ("none", "before", "after")
MODEL_APIS = ("sequential", "subclassed", "functional")
DATASETS = ("fashion_mnist", "synthetic")
TRAINERS = ("keras", "fast")
FLIPS = ("none", "horizontal", "vertical", "horizontal_and_vertical")
# train_test_split: the notes' and 혼공머신's shuffled split; tail: the last images of the training
# file are the validation set, as 핸즈온 10's X_train_full[:-5000] / X_train_full[-5000:].
SPLITS = ("train_test_split", "tail")
TRAIN_IMAGES = {"fashion_mnist": 60_000, "synthetic": 6_000}  # images before the split
# train.lr_schedule: the learning rate over the run's updates, each a Keras schedule class
# (ann_keras.training.schedules); "constant" keeps the plain learning rate.
LR_SCHEDULES = ("constant", "cosine", "exponential", "piecewise")
WARMUP_SCHEDULES = ("constant", "cosine")  # Keras' CosineDecay is the schedule with a warm-up
SMOOTHED_LOSSES = ("sparse_categorical_crossentropy",)  # the losses train.label_smoothing applies to


def _choices(*values: str) -> dict:
    return {"choices": values}


@dataclass
class LayerConfig:
    """One hidden Dense layer and what sits around it."""

    units: int = 100
    activation: str = "relu"
    kernel_initializer: str = "glorot_uniform"  # Keras' default
    bias_initializer: str = "zeros"
    l1: float = 0.0  # weight penalties (0 = off)
    l2: float = 0.0
    dropout: float = 0.0  # rate of a Dropout layer after this one (0 = none)
    batch_norm: str = field(default="none", metadata=_choices(*BATCH_NORM))  # before/after the activation


@dataclass
class DataConfig:
    """Where the images come from and how they are scaled and split."""

    dataset: str = field(default="fashion_mnist", metadata=_choices(*DATASETS))
    flatten: bool = False  # True: the book's reshape(-1, 784); False: 28x28 images and a Flatten layer
    scaling: str = field(default="divide_255", metadata=_choices(*SCALINGS))
    split: str = field(default="train_test_split", metadata=_choices(*SPLITS))
    # A fraction of the training images, or a count (5000: 핸즈온 10's last 5,000).
    validation_size: float = 0.2  # train_test_split(test_size=0.2, random_state=42) as in the book
    split_seed: int = 42
    train_samples: int | None = None  # use only the first N training samples (None = all 48,000)
    val_samples: int | None = None
    test_samples: int | None = None


@dataclass
class AugmentationConfig:
    """Random image changes applied while training only (Keras preprocessing layers)."""

    flip: str = field(default="none", metadata=_choices(*FLIPS))  # RandomFlip mode
    shift: float = 0.0  # RandomTranslation: largest shift, as a fraction of height and width (0 = off)


@dataclass
class ModelConfig:
    """A stack of Dense layers with a softmax output."""

    api: str = field(default="sequential", metadata=_choices(*MODEL_APIS))
    hidden: list[LayerConfig] = field(default_factory=lambda: [LayerConfig()])
    output_activation: str = "softmax"
    output_initializer: str = "glorot_uniform"  # kernel initializer of the output layer
    num_classes: int = 10
    wide: bool = (
        False  # 핸즈온 10 wide & deep: the input also goes straight to the output layer (functional API)
    )
    augmentation: AugmentationConfig = field(default_factory=AugmentationConfig)
    # Create every Dropout before the Dense layers, as 혼공머신 7-3's model_fn(keras.layers.Dropout(0.3))
    # does: each layer draws its seed from Python's generator when it is created, so the order matters.
    dropout_created_first: bool = False


@dataclass
class TrainConfig:
    """compile() and fit() arguments and the callbacks the books use."""

    optimizer: str = field(default="rmsprop", metadata=_choices(*OPTIMIZERS))  # compile()'s default
    learning_rate: float | None = None  # None: the optimizer's own default
    momentum: float = 0.0  # SGD only
    nesterov: bool = False  # SGD only
    loss: str = "sparse_categorical_crossentropy"
    batch_size: int = 32  # fit()'s default
    epochs: int = 5
    shuffle: bool = True
    early_stopping_patience: int | None = None  # None: no EarlyStopping
    monitor: str = "val_loss"  # what EarlyStopping and ModelCheckpoint watch (Keras' default)
    restore_best_weights: bool = True
    checkpoint: bool = False  # ModelCheckpoint of the best model (kept under the work folder)
    tensorboard: bool = False  # TensorBoard logs under the work folder
    # "fast": Keras' own train_step, a whole epoch per call into the backend (same batches, order
    # and updates as fit; ann_keras/training/fused.py); "keras": model.fit as the textbooks write it.
    trainer: str = field(default="fast", metadata=_choices(*TRAINERS))
    steps_per_execution: int = 1  # compile(steps_per_execution=...); used by trainer="keras"
    deterministic: bool = True  # op determinism on CPU: same seed, same numbers
    # The learning rate per update: constant, cosine (to 0 at the last update), exponential (x0.1 over
    # the run), piecewise (x0.5 at half the run, x0.1 at 80%); ann_keras/training/schedules.py.
    lr_schedule: str = field(default="constant", metadata=_choices(*LR_SCHEDULES))
    warmup_epochs: float = 0.0  # linear warm-up from 0 to the learning rate (constant and cosine only)
    label_smoothing: float = 0.0  # targets (1 - e) * one_hot + e / classes (sparse crossentropy only)
    weight_decay: float | None = None  # decoupled weight decay; None: the optimizer's own (AdamW 0.004)
    # After the run on the split: a fresh model trained on train + validation for the epochs that run
    # chose (its evaluated epoch), tested once instead of the split's model.
    refit_full: bool = False


@dataclass
class Config:
    """Everything one experiment run needs."""

    seed: int = 42
    seeds: int = 1  # run seeds seed, seed+1, ... and report mean and std
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    # Experiment-specific settings; each default's type is the key's type.
    params: dict[str, Any] = field(default_factory=dict)


def default_config() -> Config:
    """The package defaults: Keras' own defaults and the book's data split."""
    return Config()


def seed_list(config: Config) -> list[int]:
    """The seeds a config runs: seed, seed + 1, ..., `seeds` of them."""
    return [config.seed + i for i in range(config.seeds)]


# Shrinks any experiment to a few seconds; used by the smoke test and `--set` users alike.
SMOKE_OVERRIDES = {
    "data.train_samples": 512,
    "data.val_samples": 256,
    "data.test_samples": 256,
    "train.epochs": 1,
    "seeds": 1,
}

# A first look at every experiment in a few minutes: subsets and fewer epochs.
QUICK_OVERRIDES = {
    "data.train_samples": 6000,
    "data.val_samples": 2000,
    "seeds": 1,
}
QUICK_MAX_EPOCHS = 3


# ---------------------------------------------------------------- conversion


def to_dict(config: Any) -> Any:
    """A JSON-ready copy of a config (or any part of one)."""
    if dataclasses.is_dataclass(config):
        return {f.name: to_dict(getattr(config, f.name)) for f in dataclasses.fields(config)}
    if isinstance(config, list):
        return [to_dict(v) for v in config]
    if isinstance(config, dict):
        return {k: to_dict(v) for k, v in config.items()}
    return config


def from_dict(data: dict, cls: type = Config) -> Any:
    """Rebuild a config from `to_dict` output (for instance a saved config.json)."""
    obj = cls()
    for key, value in data.items():
        _set_path(obj, [key], value, key)
    return obj


def dumps(config: Config) -> str:
    return json.dumps(to_dict(config), indent=2, ensure_ascii=False)


def flatten(value: Any, prefix: str = "", list_keys: bool = False) -> dict[str, Any]:
    """A nested config (dataclasses or their `to_dict`) as dotted keys: {"model.hidden.0.units": 100, ...}.

    Lists of groups are numbered (`model.hidden.0.units`); with `list_keys` the list's own
    key (`model.hidden`) comes first too, as it can be set as a whole. Empty groups stay
    as one key with their empty value.
    """
    if dataclasses.is_dataclass(value):
        value = to_dict(value)
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key), list_keys))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out = {prefix: value} if list_keys else {}
        for i, inner in enumerate(value):
            out.update(flatten(inner, f"{prefix}.{i}", list_keys))
        return out
    return {prefix: value}


def flat_keys(config: Any) -> list[str]:
    """Every settable dotted key of a config, in declaration order."""
    return list(flatten(config, list_keys=True))


# ---------------------------------------------------------------- overrides


def parse_set_args(items: list[str]) -> dict[str, str]:
    """`["train.epochs=3", ...]` -> `{"train.epochs": "3"}`; values stay strings until typed."""
    overrides = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UserError(f"--set {item!r} is not key=value: write it like --set train.epochs=3")
        overrides[key] = value.strip()
    return overrides


def apply_overrides(config: Config, overrides: dict[str, Any]) -> Config:
    """A copy of `config` with dotted overrides applied and the result validated.

    String values are parsed into the field's type ("3" -> 3, "none" -> None,
    "[300, 100]" -> two hidden layers); other values must already have that type.
    """
    config = copy.deepcopy(config)
    for key, value in overrides.items():
        _set_path(config, key.split("."), value, key, root=config)
    validate(config)
    return config


def _set_path(obj: Any, parts: list[str], value: Any, key: str, root: Any = None) -> None:
    root = obj if root is None else root
    for depth, part in enumerate(parts[:-1]):
        obj = _child(obj, part, parts[: depth + 1], key, root)
    last = parts[-1]
    if dataclasses.is_dataclass(obj):
        hints = typing.get_type_hints(type(obj))
        if last not in hints:
            _unknown(key, parts, obj, root)
        fld = {f.name: f for f in dataclasses.fields(obj)}[last]
        typed = _coerce(value, hints[last], key, getattr(obj, last))
        choices = fld.metadata.get("choices")
        if choices and typed not in choices:
            raise UserError(f"{key}={typed!r} is not one of: {', '.join(choices)}")
        setattr(obj, last, typed)
    elif isinstance(obj, dict):
        if last not in obj:
            _unknown(key, parts, obj, root)
        obj[last] = _coerce_like(value, obj[last], key)
    elif isinstance(obj, list):
        index = _index(obj, last, key)
        obj[index] = _coerce(value, LayerConfig, key, obj[index])
    else:
        _unknown(key, parts, obj, root)


def _child(obj: Any, part: str, path: list[str], key: str, root: Any) -> Any:
    if dataclasses.is_dataclass(obj) and part in {f.name for f in dataclasses.fields(obj)}:
        child = getattr(obj, part)
    elif isinstance(obj, dict) and part in obj:
        child = obj[part]
    elif isinstance(obj, list):
        child = obj[_index(obj, part, key)]
    else:
        _unknown(key, path, obj, root)
    if not (dataclasses.is_dataclass(child) or isinstance(child, (dict, list))):
        raise UserError(
            f"{key}: {'.'.join(path)} is a value, not a group: valid keys are {', '.join(flat_keys(root))}"
        )
    return child


def _index(items: list, part: str, key: str) -> int:
    if not part.isdigit() or int(part) >= len(items):
        raise UserError(
            f"{key}: {part!r} is not a layer index; this config has {len(items)} hidden layer(s), "
            f"0..{len(items) - 1}"
        )
    return int(part)


def _unknown(key: str, parts: list[str], obj: Any, root: Any) -> typing.NoReturn:
    valid = flat_keys(root)
    hint = did_you_mean(key, valid)
    group = ".".join(parts[:-1])
    siblings = [k for k in valid if group and k.startswith(group + ".")]
    if siblings and len(siblings) <= 12:
        listing = f"the keys of {group}: {', '.join(siblings)}"
    else:
        listing = "the groups: " + ", ".join(dict.fromkeys(k.split(".")[0] for k in valid))
    raise UserError(f"unknown config key {key!r}{hint}; {listing}")


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def _coerce(value: Any, hint: Any, key: str, current: Any) -> Any:
    """Parse or check `value` against the type hint `hint`."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "null")):
            return None
        return _coerce(value, options[0], key, current)
    if origin is list:
        (item_type,) = typing.get_args(hint)
        return _coerce_list(value, item_type, key, current)
    if origin is dict:
        if isinstance(value, str):
            value = _json(value, key, "a JSON object")
        if not isinstance(value, dict):
            raise UserError(f'{key} needs a JSON object like {{"a": 1}}, got {value!r}')
        return dict(value)
    if dataclasses.is_dataclass(hint):
        if isinstance(value, str):
            value = _json(value, key, "a JSON object")
        if dataclasses.is_dataclass(value):
            return value
        if isinstance(value, dict):
            obj = copy.deepcopy(current) if dataclasses.is_dataclass(current) else hint()
            for k, v in value.items():
                _set_path(obj, [k], v, f"{key}.{k}")
            return obj
        raise UserError(f"{key} needs a JSON object of {hint.__name__} fields, got {value!r}")
    return _scalar(value, hint, key)


def _scalar(value: Any, hint: type, key: str) -> Any:
    name = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}.get(hint, str(hint))
    if hint is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    elif hint is int:
        if isinstance(value, bool):
            pass
        elif isinstance(value, int):
            return value
        elif isinstance(value, float) and value.is_integer():
            return int(value)
        elif isinstance(value, str):
            try:
                return int(value.strip().replace("_", ""))
            except ValueError:
                pass
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        else:
            number = None
        if number is not None:
            if not math.isfinite(number):
                raise UserError(f"{key}={value!r}: needs a finite number")
            return number
    elif hint is str:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, str):
            raise UserError(f"{key} is empty: give a value, like --set {key}=...")
    elif hint is Any:
        return value
    raise UserError(f"{key}={value!r}: needs {name}")


def _coerce_list(value: Any, item_type: Any, key: str, current: list) -> list:
    if isinstance(value, str):
        text = value.strip()
        value = _json(text if text.startswith("[") else f"[{text}]", key, "a list like [300, 100]")
    if not isinstance(value, (list, tuple)):
        raise UserError(f"{key} needs a list like [300, 100], got {value!r}")
    if item_type is LayerConfig:
        # A bare number is a layer of that many units with the current first layer's other settings.
        template = current[0] if current else LayerConfig()
        layers = []
        for i, item in enumerate(value):
            if isinstance(item, LayerConfig):
                layers.append(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                layers.append(dataclasses.replace(template, units=item))
            else:
                layers.append(_coerce(item, LayerConfig, f"{key}.{i}", template))
        return layers
    return [_scalar(v, item_type, f"{key}.{i}") for i, v in enumerate(value)]


def _coerce_like(value: Any, current: Any, key: str) -> Any:
    """Experiment params: the default value's type is the key's type."""
    if current is None or isinstance(value, type(current)) and not isinstance(value, str):
        return value
    if isinstance(current, bool):
        return _scalar(value, bool, key)
    if isinstance(current, (int, float, str)):
        return _scalar(value, type(current), key)
    if isinstance(current, list):
        items = _coerce_list(value, type(current[0]) if current else str, key, [])
        return items
    if isinstance(current, dict):
        return _coerce(value, dict, key, current)
    return value


def _json(text: str, key: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise UserError(f"{key}={text!r} is not {what} (JSON)") from None


# ---------------------------------------------------------------- activation and initializer specs

MAX_SEED = 2**32 - 1  # NumPy's and scikit-learn's seeds are 32-bit
NUM_CLASSES = 10  # Fashion-MNIST's (and the synthetic stand-in's) labels are 0-9


class SpecForm(typing.NamedTuple):
    """A NAME:ARGUMENT form: what the argument is, its type, its lowest value, an example."""

    argument: str
    kind: type
    lowest: float | None
    exclusive: bool  # the lowest value itself is not allowed
    example: str
    required: bool = False  # NAME alone is not a Keras name either


# The NAME:ARGUMENT forms (the notes' fixed slopes and scales). Any other name is Keras' own and
# takes no argument; whether Keras knows it is asked before a run reads data
# (`ann_keras.pipeline.experiments.check_keras_names`).
SPEC_FORMS = {
    "activation": {
        "leaky_relu": SpecForm("SLOPE", float, 0.0, False, "leaky_relu:0.1"),
        "elu": SpecForm("ALPHA", float, 0.0, True, "elu:1.0"),
        "maxout": SpecForm("K", int, 1, False, "maxout:2"),
    },
    "initializer": {
        "normal": SpecForm("STD", float, 0.0, True, "normal:0.01"),
        "uniform": SpecForm("LIMIT", float, 0.0, True, "uniform:0.05"),
        "constant": SpecForm("VALUE", float, None, False, "constant:0.1", required=True),
    },
}


def split_spec(spec: str) -> tuple[str, str | None]:
    """'leaky_relu:0.1' -> ('leaky_relu', '0.1'); 'relu' -> ('relu', None)."""
    name, _, argument = spec.partition(":")
    return name.strip(), (argument.strip() or None)


def parse_spec(spec: str, kind: str, key: str) -> tuple[str, float | int | None]:
    """The name and the argument of an activation or initializer spec, checked (no Keras).

    Args:
        spec: what the config holds, e.g. "leaky_relu:0.1" or "he_normal".
        kind: "activation" or "initializer".
        key: the config key, for the message.
    Returns:
        (name, argument as a number, or None when there is none).
    """
    name, argument = split_spec(spec)
    forms = SPEC_FORMS[kind]
    if not name:
        raise UserError(f"{key}={spec!r}: needs a name before the colon, like {key}=relu")
    form = forms.get(name)
    if argument is None:
        if ":" in spec:
            raise UserError(f"{key}={spec!r}: nothing after the colon; drop it or give a number")
        if form is not None and form.required:
            raise UserError(f"{key}={spec!r}: needs its {form.argument}, like {form.example}")
        return name, None
    if form is None:
        written = ", ".join(f"{n}:{f.argument}" for n, f in forms.items())
        raise UserError(f"{key}={spec!r}: {name} takes no argument; the {kind}s that take one are {written}")
    try:
        value = form.kind(argument)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value):
        need = "a whole number" if form.kind is int else "a finite number"
        raise UserError(f"{key}={spec!r}: {form.argument} needs {need}, like {form.example}")
    if form.lowest is not None and (value <= form.lowest if form.exclusive else value < form.lowest):
        need = f"above {form.lowest:g}" if form.exclusive else f"{form.lowest:g} or more"
        raise UserError(f"{key}={spec!r}: {form.argument} needs to be {need}, like {form.example}")
    return name, value


def spec_keys(config: Config) -> list[tuple[str, str, str]]:
    """(config key, kind, spec) of every activation and initializer a config names."""
    m = config.model
    found = []
    for i, layer in enumerate(m.hidden):
        found.append((f"model.hidden.{i}.activation", "activation", layer.activation))
        found.append((f"model.hidden.{i}.kernel_initializer", "initializer", layer.kernel_initializer))
        found.append((f"model.hidden.{i}.bias_initializer", "initializer", layer.bias_initializer))
    found.append(("model.output_activation", "activation", m.output_activation))
    found.append(("model.output_initializer", "initializer", m.output_initializer))
    return found


def need_hidden_layers(config: Config, count: int, why: str) -> None:
    """For an experiment's `check(config)`: a UserError unless the model has `count` hidden layers or more."""
    have = len(config.model.hidden)
    if have < count:
        raise UserError(
            f"model.hidden has {have} layer(s), this experiment needs {count} or more ({why}); "
            f"leave model.hidden as it is or give it {count} or more, like --set 'model.hidden=[100]'"
        )


def validation_count(config: DataConfig, images: int) -> int:
    """How many of `images` training images are kept for validation (train_test_split's rounding up for a
    fraction; a count as given)."""
    size = config.validation_size
    return int(size) if size >= 1 else int(math.ceil(size * images))


# ---------------------------------------------------------------- validation


def validate(config: Config) -> None:
    """Raise a UserError for values no run could use (no Keras: whether Keras knows a name is
    checked before a run reads data, by `ann_keras.pipeline.experiments.check_keras_names`)."""

    def check(ok: bool, key: str, need: str, value: Any) -> None:
        if not ok:
            raise UserError(f"{key}={value!r}: {need}")

    check(0 <= config.seed <= MAX_SEED, "seed", f"needs 0 to {MAX_SEED} (seeds are 32-bit)", config.seed)
    check(1 <= config.seeds <= 100, "seeds", "needs 1 to 100", config.seeds)
    check(
        config.seed + config.seeds - 1 <= MAX_SEED,
        "seeds",
        f"runs seeds {config.seed} to {config.seed + config.seeds - 1}, past {MAX_SEED}: lower --seed",
        config.seeds,
    )
    d = config.data
    check(0 <= d.split_seed <= MAX_SEED, "data.split_seed", f"needs 0 to {MAX_SEED} (32-bit)", d.split_seed)
    images = TRAIN_IMAGES.get(d.dataset, 60_000)
    check(
        0.0 < d.validation_size < 1.0
        or (float(d.validation_size).is_integer() and 1 <= d.validation_size < images),
        "data.validation_size",
        f"needs a fraction between 0 and 1 (0.2) or a whole number of images from 1 to {images - 1:,} (5000)",
        d.validation_size,
    )
    for name in ("train_samples", "val_samples", "test_samples"):
        value = getattr(d, name)
        check(value is None or value >= 1, f"data.{name}", "needs 1 or more, or none for all", value)
    m = config.model
    check(
        m.num_classes >= NUM_CLASSES,
        "model.num_classes",
        f"needs {NUM_CLASSES} or more: the labels go up to {NUM_CLASSES - 1}",
        m.num_classes,
    )
    for key, kind, spec in spec_keys(config):
        parse_spec(spec, kind, key)
    check(
        split_spec(m.output_activation)[1] is None and split_spec(m.output_activation)[0] != "maxout",
        "model.output_activation",
        "needs a plain Keras activation name, like softmax (the output layer takes no NAME:ARGUMENT)",
        m.output_activation,
    )
    for i, layer in enumerate(m.hidden):
        check(layer.units >= 1, f"model.hidden.{i}.units", "needs 1 or more", layer.units)
        check(
            0.0 <= layer.dropout < 1.0, f"model.hidden.{i}.dropout", "needs a rate in [0, 1)", layer.dropout
        )
        check(
            layer.l1 >= 0 and layer.l2 >= 0,
            f"model.hidden.{i}.l1/l2",
            "needs 0 or more",
            (layer.l1, layer.l2),
        )
    check(
        0.0 <= m.augmentation.shift < 1.0,
        "model.augmentation.shift",
        "needs a fraction in [0, 1)",
        m.augmentation.shift,
    )
    check(
        not m.wide or m.api == "functional",
        "model.wide",
        "needs model.api=functional (a wide & deep model is not a stack)",
        m.wide,
    )
    t = config.train
    check(t.epochs >= 1, "train.epochs", "needs 1 or more", t.epochs)
    check(t.batch_size >= 1, "train.batch_size", "needs 1 or more", t.batch_size)
    check(
        t.learning_rate is None or t.learning_rate > 0,
        "train.learning_rate",
        "needs a positive number",
        t.learning_rate,
    )
    check(t.momentum >= 0, "train.momentum", "needs 0 or more", t.momentum)
    check(t.steps_per_execution >= 1, "train.steps_per_execution", "needs 1 or more", t.steps_per_execution)
    check(
        t.early_stopping_patience is None or t.early_stopping_patience >= 0,
        "train.early_stopping_patience",
        "needs 0 or more, or none to turn early stopping off",
        t.early_stopping_patience,
    )
    check(
        0.0 <= t.warmup_epochs < t.epochs,
        "train.warmup_epochs",
        f"needs 0 or more and fewer than train.epochs={t.epochs} (the warm-up is part of the run)",
        t.warmup_epochs,
    )
    check(
        not t.warmup_epochs or t.lr_schedule in WARMUP_SCHEDULES,
        "train.warmup_epochs",
        f"a warm-up needs train.lr_schedule {' or '.join(WARMUP_SCHEDULES)} (Keras' CosineDecay has it; "
        f"{t.lr_schedule} has none): set train.warmup_epochs=0 or another schedule",
        t.warmup_epochs,
    )
    check(
        0.0 <= t.label_smoothing < 1.0,
        "train.label_smoothing",
        "needs a fraction in [0, 1)",
        t.label_smoothing,
    )
    check(
        not t.label_smoothing or t.loss in SMOOTHED_LOSSES,
        "train.label_smoothing",
        f"smooths the targets of {' or '.join(SMOOTHED_LOSSES)}; train.loss={t.loss!r} takes none: "
        "set train.label_smoothing=0",
        t.label_smoothing,
    )
    check(
        t.weight_decay is None or t.weight_decay >= 0,
        "train.weight_decay",
        "needs 0 or more, or none for the optimizer's own",
        t.weight_decay,
    )
    check(
        t.monitor in ("val_loss", "val_accuracy", "loss", "accuracy"),
        "train.monitor",
        "needs one of val_loss, val_accuracy, loss, accuracy",
        t.monitor,
    )
