"""A search space declared as data: hyperparameters that map onto config keys (no Keras).

An experiment declares `SEARCH_SPACE`, a list of entries such as

    {"name": "learning_rate", "type": "float", "min": 1e-4, "max": 1e-2, "sampling": "log",
     "config_key": "train.learning_rate"}

`type` is int, float, choice or boolean. `config_key` is any dotted config key, plus two
forms for the hidden layers: `model.hidden` (an int: how many hidden layers, each a copy of
the config's first one) and `model.hidden.*.FIELD` (the same value for every hidden layer,
as 핸즈온 10.3's `n_neurons`). The space is checked against the experiment's config before
any search starts, so a wrong key or an empty range is a one-line error.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import Any

from ann_keras import config as cfg
from ann_keras.errors import UserError

TYPES = ("int", "float", "choice", "boolean")
SAMPLINGS = ("linear", "log")
HIDDEN_COUNT_KEY = "model.hidden"
HIDDEN_EACH_PREFIX = "model.hidden.*."
FIELDS = {
    "name",
    "type",
    "min",
    "max",
    "step",
    "sampling",
    "values",
    "default",
    "config_key",
    "config_values",
}


@dataclasses.dataclass(frozen=True)
class Hyperparameter:
    """One searched value and the config key it sets."""

    name: str
    type: str
    config_key: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    sampling: str = "linear"
    values: tuple = ()
    default: Any = None
    # A boolean's config values for False and True (핸즈온 10.3's `normalize`: data.scaling raw or
    # standardize); empty: the boolean itself is the config value.
    config_values: tuple = ()
    # Whether the declaration gave the default: keras-tuner is then told it, as the code it mirrors does
    # (otherwise it takes its own: the minimum, the first value, False).
    explicit_default: bool = True

    def config_value(self, value: Any) -> Any:
        """What the hyperparameter's value sets its config key to."""
        return self.config_values[int(bool(value))] if self.config_values else value

    def candidates(self) -> list:
        """The extreme values (or every listed value): what validation tries on the config."""
        if self.type == "boolean":
            return [False, True]
        if self.type == "choice":
            return list(self.values)
        return [self.min, self.max]

    def contains(self, value: Any) -> bool:
        """Whether `value` lies in this hyperparameter's declared domain."""
        if self.type == "boolean":
            return isinstance(value, bool)
        if self.type == "choice":
            return value in self.values
        return self.min - 1e-9 * abs(self.min) <= value <= self.max + 1e-9 * abs(self.max)

    def to_json(self) -> dict:
        """The search_space.json entry (every key present, null when it does not apply)."""
        numeric = self.type in ("int", "float")
        return {
            "name": self.name,
            "type": self.type,
            "min": self.min if numeric else None,
            "max": self.max if numeric else None,
            "step": self.step if numeric else None,
            "sampling": self.sampling if numeric else None,
            "values": list(self.values)
            if self.type == "choice"
            else ([False, True] if self.type == "boolean" else None),
            "default": self.default,
            "config_key": self.config_key,
            **({"config_values": list(self.config_values)} if self.config_values else {}),
        }


