"""ann_keras: the Fashion-MNIST experiments of 혼공머신 ch.7 and 핸즈온 ch.10, in Keras 3.

Arrows point one way: cli -> runner/tuning -> data/models/training/report -> config/metrics.
Importing this package does not import Keras, so `ann-keras list` and the report
stage stay fast.
"""

__version__ = "0.1.0"
