"""The one model builder: a stack of Dense layers, as Sequential, subclassed or Functional.

All three APIs build the same layers from the same `ModelConfig`, so they have the
same parameter count (79,510 for Dense(100, sigmoid) + Dense(10) on 784 inputs).
Models are always built on a `keras.Input`, which is what keras-tuner needs to
reload a trial's weights.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import keras

from ann_keras.config import AugmentationConfig, Config, LayerConfig, ModelConfig, parse_spec, split_spec
from ann_keras.errors import UserError
from ann_keras.models.layers import maxout_from_spec

# Activation names that need a layer of their own (name -> factory(argument) -> layer).
# Other modules register more here (for instance a Maxout layer).
ACTIVATION_LAYERS: dict[str, Callable[[str | None], keras.layers.Layer]] = {}
ACTIVATION_LAYERS["maxout"] = maxout_from_spec  # 'maxout:K': a max over K linear pieces per unit


def make_initializer(spec: str) -> keras.initializers.Initializer | str:
    """A Keras initializer name, or 'normal:STD' / 'uniform:LIMIT' / 'constant:VALUE' for the notes' fixed
    scales."""
    name, arg = parse_spec(spec, "initializer", "initializer")
    if name == "normal" and arg is not None:
        return keras.initializers.RandomNormal(mean=0.0, stddev=arg)
    if name == "uniform" and arg is not None:
        return keras.initializers.RandomUniform(minval=-arg, maxval=arg)
    if name == "constant" and arg is not None:
        return keras.initializers.Constant(arg)
    try:
        return keras.initializers.get(name)
    except ValueError:
        raise UserError(
            f"initializer {spec!r} is unknown: use a Keras name (glorot_uniform, he_normal, zeros, ...) "
            "or normal:STD / uniform:LIMIT"
        ) from None


def make_activation(spec: str) -> keras.layers.Layer:
    """A layer applying the activation `spec` (Keras name, or 'leaky_relu:SLOPE', 'elu:ALPHA', 'maxout:K')."""
    name, arg = parse_spec(spec, "activation", "activation")
    if name in ACTIVATION_LAYERS:
        return ACTIVATION_LAYERS[name](None if arg is None else str(arg))
    if name == "leaky_relu":
        return keras.layers.LeakyReLU(negative_slope=0.01 if arg is None else arg)
    if name == "elu" and arg is not None:
        return keras.layers.ELU(alpha=arg)
    try:
        return keras.layers.Activation(keras.activations.get(name))
    except ValueError:
        raise UserError(
            f"activation {spec!r} is unknown: use a Keras name (relu, sigmoid, tanh, elu, ...) or "
            "leaky_relu:SLOPE"
        ) from None


def check_names(config: Config) -> None:
    """Every activation, initializer and loss `config` names is one this builder can make.

    `config.validate` has checked the NAME:ARGUMENT forms without Keras; this asks Keras
    about the plain names, before a run reads any data. Looking a name up creates a Keras
    object, which may draw a seed from Python's generator: its state is put back, so a
    check changes no later random draw (a notebook's stream runs on untouched).

    Raises:
        UserError: the first name no run could use, with the forms that work.
    """
    import random

    from ann_keras import config as cfg
    from ann_keras.models import losses

    state = random.getstate()
    try:
        lookups = {"activation": keras.activations.get, "initializer": keras.initializers.get}
        for key, kind, spec in cfg.spec_keys(config):
            name, argument = cfg.split_spec(spec)
            if key == "model.output_activation" and argument is not None:
                raise UserError(
                    f"{key}={spec!r}: the output layer takes a Keras activation name, like softmax"
                )
            if argument is not None or (kind == "activation" and name in ACTIVATION_LAYERS):
                continue  # a NAME:ARGUMENT form or a layer of the package: made by the builder itself
            try:
                lookups[kind](name)
            except Exception:  # noqa: BLE001 (ValueError for an unknown name; others for one it cannot make)
                examples = {
                    "activation": "relu, sigmoid, tanh, elu, softmax",
                    "initializer": "he_normal, zeros",
                }
                forms = ", ".join(f"{n}:{form.argument}" for n, form in cfg.SPEC_FORMS[kind].items())
                raise UserError(
                    f"{key}={spec!r}: Keras has no {kind} {name!r}; use a Keras name ({examples[kind]}, ...) "
                    f"or {forms}"
                ) from None
        try:
            losses.get(config.train.loss)
        except Exception:  # noqa: BLE001 (as above)
            raise UserError(
                f"train.loss={config.train.loss!r}: Keras has no such loss; use "
                f"sparse_categorical_crossentropy, {', '.join(losses.LOSSES)} or another Keras loss"
            ) from None
        weight_decay = config.train.weight_decay
        if weight_decay is not None and not takes_weight_decay(config.train.optimizer):
            raise UserError(
                f"train.weight_decay={weight_decay!r}: Keras' {config.train.optimizer} optimizer has no "
                "weight decay; set train.weight_decay=none or use adamw"
            )
    finally:
        random.setstate(state)


def takes_weight_decay(optimizer: str) -> bool:
    """Whether Keras' optimizer `optimizer` takes a `weight_decay` argument."""
    import inspect

    return "weight_decay" in inspect.signature(type(keras.optimizers.get(optimizer)).__init__).parameters


def _regularizer(layer: LayerConfig):
    if layer.l1 and layer.l2:
        return keras.regularizers.L1L2(l1=layer.l1, l2=layer.l2)
    if layer.l1:
        return keras.regularizers.L1(layer.l1)
    if layer.l2:
        return keras.regularizers.L2(layer.l2)
    return None


def hidden_block(
    layer: LayerConfig, index: int, dropout: keras.layers.Layer | None = None
) -> list[keras.layers.Layer]:
    """Dense -> [BatchNormalization] -> activation -> [BatchNormalization] -> [Dropout].

    `dropout`: the block's Dropout layer when it was created beforehand
    (`model.dropout_created_first`), else the block creates it last.
    """
    n = index + 1
    name, _ = split_spec(layer.activation)
    # Plain activations go inside Dense (as the books write it); others get their own layer.
    inline = (
        layer.batch_norm != "before"
        and name not in ACTIVATION_LAYERS
        and ":" not in layer.activation
        and name != "leaky_relu"
    )
    activation = make_activation(layer.activation)
    # An activation that turns k features into one unit (Maxout) needs k times the Dense outputs.
    width = layer.units * getattr(activation, "features_per_unit", 1)
    dense = keras.layers.Dense(
        width,
        activation=activation.activation if inline else None,
        kernel_initializer=make_initializer(layer.kernel_initializer),
        bias_initializer=make_initializer(layer.bias_initializer),
        kernel_regularizer=_regularizer(layer),
        name=f"hidden_{n}",
    )
    layers = [dense]
    if layer.batch_norm == "before":
        layers.append(keras.layers.BatchNormalization(name=f"batch_norm_{n}"))
    if not inline:
        activation.name = f"activation_{n}"
        layers.append(activation)
    if layer.batch_norm == "after":
        layers.append(keras.layers.BatchNormalization(name=f"batch_norm_{n}"))
    if dropout is not None:
        layers.append(dropout)
    elif layer.dropout:
        layers.append(keras.layers.Dropout(layer.dropout, name=f"dropout_{n}"))
    return layers


def augmentation_layers(config: AugmentationConfig, input_shape: tuple[int, ...]) -> list[keras.layers.Layer]:
    """Random flips and shifts of the image, active in training only; [] when all are off."""
    if config.flip == "none" and not config.shift:
        return []
    if len(input_shape) == 1:  # flattened pixels: back to a square image
        side = math.isqrt(input_shape[0])
        if side * side != input_shape[0]:
            raise UserError(
                f"model.augmentation needs square images; inputs of shape {input_shape} are not (set "
                "data.flatten=false)"
            )
        height, width = side, side
    else:
        height, width = input_shape[0], input_shape[1]
    layers = [
        keras.layers.Reshape((height, width, 1), name="to_image")
    ]  # the image layers want a channel axis
    if config.flip != "none":
        layers.append(keras.layers.RandomFlip(config.flip, name="random_flip"))
    if config.shift:
        layers.append(
            keras.layers.RandomTranslation(
                config.shift, config.shift, fill_mode="constant", name="random_shift"
            )
        )
    return layers


def network_layers(config: ModelConfig, input_shape: tuple[int, ...]) -> list[keras.layers.Layer]:
    """The layers every API stacks, in order, from the input to the softmax output."""
    dropouts = {}
    if config.dropout_created_first:  # before any other layer draws its seed (혼공머신 7-3's model_fn)
        dropouts = {
            i: keras.layers.Dropout(layer.dropout, name=f"dropout_{i + 1}")
            for i, layer in enumerate(config.hidden)
            if layer.dropout
        }
    layers: list[keras.layers.Layer] = augmentation_layers(config.augmentation, input_shape)
    if len(input_shape) > 1 or layers:
        layers.append(keras.layers.Flatten(name="flatten"))
    for i, layer in enumerate(config.hidden):
        layers.extend(hidden_block(layer, i, dropouts.get(i)))
    layers.append(
        keras.layers.Dense(
            config.num_classes,
            activation=config.output_activation,
            kernel_initializer=make_initializer(config.output_initializer),
            name="output",
        )
    )
    return layers


def build_sequential(config: ModelConfig, input_shape: tuple[int, ...], name: str = "mlp") -> keras.Model:
    """keras.Sequential([Input, (Flatten), Dense..., Dense(10, softmax)]) as in 혼공머신 7."""
    return keras.Sequential([keras.Input(shape=input_shape), *network_layers(config, input_shape)], name=name)


def build_functional(config: ModelConfig, input_shape: tuple[int, ...], name: str = "mlp") -> keras.Model:
    """The same stack with the Functional API (핸즈온 10.2.4); `config.wide` makes it wide & deep."""
    inputs = keras.Input(shape=input_shape, name="input")
    *stack, output = network_layers(config, input_shape)
    x = inputs
    for layer in stack:
        x = layer(x)
    if config.wide:  # wide & deep: the raw pixels reach the output layer beside the deep path
        wide = keras.layers.Flatten(name="wide_flatten")(inputs) if len(input_shape) > 1 else inputs
        x = keras.layers.Concatenate(name="wide_and_deep")([wide, x])
    return keras.Model(inputs, output(x), name=name)


@keras.saving.register_keras_serializable(package="ann_keras")
class SubclassedMLP(keras.Model):
    """The same network written with the subclassing API (핸즈온 10.2.5)."""

    def __init__(self, model_config: dict | ModelConfig, input_shape: tuple[int, ...], **kwargs):
        super().__init__(**kwargs)
        from ann_keras.config import from_dict

        if isinstance(model_config, dict):
            model_config = from_dict(model_config, ModelConfig)
        self.model_config = model_config
        self.input_shape_ = tuple(input_shape)
        self.stack = network_layers(model_config, self.input_shape_)

    def call(self, inputs, training=None):
        x = inputs
        for layer in self.stack:
            x = layer(x, training=training)  # layers without a training argument ignore it
        return x

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.model_config.num_classes)

    def get_config(self):
        from ann_keras.config import to_dict

        return {
            **super().get_config(),
            "model_config": to_dict(self.model_config),
            "input_shape": list(self.input_shape_),
        }