class SearchSpace:
    """The hyperparameters of a search, validated, and their mapping onto a config."""

    def __init__(self, hyperparameters: Iterable[Hyperparameter]):
        self.hyperparameters = list(hyperparameters)

    def __iter__(self):
        return iter(self.hyperparameters)

    def __len__(self) -> int:
        return len(self.hyperparameters)

    @property
    def names(self) -> list[str]:
        return [h.name for h in self.hyperparameters]

    def to_json(self) -> list[dict]:
        return [h.to_json() for h in self.hyperparameters]

    # ------------------------------------------------------------ hp values -> config

    def overrides(self, values: dict[str, Any], base: cfg.Config) -> dict[str, Any]:
        """Config overrides for one set of hyperparameter values, layer count first."""
        overrides: dict[str, Any] = {}
        layers = len(base.model.hidden)
        counted = False
        for h in self.hyperparameters:
            if h.config_key == HIDDEN_COUNT_KEY:
                layers, counted = int(values[h.name]), True
                # Each layer is a copy of the config's first hidden layer (or the defaults).
                template = base.model.hidden[0] if base.model.hidden else cfg.LayerConfig()
                overrides[HIDDEN_COUNT_KEY] = [dataclasses.replace(template) for _ in range(layers)]
        for h in self.hyperparameters:
            key = h.config_key
            if key == HIDDEN_COUNT_KEY:
                continue
            value = h.config_value(values[h.name])
            if key.startswith(HIDDEN_EACH_PREFIX):
                field = key[len(HIDDEN_EACH_PREFIX) :]
                for i in range(layers):
                    overrides[f"model.hidden.{i}.{field}"] = value
            elif counted and _layer_index(key) is not None and _layer_index(key) >= layers:
                continue  # this trial has fewer layers: the value has nothing to set
            else:
                overrides[key] = value
        return overrides

    def apply(self, base: cfg.Config, values: dict[str, Any]) -> cfg.Config:
        """`base` with the hyperparameter values set (validated like any override)."""
        return cfg.apply_overrides(base, self.overrides(values, base))

    def defaults(self) -> dict[str, Any]:
        return {h.name: h.default for h in self.hyperparameters}

    # ------------------------------------------------------------ checks against a config

    def check(self, base: cfg.Config, fixed: dict[str, Any] | None = None) -> None:
        """Every value the space can take must make a valid config; --set must not fight it.

        Args:
            base: the experiment's resolved config (with the user's overrides).
            fixed: the user's --set overrides; a key the search sets is an error.
        """
        most_layers = max(
            (int(h.max) for h in self.hyperparameters if h.config_key == HIDDEN_COUNT_KEY),
            default=len(base.model.hidden),
        )
        defaults = self.defaults()
        for h in self.hyperparameters:
            for value in h.candidates():
                values = dict(defaults, **{h.name: value})
                for count in self.hyperparameters:
                    if count.config_key == HIDDEN_COUNT_KEY and count is not h:
                        values[count.name] = most_layers  # so that every layer key is tried
                try:
                    self.apply(base, values)
                except UserError as exc:
                    raise UserError(f"search space {h.name!r} ({h.config_key}={value!r}): {exc}") from None
        count = next((h for h in self.hyperparameters if h.config_key == HIDDEN_COUNT_KEY), None)
        for key in fixed or {}:
            owner = next((h for h in self.hyperparameters if key in _keys_set_by(h, most_layers)), None)
            if (
                owner is None
                and count is not None
                and (key == HIDDEN_COUNT_KEY or (_layer_index(key) or 0) >= 1)
            ):
                owner = count  # the layers are rebuilt from the first one for every trial
            if owner is not None:
                raise UserError(
                    f"--set {key} is searched by {owner.name!r} ({owner.config_key}) in SEARCH_SPACE: "
                    "remove it from --set, or from the search space to fix it"
                )


def _keys_set_by(h: Hyperparameter, layers: int) -> set[str]:
    if h.config_key.startswith(HIDDEN_EACH_PREFIX):
        field = h.config_key[len(HIDDEN_EACH_PREFIX) :]
        return {f"model.hidden.{i}.{field}" for i in range(layers)}
    return {h.config_key}


def _layer_index(key: str) -> int | None:
    parts = key.split(".")
    if len(parts) >= 4 and parts[0] == "model" and parts[1] == "hidden" and parts[2].isdigit():
        return int(parts[2])
    return None


# ---------------------------------------------------------------- parsing the declaration


def parse(declaration: Any, source: str = "SEARCH_SPACE") -> SearchSpace:
    """A SearchSpace from an experiment's declaration; every mistake is a one-line UserError."""
    if isinstance(declaration, dict):  # {"name": {...}} is accepted as well as a list
        declaration = [{"name": name, **entry} for name, entry in declaration.items()]
    if not isinstance(declaration, (list, tuple)) or not declaration:
        raise UserError(
            f"{source} must be a non-empty list of hyperparameters like "
            "{'name': 'units', 'type': 'int', 'min': 32, 'max': 512, 'config_key': 'model.hidden.*.units'}"
        )
    seen: set[str] = set()
    keys: set[str] = set()
    parsed = []
    for i, entry in enumerate(declaration):
        h = _parse_entry(entry, f"{source}[{i}]")
        if h.name in seen:
            raise UserError(
                f"{source}: the name {h.name!r} is used twice; give each hyperparameter its own name"
            )
        if h.config_key in keys:
            raise UserError(f"{source}: {h.config_key} is set by two hyperparameters; keep one")
        seen.add(h.name)
        keys.add(h.config_key)
        parsed.append(h)
    return SearchSpace(parsed)


