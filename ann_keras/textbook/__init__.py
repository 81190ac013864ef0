"""The lecture notes' small worked examples, in NumPy (no Keras here).

    gates.py        fixed-weight AND / NAND / OR perceptrons, XOR = AND(NAND, OR)
    perceptron.py   the perceptron learning rule with a step function
    backprop.py     a 2-2-1 sigmoid MLP with hand-written backprop, gradient check,
                    the notes' backprop worked example and the chain rule on f = wx + b
    losses.py       cross-entropy, softmax loss (log base stated), multiclass hinge
    activations.py  activation functions and their derivatives
    scaling.py      dividing by the norm, the notes' normalisation demo

The Keras counterparts (the same nets trained with Keras, gradients from
`tf.GradientTape`) live in `ann_keras.textbook.autodiff`, which imports TensorFlow.
"""
