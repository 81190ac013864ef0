"""A config as a standalone Keras program, written the way the books write Keras.

`keras_code(config)` returns the source of one Python program that loads and splits
Fashion-MNIST exactly as `ann_keras.data` does, builds the network
`ann_keras.models.build_model` builds (Sequential, Functional, wide & deep or
subclassed), compiles it as `ann_keras.training.compile_model` does, trains it with
`model.fit` and the callbacks the config asks for, and evaluates it on the test set.
The program imports only keras, numpy and scikit-learn (and TensorFlow for op
determinism, on that backend); what Keras lacks (the Maxout layer,
`sparse_mean_squared_error`) is written into it.

With the same seed the program reproduces `train.trainer=keras` (the package's
`model.fit` path) float for float: it creates the layers in the order the package
does (each unseeded initializer, Dropout and random augmentation layer draws its
seed from Python's generator, which `keras.utils.set_random_seed` seeds, when it is
created), feeds the same float32 inputs and uint8 labels, and turns on op
determinism when `train.deterministic` is set (without it TensorFlow's CPU kernels
change the last digits). The package's default trainer (`train.trainer=fast`)
takes its batch order from the same Keras data adapter as `fit` and ends with the
same weights. Only `config.seed` is trained (a config with `seeds > 1` runs the
others in the package), and `config.params`, the settings of an experiment's own
`run(ctx)`, are not part of the program.

Written with `result_line=True` (the tests do), the program ends with lines that,
with the environment variable `ANN_KERAS_RESULT` set (to anything but the empty
string), print one line, `ANN_KERAS_RESULT {json}`: the history, the parameter count
and the test loss and accuracy (what the tests compare). Programs for people have no
such lines and print only what the books' cells print.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterator

from ann_keras import config as cfg
from ann_keras.config import Config, LayerConfig, ModelConfig
from ann_keras.errors import UserError

DATA_SOURCES = ("auto", "keras", "local")
RESULT_VARIABLE = "ANN_KERAS_RESULT"
IMAGE_SIDE = 28  # Fashion-MNIST (and the synthetic stand-in) images are 28 x 28
MAX_LINE = 110

OPTIMIZER_CLASSES = {
    "sgd": "SGD",
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "adamw": "AdamW",
    "nadam": "Nadam",
    "adagrad": "Adagrad",
    "adadelta": "Adadelta",
    "adamax": "Adamax",
    "ftrl": "Ftrl",
    "lion": "Lion",
}
KERAS_LEAKY_RELU_SLOPE = 0.3  # keras.layers.LeakyReLU's default negative_slope
PACKAGE_LEAKY_RELU_SLOPE = 0.01  # what a bare "leaky_relu" means in ann_keras.models
KERAS_ELU_ALPHA = 1.0  # keras.layers.ELU's default alpha
# Layers that act differently while training (a subclassed model's call passes them the flag).
TRAINING_LAYERS = (
    "keras.layers.Dropout",
    "keras.layers.BatchNormalization",
    "keras.layers.RandomFlip",
    "keras.layers.RandomTranslation",
)
# Activations ann_keras.models always gives a layer of their own (never Dense(activation=...)).
OWN_LAYER = ("maxout", "leaky_relu")

MAXOUT_SOURCE = '''
class Maxout(keras.layers.Layer):
    """The largest of each group of `pieces` consecutive features (Keras has no Maxout layer)."""

    def __init__(self, pieces=2, **kwargs):
        super().__init__(**kwargs)
        self.pieces = pieces

    def call(self, inputs):
        units = inputs.shape[-1] // self.pieces
        grouped = keras.ops.reshape(inputs, (-1, *inputs.shape[1:-1], units, self.pieces))
        return keras.ops.max(grouped, axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] // self.pieces)

    def get_config(self):
        return {**super().get_config(), "pieces": self.pieces}
'''

SPARSE_MSE_SOURCE = '''
def sparse_mean_squared_error(y_true, y_pred):
    """Mean squared error of the softmax output against the one-hot label, from integer labels."""
    labels = keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32")
    one_hot = keras.ops.one_hot(labels, y_pred.shape[-1], dtype=y_pred.dtype)
    return keras.ops.mean(keras.ops.square(one_hot - y_pred), axis=-1)
'''

SMOOTHED_SOURCE = '''
def smoothed_crossentropy(y_true, y_pred):
    """Crossentropy against one-hot labels smoothed by {e}: (1 - {e}) * one_hot + {e} / classes."""
    labels = keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32")
    one_hot = keras.ops.one_hot(labels, y_pred.shape[-1], dtype=y_pred.dtype)
    return keras.losses.categorical_crossentropy(one_hot, y_pred, label_smoothing={e})
'''

IDX_SOURCE = '''
def load_idx(path):
    """One gzip-compressed IDX file: uint8 images (N, 28, 28) or labels (N,)."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if "images" in os.path.basename(path):
        return np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 28, 28)
    return np.frombuffer(raw, np.uint8, offset=8)