def _parse_entry(entry: Any, where: str) -> Hyperparameter:
    if not isinstance(entry, dict):
        raise UserError(f"{where} must be a dict with name, type and config_key, got {entry!r}")
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        raise UserError(f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(sorted(FIELDS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or "/" in name:
        raise UserError(f"{where}: needs a 'name' (a word like 'units'; no '/')")
    where = f"search space {name!r}"
    kind = entry.get("type")
    if kind not in TYPES:
        raise UserError(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    key = entry.get("config_key")
    if not isinstance(key, str) or not key.strip():
        raise UserError(f"{where}: needs a 'config_key' such as train.learning_rate or model.hidden.*.units")
    if key == HIDDEN_COUNT_KEY and kind != "int":
        raise UserError(
            f"{where}: {HIDDEN_COUNT_KEY} takes the number of hidden layers, so its type must be int"
        )
    if "*" in key and not (
        key.startswith(HIDDEN_EACH_PREFIX)
        and key.count("*") == 1
        and "." not in key[len(HIDDEN_EACH_PREFIX) :]
    ):
        raise UserError(f"{where}: {key!r}: '*' is only allowed as model.hidden.*.FIELD (every hidden layer)")
    if "config_values" in entry and kind != "boolean":
        raise UserError(
            f"{where}: only a boolean takes 'config_values' (the config values for false and true)"
        )
    if kind in ("int", "float"):
        return _numeric(entry, name, kind, key, where)
    extra = [f for f in ("min", "max", "step", "sampling") if f in entry]
    if extra:
        raise UserError(
            f"{where}: a {kind} hyperparameter has no {extra[0]!r}; only int and float have ranges"
        )
    if kind == "boolean":
        if "values" in entry:
            raise UserError(f"{where}: a boolean takes no 'values' (it is False or True)")
        default = entry.get("default", False)
        if not isinstance(default, bool):
            raise UserError(f"{where}: default {default!r} must be true or false")
        mapped = entry.get("config_values", ())
        if mapped and (not isinstance(mapped, (list, tuple)) or len(mapped) != 2 or mapped[0] == mapped[1]):
            raise UserError(
                f"{where}: config_values needs two different values, the config's for false and for true, "
                f"like ['raw', 'standardize']; got {mapped!r}"
            )
        return Hyperparameter(
            name, kind, key, default=default, config_values=tuple(mapped), explicit_default="default" in entry
        )
    values = entry.get("values")
    if not isinstance(values, (list, tuple)) or not values:
        raise UserError(f"{where}: a choice needs a non-empty list of 'values'")
    if len(set(map(repr, values))) != len(values):
        raise UserError(f"{where}: the values {list(values)} repeat one; list each once")
    types = {type(v) for v in values}
    if len(types) > 1 or not types <= {int, float, str, bool}:
        raise UserError(
            f"{where}: the values {list(values)} must all be numbers, all strings or all booleans"
        )
    if len(values) < 2:
        raise UserError(
            f"{where}: one value ({values[0]!r}) is not a search; list two or more, or fix it with --set "
            f"{key}={values[0]}"
        )
    default = entry.get("default", values[0])
    if default not in values:
        raise UserError(f"{where}: default {default!r} is not one of the values {list(values)}")
    return Hyperparameter(
        name, kind, key, values=tuple(values), default=default, explicit_default="default" in entry
    )


def _numeric(entry: dict, name: str, kind: str, key: str, where: str) -> Hyperparameter:
    if "values" in entry:
        raise UserError(
            f"{where}: an {kind} range takes min and max, not 'values' (use type 'choice' for a list)"
        )
    low, high = entry.get("min"), entry.get("max")
    number = int if kind == "int" else (int, float)
    for label, value in (("min", low), ("max", high)):
        if isinstance(value, bool) or not isinstance(value, number) or not math.isfinite(value):
            raise UserError(
                f"{where}: '{label}' must be {'an integer' if kind == 'int' else 'a number'}, got {value!r}"
            )
    if low > high:
        raise UserError(f"{where}: the range [{low}, {high}] is inverted: min must be below max")
    if low == high:
        raise UserError(
            f"{where}: the range [{low}, {high}] is empty: give min below max, or fix the value with --set "
            f"{key}={low}"
        )
    sampling = entry.get("sampling", "linear")
    if sampling not in SAMPLINGS:
        raise UserError(f"{where}: sampling {sampling!r} is not one of {', '.join(SAMPLINGS)}")
    if sampling == "log" and low <= 0:
        raise UserError(f"{where}: log sampling needs min above 0, got {low}")
    step = entry.get("step")
    if step is not None:
        if isinstance(step, bool) or not isinstance(step, number) or step <= 0:
            raise UserError(
                f"{where}: step must be a positive {'integer' if kind == 'int' else 'number'}, got {step!r}"
            )
        if sampling == "log" and step <= 1:
            raise UserError(
                f"{where}: with log sampling the step multiplies, so it must be above 1 (for example 2), "
                f"got {step}"
            )
        if sampling == "linear" and step > high - low:
            raise UserError(
                f"{where}: step {step} is wider than the range [{low}, {high}]: only one value would be "
                "searched"
            )
    if kind == "float":
        low, high = float(low), float(high)
        step = None if step is None else float(step)
    default = entry.get("default", low)
    if isinstance(default, bool) or not isinstance(default, number) or not low <= default <= high:
        raise UserError(f"{where}: default {default!r} is outside the range [{low}, {high}]")
    return Hyperparameter(
        name,
        kind,
        key,
        min=low,
        max=high,
        step=step,
        sampling=sampling,
        default=default,
        explicit_default="default" in entry,
    )