def build_subclassed(config: ModelConfig, input_shape: tuple[int, ...], name: str = "mlp") -> keras.Model:
    model = SubclassedMLP(config, input_shape, name=name)
    model(keras.Input(shape=input_shape))  # create the weights on a symbolic input
    return model


BUILDERS = {"sequential": build_sequential, "functional": build_functional, "subclassed": build_subclassed}


def build_model(config: ModelConfig, input_shape: tuple[int, ...], name: str = "mlp") -> keras.Model:
    """Build the network `config` describes with the API it names."""
    return BUILDERS[config.api](config, tuple(input_shape), name=name)


def describe(model: keras.Model, input_shape: tuple[int, ...]) -> dict:
    """Layers, output shapes and parameter counts, JSON-ready (the report's model summary)."""
    layers = []
    shape = (None, *input_shape)
    stack = (
        model.stack
        if isinstance(model, SubclassedMLP)
        else [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    )
    for layer in stack:
        try:
            # A graph model knows each layer's output; a chain is enough for the subclassed stack.
            shape = (
                tuple(layer.output.shape)
                if not isinstance(model, SubclassedMLP)
                else tuple(layer.compute_output_shape(shape))
            )
            shown = list(shape)
        except Exception:  # no shape to show for this layer
            shown = None
        layers.append(
            {
                "name": layer.name,
                "type": type(layer).__name__,
                "output_shape": shown,
                "params": int(layer.count_params()),
            }
        )
    return {
        "name": model.name,
        "api": type(model).__name__,
        "layers": layers,
        "total_params": int(model.count_params()),
        "trainable_params": _count(model.trainable_weights),
        "non_trainable_params": _count(model.non_trainable_weights),
    }


def _count(weights) -> int:
    return int(sum(math.prod(w.shape) for w in weights))