def load_fashion_mnist():
    """The four Fashion-MNIST files from the first folder that has them{fallback_doc}."""
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    folders = [os.environ.get("ANN_KERAS_DATA", ""), os.path.expanduser("~/.keras/datasets/fashion-mnist"),
               "/usr/share/datasets/fashion-mnist"]
    for folder in folders:
        paths = [os.path.join(folder, name) for name in names]
        if folder and all(os.path.isfile(path) for path in paths):
            x_train, y_train, x_test, y_test = [load_idx(path) for path in paths]
            return (x_train, y_train), (x_test, y_test)
{fallback}
'''

SYNTHETIC_SOURCE = '''
def synthetic(count, seed):
    """Learnable stand-in images, not Fashion-MNIST: each class a fixed random pattern plus noise."""
    rng = np.random.default_rng(seed)
    prototypes = np.random.default_rng(12345).integers(0, 256, size=(10, 28, 28))
    labels = rng.integers(0, 10, size=count).astype(np.uint8)
    noise = rng.normal(0, 60, size=(count, 28, 28))
    images = np.clip(prototypes[labels] + noise, 0, 255).astype(np.uint8)
    return images, labels
'''

L2_SOURCE = '''
def l2_normalize(x):
    """Every image divided by its L2 norm."""
    norms = np.linalg.norm(x.reshape(len(x), -1), axis=1).reshape((-1,) + (1,) * (x.ndim - 1))
    return x / np.maximum(norms, 1e-12)
