#!/usr/bin/env bash
# Run on the GPU machine (JAX backend; the image has no TensorFlow), from the repository root,
# after benchmarks/gpu_prepare.sh here. Writes into $OUT (default ./gpu-out):
#   <device>-jax.json/.md/.html  the benchmark (textbook model.fit on JAX vs the package's trainer)
#   bench.log, run73.log, run73.tar.gz (a full 혼공머신 7-3 run's result folder)
# Usage: bash benchmarks/gpu_run.sh [EPOCHS] [REPEATS]
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$PWD/gpu-out}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=$PWD:/tmp/site PYTHONUNBUFFERED=1 KERAS_BACKEND=jax
nvidia-smi --query-gpu=name,memory.used,memory.total --format=csv
python3 -c "import jax, keras; print('jax', jax.__version__, 'keras', keras.__version__, jax.devices())"
python3 -m ann_keras bench --backend jax --epochs "${1:-5}" --repeats "${2:-3}" --data-dir .gpu/data \
  --results-dir "$OUT/results" 2>&1 | tee "$OUT/bench.log"
cp "$OUT"/results/benchmarks/* "$OUT"/
python3 -m ann_keras run hg7_3_dropout_early_stopping --backend jax --data-dir .gpu/data \
  --results-dir "$OUT/r73" 2>&1 | tee "$OUT/run73.log"
tar czf "$OUT/run73.tar.gz" -C "$OUT" r73
rm -rf "$OUT/results" "$OUT/r73"
ls -l "$OUT"
