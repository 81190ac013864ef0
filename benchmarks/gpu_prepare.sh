#!/usr/bin/env bash
# Run here, in the repository root, before sending a GPU run: what the bare GPU machine lacks.
#   .whl/  Python 3.12 wheels of keras, keras-tuner, kt-legacy, namex and optree (the image has JAX)
#   .gpu/data/  the four Fashion-MNIST files
# Both folders are ignored by git (.gitignore) and travel as carried paths: carry [".whl", ".gpu"].
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
mkdir -p .whl .gpu/data
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d .whl keras==3.15.1 keras-tuner==1.4.8 kt-legacy==1.0.5 namex==0.1.0 optree==0.20.0
DATA=${ANN_KERAS_DATA:-/usr/share/datasets/fashion-mnist}
cp "$DATA"/*-ubyte.gz .gpu/data/
ls -l .whl .gpu/data
echo "Ready: send 'bash benchmarks/gpu_run.sh' with carry [\".whl\", \".gpu\"]."