'''


# ---------------------------------------------------------------- public


def keras_code(
    config: Config, data_source: str = "auto", check_names: bool = True, result_line: bool = False
) -> str:
    """The standalone Keras program for `config`, as a string.

    Args:
        config: a config (`ak.experiment_config(name)`, with any
            `ann_keras.config.apply_overrides`); it is validated first.
        data_source: where the program reads Fashion-MNIST: "auto" (the four `.gz` files
            from `$ANN_KERAS_DATA`, `~/.keras/datasets/fashion-mnist` or
            `/usr/share/datasets/fashion-mnist`, else `keras.datasets.fashion_mnist.load_data()`),
            "keras" (only `load_data()`, as the books write it) or "local" (only the files).
            Ignored with `data.dataset=synthetic`.
        check_names: ask Keras whether it knows every activation, initializer and loss the
            config names (this imports Keras). False for a config a run already trained,
            whose names were checked then: the report stage writes its pages' code so,
            without Keras.
        result_line: end the program with the lines that print `ANN_KERAS_RESULT {json}`
            when that environment variable is set (what the tests compare); off for people.
    Returns:
        Python source (Keras 3, any backend) that trains the model of `config.seed` with
        `model.fit` and evaluates it on the test set; lines are at most 110 characters.
    Raises:
        UserError: a config value the program cannot express (the same values the package
            refuses), or an unknown `data_source`.
    """
    if data_source not in DATA_SOURCES:
        raise UserError(f"data source {data_source!r} is unknown: use one of {', '.join(DATA_SOURCES)}")
    cfg.validate(config)
    if check_names:
        from ann_keras.models.builder import check_names as check

        check(config)  # the names the package would refuse, refused here too
    return _Program(config, data_source, result_line).source()


# ---------------------------------------------------------------- checks


def _number(text: str, spec: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UserError(f"{spec!r}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise UserError(f"{spec!r}: {text!r} is not a finite number")
    return value


def _py(value) -> str:
    """A Python literal: floats as repr (exact when read back), strings in double quotes."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


# ---------------------------------------------------------------- line layout


def _call_lines(
    head: str, func: str, args: list[str], tail: str = "", indent: str = "", comment: str = ""
) -> list[str]:
    """`{indent}{head}{func}(args){tail}  # comment`, broken over lines when longer than MAX_LINE.

    Args:
        head: what comes before the call (`"model = "`), or "".
        func: the callable's source (`"keras.layers.Dense"`).
        args: the arguments' source, in order (`["100", 'activation="relu"']`).
        tail: what follows the closing parenthesis (`","` in a list, `"(x)"` for the Functional API).
        indent: the line's indentation.
        comment: a comment for the line, or "".
    Returns:
        The lines: one when it fits, else the arguments on their own line (or one per line).
    """
    one = f"{indent}{head}{func}({', '.join(args)}){tail}"
    note = f"  # {comment}" if comment else ""
    if len(one + note) <= MAX_LINE:
        return [one + note]
    if len(one) <= MAX_LINE:
        return [f"{indent}# {comment}", one]
    inner = indent + "    "
    joined = inner + ", ".join(args)
    body = [joined] if len(joined) <= MAX_LINE else [f"{inner}{arg}," for arg in args]
    first = f"{indent}{head}{func}("
    lines = [first + note] if len(first + note) <= MAX_LINE else [f"{indent}# {comment}", first]
    return [*lines, *body, f"{indent}){tail}"]


def _kw(**kwargs: str) -> list[str]:
    return [f"{k}={v}" for k, v in kwargs.items()]


# ---------------------------------------------------------------- layers


@dataclasses.dataclass
class _Layer:
    """One layer of the stack, as source: constructor, arguments, comment, attribute name."""

    func: str
    args: list[str] = dataclasses.field(default_factory=list)
    comment: str = ""
    attr: str = "layer"
    flattens_input: bool = False  # its output is the flattened input (the wide path can reuse it)
    premade: str = ""  # the variable holding it when it is created before the others

    def lines(self, head: str = "", tail: str = "", indent: str = "") -> list[str]:
        if self.premade:
            return [f"{indent}{head}{self.premade}{tail}"]
        return _call_lines(head, self.func, self.args, tail, indent, self.comment)

    def creation(self, indent: str = "") -> list[str]:
        """`name = keras.layers...(...)`: a layer created before the model (`premade`)."""
        return _call_lines(f"{self.premade} = ", self.func, self.args, "", indent, self.comment)


def _initializer(spec: str) -> str:
    """An initializer argument as source: a Keras name, or the class for normal:/uniform:/constant:."""
    name, arg = cfg.split_spec(spec)
    if name == "normal" and arg:
        return f"keras.initializers.RandomNormal(stddev={_py(_number(arg, spec))})"
    if name == "uniform" and arg:
        limit = _number(arg, spec)
        return f"keras.initializers.RandomUniform(minval={_py(-limit)}, maxval={_py(limit)})"
    if name == "constant" and arg:
        return f"keras.initializers.Constant({_py(_number(arg, spec))})"
    return _py(spec)


def _regularizer(layer: LayerConfig) -> str | None:
    if layer.l1 and layer.l2:
        return f"keras.regularizers.L1L2(l1={_py(layer.l1)}, l2={_py(layer.l2)})"
    if layer.l1:
        return f"keras.regularizers.L1({_py(layer.l1)})"
    if layer.l2:
        return f"keras.regularizers.L2({_py(layer.l2)})"
    return None


def _activation_layer(spec: str, n: int) -> tuple[_Layer, int]:
    """An activation with a layer of its own, and how many Dense outputs make one of its units."""
    name, arg = cfg.split_spec(spec)
    if name == "maxout":
        pieces = int(arg) if arg else 2
        return _Layer("Maxout", [str(pieces)], attr=f"maxout{n}"), pieces
    if name == "leaky_relu":
        slope = _number(arg, spec) if arg else PACKAGE_LEAKY_RELU_SLOPE
        args = [] if slope == KERAS_LEAKY_RELU_SLOPE else [f"negative_slope={_py(slope)}"]
        return _Layer("keras.layers.LeakyReLU", args, attr=f"activation{n}"), 1
    if name == "elu" and arg:
        alpha = _number(arg, spec)
        args = [] if alpha == KERAS_ELU_ALPHA else [f"alpha={_py(alpha)}"]
        return _Layer("keras.layers.ELU", args, attr=f"activation{n}"), 1
    comment = f"ann_keras ignores the ':{arg}' of {spec!r}" if arg else ""
    return _Layer("keras.layers.Activation", [_py(name)], comment, f"activation{n}"), 1


def _hidden_block(layer: LayerConfig, n: int) -> list[_Layer]:
    """Dense -> [BatchNormalization] -> activation -> [BatchNormalization] -> [Dropout].

    The same layers, in the same order, as `ann_keras.models.hidden_block`: plain
    activations go inside Dense, the others (and any before BatchNormalization) get
    a layer of their own.
    """
    name, _ = cfg.split_spec(layer.activation)
    inline = layer.batch_norm != "before" and name not in OWN_LAYER and ":" not in layer.activation
    args = [str(layer.units)]
    comment = ""
    activation = None
    if inline:
        if name != "linear":  # Dense's default
            args.append(f"activation={_py(name)}")
    else:
        activation, per_unit = _activation_layer(layer.activation, n)
        if per_unit > 1:
            args[0] = str(layer.units * per_unit)
            comment = f"{layer.units} units x {per_unit} pieces: Maxout keeps the largest of each group"
        elif layer.batch_norm == "before":
            comment = "no activation here: BatchNormalization comes first"
    if layer.kernel_initializer != "glorot_uniform":
        args.append(f"kernel_initializer={_initializer(layer.kernel_initializer)}")
    if layer.bias_initializer != "zeros":
        args.append(f"bias_initializer={_initializer(layer.bias_initializer)}")
    regularizer = _regularizer(layer)
    if regularizer:
        args.append(f"kernel_regularizer={regularizer}")
    block = [_Layer("keras.layers.Dense", args, comment, f"hidden{n}")]
    if layer.batch_norm == "before":
        block.append(_Layer("keras.layers.BatchNormalization", attr=f"batch_norm{n}"))
    if activation is not None:
        block.append(activation)
    if layer.batch_norm == "after":
        block.append(_Layer("keras.layers.BatchNormalization", [], "after the activation", f"batch_norm{n}"))
    if layer.dropout:
        block.append(_Layer("keras.layers.Dropout", [_py(layer.dropout)], attr=f"dropout{n}"))
    return block


def _network(model: ModelConfig, input_shape: tuple[int, ...]) -> list[_Layer]:
    """The layers every API stacks, in the order `ann_keras.models.network_layers` creates them.

    The order matters: each unseeded initializer, Dropout and random augmentation layer
    draws its seed from Python's generator when it is created.
    """
    layers: list[_Layer] = []
    aug = model.augmentation
    if aug.flip != "none" or aug.shift:
        if len(input_shape) == 1:
            side = math.isqrt(input_shape[0])
            if side * side != input_shape[0]:
                raise UserError(
                    f"model.augmentation needs square images; inputs of shape {input_shape} are not"
                )
            height = width = side
        else:
            height, width = input_shape
        layers.append(
            _Layer(
                "keras.layers.Reshape",
                [f"({height}, {width}, 1)"],
                "the image layers want a channel axis",
                "to_image",
            )
        )
        if aug.flip != "none":
            layers.append(_Layer("keras.layers.RandomFlip", [_py(aug.flip)], attr="random_flip"))
        if aug.shift:
            shift = _py(aug.shift)
            layers.append(
                _Layer(
                    "keras.layers.RandomTranslation",
                    [shift, shift, 'fill_mode="constant"'],
                    attr="random_shift",
                )
            )
    if len(input_shape) > 1 or layers:
        layers.append(_Layer("keras.layers.Flatten", attr="flatten", flattens_input=not layers))
    for i, layer in enumerate(model.hidden):
        layers.extend(_hidden_block(layer, i + 1))
    args = [str(model.num_classes), f"activation={_py(model.output_activation)}"]
    if model.output_initializer != "glorot_uniform":
        args.append(f"kernel_initializer={_initializer(model.output_initializer)}")
    layers.append(_Layer("keras.layers.Dense", args, attr="output_layer"))
    return layers


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


# ---------------------------------------------------------------- the program


class _Program:
    """Writes the program section by section; `source()` joins them."""

    def __init__(self, config: Config, data_source: str, result_line: bool = False):
        self.config = config
        self.data_source = data_source
        self.result_line = result_line
        self.input_shape = (IMAGE_SIDE * IMAGE_SIDE,) if config.data.flatten else (IMAGE_SIDE, IMAGE_SIDE)
        self.layers = _network(config.model, self.input_shape)
        self.synthetic = config.data.dataset == "synthetic"
        self.premade = []
        if config.model.dropout_created_first:
            self.premade = [layer for layer in self.layers if layer.func == "keras.layers.Dropout"]
            for layer in self.premade:
                layer.premade = layer.attr

    def prelude(self, indent: str = "") -> list[str]:
        """The layers created before the others (`model.dropout_created_first`), each in a variable."""
        if not self.premade:
            return []
        lines = [
            f"{indent}# Dropout first, as 혼공머신 7-3's model_fn(keras.layers.Dropout(0.3)):",
            f"{indent}# each layer draws its seed from Python's generator when it is created",
        ]
        for layer in self.premade:
            lines += layer.creation(indent)
        return lines

    def source(self) -> str:
        parts = [
            self.header(),
            self.imports(),
            *self.definitions(),
            self.seeding(),
            self.data(),
            self.model(),
            self.compile(),
            self.fit(),
            self.result() if self.result_line else "",
        ]
        parts = [p.strip("\n") for p in parts if p]
        text = parts[0]
        for before, part in itertools.pairwise(parts):
            # PEP 8: two blank lines around top-level definitions, one between other sections.
            after_definition = before.startswith(("def ", "class ")) and before.splitlines()[-1].startswith(
                " "
            )
            definition = after_definition or part.startswith(("def ", "class "))
            text += ("\n\n\n" if definition else "\n\n") + part
        return text + "\n"

    # ------------------------------------------------------------ header, imports, definitions

    def header(self) -> str:
        c = self.config
        if c.model.wide:
            what = "a wide & deep model (Functional API)"
        else:
            what = {
                "sequential": "a Sequential model",
                "functional": "a Functional model",
                "subclassed": "a subclassed model",
            }[c.model.api]
        data = "synthetic stand-in images" if self.synthetic else "Fashion-MNIST"
        return (
            f'"""{data} with Keras: {what}, seed {c.seed}.\n\n'
            "Written by ann_keras (ak.keras_code) from an ann_keras config; it needs only keras, numpy and\n"
            'scikit-learn.\n"""'
        )

    def imports(self) -> str:
        std = ["import os"]
        if not self.synthetic and self.data_source != "keras":
            std.insert(0, "import gzip")
        third = ["import keras", "import numpy as np", "from sklearn.model_selection import train_test_split"]
        return "\n".join(std) + "\n\n" + "\n".join(third)

    def definitions(self) -> Iterator[str]:
        if self.synthetic:
            yield SYNTHETIC_SOURCE
        elif self.data_source != "keras":
            if self.data_source == "auto":
                fallback = (
                    "    return keras.datasets.fashion_mnist.load_data()  # not on disk: Keras downloads it"
                )
                doc = ", else Keras' download"
            else:
                fallback = (
                    '    raise FileNotFoundError(f"none of {folders} has the four Fashion-MNIST .gz files")'
                )
                doc = ""
            yield IDX_SOURCE.replace("{fallback_doc}", doc).replace("{fallback}", fallback)
        if self.config.data.scaling == "l2_normalize":
            yield L2_SOURCE
        if any(cfg.split_spec(layer.activation)[0] == "maxout" for layer in self.config.model.hidden):
            yield MAXOUT_SOURCE
        if self.config.train.loss == "sparse_mean_squared_error":
            yield SPARSE_MSE_SOURCE
        if self.config.train.label_smoothing:
            yield SMOOTHED_SOURCE.replace("{e}", _py(self.config.train.label_smoothing))

    # ------------------------------------------------------------ seeds and data

    def seeding(self) -> str:
        c = self.config
        line = f"keras.utils.set_random_seed({c.seed})"
        if c.seeds > 1:
            line += f"  # ann_keras also runs seeds {c.seed + 1} to {c.seed + c.seeds - 1}"
        lines = [line]
        if c.train.deterministic:
            lines += [
                'if keras.backend.backend() == "tensorflow":',
                "    import tensorflow as tf",
                "",
                "    tf.config.experimental.enable_op_determinism()",
            ]
        return "\n".join(lines)

    def data(self) -> str:
        d = self.config.data
        if self.synthetic:
            lines = [
                "x_train_full, y_train_full = synthetic(6000, seed=0)",
                "x_test, y_test = synthetic(1000, seed=1)",
            ]
        elif self.data_source == "keras":
            lines = [
                "(x_train_full, y_train_full), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()"
            ]
        else:
            lines = ["(x_train_full, y_train_full), (x_test, y_test) = load_fashion_mnist()"]
        if d.split == "tail":  # 핸즈온 10: the last images of the training file validate
            size = cfg.validation_count(d, cfg.TRAIN_IMAGES[d.dataset])
            lines += [
                f"x_train, y_train = x_train_full[:-{size}], y_train_full[:-{size}]",
                f"x_val, y_val = x_train_full[-{size}:], y_train_full[-{size}:]",
            ]
        else:
            split = [
                "x_train_full",
                "y_train_full",
                f"test_size={_py(int(d.validation_size) if d.validation_size >= 1 else d.validation_size)}",
                f"random_state={d.split_seed}",
            ]
            lines += _call_lines("x_train, x_val, y_train, y_val = ", "train_test_split", split)
        for name, count, what in (
            ("train", d.train_samples, "training"),
            ("val", d.val_samples, "validation"),
            ("test", d.test_samples, "test"),
        ):
            if count is not None:
                lines.append(
                    f"x_{name}, y_{name} = x_{name}[:{count}], y_{name}[:{count}]"
                    f"  # only the first {count:,} {what} images"
                )
        lines += self.scaling()  # the labels stay uint8, as ann_keras and the books pass them
        return "\n".join(lines)

    def scaling(self) -> list[str]:
        """Scaled float32 inputs, computed as `ann_keras.data.scale` computes them."""
        d = self.config.data
        shape = ".reshape(-1, 28 * 28)" if d.flatten else ""
        splits = ("x_train", "x_val", "x_test")
        if d.scaling == "divide_255":
            out = [f'{x} = {x}.astype("float32"){shape} / 255.0' for x in splits]
            out[0] += "  # float32, as ann_keras"
            return out
        out = [f'{x} = {x}.astype("float32"){shape}' for x in splits]
        if d.scaling == "raw":
            out[0] += "  # pixels 0-255, not scaled"
        elif d.scaling == "standardize":
            out.append(
                "mean, std = float(x_train.mean()), float(x_train.std())  # of the training images only"
            )
            out += [f"{x} = ({x} - mean) / std" for x in splits]
        elif d.scaling == "l2_normalize":
            out += [f"{x} = l2_normalize({x})" for x in splits]
        return out

    # ------------------------------------------------------------ model

    def model(self) -> str:
        shape = f"({self.input_shape[0]},)" if len(self.input_shape) == 1 else str(self.input_shape)
        if self.config.model.api == "functional":
            return self.functional(shape)
        if self.config.model.api == "subclassed":
            return self.subclassed()
        lines = [
            *self.prelude(),
            "model = keras.Sequential(",
            "    [",
            f"        keras.Input(shape={shape}),",
        ]
        for layer in self.layers:
            lines += layer.lines(tail=",", indent=" " * 8)
        lines += ["    ]", ")", "model.summary()"]
        return "\n".join(lines)

    def functional(self, shape: str) -> str:
        *stack, output = self.layers
        lines = [*self.prelude(), f"inputs = keras.Input(shape={shape})"]
        x = "inputs"
        flat = "inputs" if len(self.input_shape) == 1 else None
        for layer in stack:
            name = "flat" if layer.flattens_input else "x"
            lines += layer.lines(head=f"{name} = ", tail=f"({x})")
            if layer.flattens_input:
                flat = name
            x = name
        if self.config.model.wide:
            if flat is None:  # the deep path starts with augmentation: the wide one flattens the raw input
                lines.append("wide = keras.layers.Flatten()(inputs)")
                flat = "wide"
            lines.append(
                f"x = keras.layers.Concatenate()([{flat}, {x}])"
                "  # wide & deep: the pixels go to the output too"
            )
            x = "x"
        lines += output.lines(head="outputs = ", tail=f"({x})")
        lines += ["model = keras.Model(inputs=inputs, outputs=outputs)", "model.summary()"]
        return "\n".join(lines)

    def subclassed(self) -> str:
        attrs = _unique([layer.attr for layer in self.layers])
        lines = [
            "class MLP(keras.Model):",
            '    """The network as a subclassed keras.Model (핸즈온 10.2.5)."""',
            "",
            "    def __init__(self, **kwargs):",
            "        super().__init__(**kwargs)",
            *self.prelude(" " * 8),
        ]
        for attr, layer in zip(attrs, self.layers):
            lines += layer.lines(head=f"self.{attr} = ", indent=" " * 8)
        # Layers that behave differently in training get the flag: under model.fit Keras does not
        # pass `training` on through a `call` that does not take it (Dropout would never drop).
        training = any(layer.func in TRAINING_LAYERS for layer in self.layers)
        lines += ["", f"    def call(self, inputs{', training=None' if training else ''}):"]
        x = "inputs"
        for attr, layer in zip(attrs[:-1], self.layers):
            flag = ", training=training" if layer.func in TRAINING_LAYERS else ""
            lines.append(f"        x = self.{attr}({x}{flag})")
            x = "x"
        lines += [f"        return self.{attrs[-1]}({x})", "", "", "model = MLP()"]
        return "\n".join(lines)

    # ------------------------------------------------------------ compile, fit, evaluate

    def schedule(self, epochs: str) -> list[str]:
        """`learning_rate = <a Keras schedule>` over `epochs` epochs, as ann_keras.training.schedules makes
        it; [] for a constant rate without warm-up."""
        from ann_keras.training import schedules

        t = self.config.train
        if not schedules.needs_length(t):
            return []
        rate = (
            t.learning_rate if t.learning_rate is not None else schedules.default_learning_rate(t.optimizer)
        )
        lines = [
            f"updates = -(-len(x_train) // {t.batch_size})  # updates per epoch: the last batch is partial",
            f"total = {epochs} * updates",
        ]
        cls = "keras.optimizers.schedules."
        if t.lr_schedule in ("constant", "cosine"):
            alpha = "1.0" if t.lr_schedule == "constant" else "0.0"
            comment = "flat after the warm-up" if t.lr_schedule == "constant" else "a cosine down to 0"
            if t.warmup_epochs:
                lines.append(f"warmup = min(total - 1, round({_py(t.warmup_epochs)} * updates))  # from 0 up")
                args = ["0.0", "total - warmup", f"alpha={alpha}", f"warmup_target={_py(rate)}"]
                args.append("warmup_steps=warmup")
            else:
                args = [_py(rate), "total", f"alpha={alpha}"]
            lines += _call_lines("learning_rate = ", cls + "CosineDecay", args, comment=comment)
        elif t.lr_schedule == "exponential":
            args = [_py(rate), "decay_steps=total", f"decay_rate={_py(schedules.EXPONENTIAL_FACTOR)}"]
            lines += _call_lines("learning_rate = ", cls + "ExponentialDecay", args)
        else:
            bounds = ", ".join(f"max(1, int({_py(f)} * total))" for f, _ in schedules.PIECEWISE)
            values = ", ".join(_py(v) for v in [rate, *(rate * factor for _, factor in schedules.PIECEWISE)])
            lines += _call_lines(
                "learning_rate = ", cls + "PiecewiseConstantDecay", [f"[{bounds}]", f"[{values}]"]
            )
        return lines

    def compile(self, epochs: str | None = None) -> str:
        t = self.config.train
        kwargs: dict[str, str] = {}
        lines = self.schedule(epochs or str(t.epochs))
        if lines:
            kwargs["learning_rate"] = "learning_rate"
        elif t.learning_rate is not None:
            kwargs["learning_rate"] = _py(t.learning_rate)
        if t.optimizer == "sgd":  # ann_keras passes momentum and nesterov to SGD only
            if t.momentum:
                kwargs["momentum"] = _py(t.momentum)
            if t.nesterov:
                kwargs["nesterov"] = "True"
        if t.weight_decay is not None:
            kwargs["weight_decay"] = _py(t.weight_decay)
        if kwargs:
            lines += _call_lines(
                f"{t.optimizer} = ", f"keras.optimizers.{OPTIMIZER_CLASSES[t.optimizer]}", _kw(**kwargs)
            )
            optimizer = t.optimizer
        else:
            optimizer = _py(t.optimizer)
        loss = "sparse_mean_squared_error" if t.loss == "sparse_mean_squared_error" else _py(t.loss)
        if t.label_smoothing:
            loss = "smoothed_crossentropy"
        args = _kw(optimizer=optimizer, loss=loss, metrics='["accuracy"]')
        if t.steps_per_execution != 1:
            args.append(f"steps_per_execution={t.steps_per_execution}")
        lines += _call_lines("", "model.compile", args)
        return "\n".join(lines)

    def callbacks(self) -> list[tuple[str, str, list[str], str]]:
        """(variable, constructor, arguments, comment) of each callback, in the books' order."""
        t = self.config.train
        monitor = [] if t.monitor == "val_loss" else [f"monitor={_py(t.monitor)}"]
        found = []
        if t.checkpoint:
            found.append(
                (
                    "checkpoint_cb",
                    "keras.callbacks.ModelCheckpoint",
                    ['"best-model.keras"', *monitor, "save_best_only=True"],
                    "",
                )
            )
        if t.early_stopping_patience is not None:
            args = list(monitor)
            if t.early_stopping_patience:
                args.append(f"patience={t.early_stopping_patience}")
            if t.restore_best_weights:
                args.append("restore_best_weights=True")
            found.append(("early_stopping_cb", "keras.callbacks.EarlyStopping", args, ""))
        if t.tensorboard:
            found.append(
                (
                    "tensorboard_cb",
                    "keras.callbacks.TensorBoard",
                    [],
                    "logs in ./logs: tensorboard --logdir logs",
                )
            )
        return found

    def fit(self) -> str:
        t = self.config.train
        callbacks = self.callbacks()
        lines = []
        for name, func, args, comment in callbacks:
            lines += _call_lines(f"{name} = ", func, args, comment=comment)
        args = ["x_train", "y_train", f"epochs={t.epochs}"]
        if t.batch_size != 32:
            args.append(f"batch_size={t.batch_size}")
        if not t.shuffle:
            args.append("shuffle=False")
        args.append("validation_data=(x_val, y_val)")
        if callbacks:
            args.append(f"callbacks=[{', '.join(name for name, *_ in callbacks)}]")
        lines += _call_lines("history = ", "model.fit", args)
        lines += self.refit()
        lines.append("test_loss, test_accuracy = model.evaluate(x_test, y_test)")
        return "\n".join(lines)

    def refit(self) -> list[str]:
        """train.refit_full: a fresh model on train + validation for the epochs validation chose."""
        t = self.config.train
        if not t.refit_full:
            return []
        chosen = f"{t.epochs}  # no early stopping: every epoch"
        if t.early_stopping_patience is not None and t.restore_best_weights:
            chosen = "early_stopping_cb.best_epoch + 1  # the epoch EarlyStopping restored"
        elif t.early_stopping_patience is not None:
            chosen = 'len(history.history["loss"])  # the epochs run'
        lines = [
            "",
            "# Validation has chosen the epochs: a fresh model (same seed) trains on all the training images",
            f"epochs = {chosen}",
            "x_train, y_train = np.concatenate([x_train, x_val]), np.concatenate([y_train, y_val])",
            f"keras.utils.set_random_seed({self.config.seed})",
        ]
        lines += ["model = MLP()"] if self.config.model.api == "subclassed" else self.model().splitlines()
        lines += self.compile("epochs").splitlines()
        args = ["x_train", "y_train", "epochs=epochs"]
        if t.batch_size != 32:
            args.append(f"batch_size={t.batch_size}")
        if not t.shuffle:
            args.append("shuffle=False")
        lines += _call_lines("history_full = ", "model.fit", args)
        return lines

    def result(self) -> str:
        return (
            f'if os.environ.get("{RESULT_VARIABLE}"):'
            "  # one JSON line to compare\n"
            "    import json\n\n"
            '    result = {"history": history.history, "params": model.count_params(),\n'
            '              "test_loss": test_loss, "test_accuracy": test_accuracy}\n'
            f'    print("{RESULT_VARIABLE}", json.dumps(result))'
        )
