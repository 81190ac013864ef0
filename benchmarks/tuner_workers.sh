#!/usr/bin/env bash
# Tuner throughput on one GPU: trials per minute with 1, 2 and 4 keras-tuner workers sharing it.
# Needs `ann-keras tune` (the tuning branch). Run on the GPU machine from the repository root after
# benchmarks/gpu_prepare.sh, like gpu_run.sh:  bash benchmarks/tuner_workers.sh [TRIALS] [EPOCHS] [NAME]
# Prints one line per worker count and writes $OUT/tuner-workers.json.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$PWD/gpu-out}
TRIALS=${1:-8}; EPOCHS=${2:-5}; NAME=${3:-wider_search}
mkdir -p "$OUT"
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=$PWD:/tmp/site
fi
# Several JAX processes on one GPU: allocate on demand instead of 75% of the card each.
export PYTHONUNBUFFERED=1 KERAS_BACKEND=jax XLA_PYTHON_CLIENT_PREALLOCATE=false
DATA=$([ -d .gpu/data ] && echo "--data-dir .gpu/data")
for WORKERS in 1 2 4; do
  python3 -m ann_keras tune "$NAME" --backend jax --workers "$WORKERS" --max-trials "$TRIALS" --epochs "$EPOCHS" \
    --overwrite $DATA --results-dir "$OUT/tune-$WORKERS" 2>&1 | tail -3
done
python3 - "$OUT" "$NAME" <<'PY'
import json, sys
from pathlib import Path
out, name = Path(sys.argv[1]), sys.argv[2]
rows = []
for workers in (1, 2, 4):
    search = json.loads((out / f"tune-{workers}" / name / "search.json").read_text())
    per_minute = 60 * search["trials_completed"] / search["wall_time_s"]
    rows.append({"workers": workers, "trials_completed": search["trials_completed"],
                 "wall_time_s": search["wall_time_s"], "trials_per_minute": per_minute})
    print(f"{workers} worker(s): {search['trials_completed']} trials in {search['wall_time_s']:.1f} s = {per_minute:.2f} trials/min")
(out / "tuner-workers.json").write_text(json.dumps({"kind": "bench", "benchmark": "tuner-workers", "experiment": name, "rows": rows}, indent=2))
PY
rm -rf "$OUT"/tune-*  # thousands of trial files; the summary above is what comes back
