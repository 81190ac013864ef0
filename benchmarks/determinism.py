"""What op determinism costs: 혼공머신 7-3 trained with train.deterministic on and off.

Each setting runs in a fresh process (the switch is process-wide), alternating,
several times; the script prints seconds per epoch (median, min, max) and whether
two runs with the same seed gave the same numbers.

    python benchmarks/determinism.py [--epochs 3] [--repeats 3] [--train-samples 48000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def one_run(deterministic: bool, args, workdir: Path, index: int) -> dict:
    results = workdir / f"{'det' if deterministic else 'nondet'}-{index}"
    command = [
        sys.executable,
        "-m",
        "ann_keras",
        "run",
        "hg7_3_dropout_early_stopping",
        "--results-dir",
        str(results),
        "--set",
        f"train.deterministic={str(deterministic).lower()}",
        "--set",
        f"train.epochs={args.epochs}",
        "--set",
        "train.early_stopping_patience=none",
        "--set",
        "train.checkpoint=false",
        "--set",
        f"data.train_samples={args.train_samples}",
    ]
    subprocess.run(command, check=True, capture_output=True, text=True)
    metrics = json.loads(
        next((results / "hg7_3_dropout_early_stopping" / "runs").glob("*/metrics.json")).read_text()
    )
    return {
        "seconds_per_epoch": metrics["seconds_per_epoch"],
        "val_loss": metrics["val_loss"],
        "test_accuracy": metrics["test_accuracy"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--train-samples", type=int, default=48000)
    args = parser.parse_args()
    runs: dict[bool, list[dict]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.repeats):
            for deterministic in (True, False):
                runs[deterministic].append(one_run(deterministic, args, Path(tmp), index))
                print(
                    f"  repeat {index + 1}/{args.repeats}, deterministic={deterministic}: "
                    f"{runs[deterministic][-1]['seconds_per_epoch']:.2f} s/epoch",
                    flush=True,
                )
    print(f"\n{'setting':<16}{'median s/epoch':>16}{'min':>8}{'max':>8}  same numbers in every repeat")
    for deterministic, items in runs.items():
        times = [r["seconds_per_epoch"] for r in items]
        same = len({(r["val_loss"], r["test_accuracy"]) for r in items}) == 1
        name = "deterministic" if deterministic else "not determ."
        print(f"{name:<16}{statistics.median(times):>16.2f}{min(times):>8.2f}{max(times):>8.2f}  {same}")
    cost = (
        statistics.median(r["seconds_per_epoch"] for r in runs[True])
        / statistics.median(r["seconds_per_epoch"] for r in runs[False])
        - 1
    )
    print(
        f"\ncost of op determinism: {cost:+.1%} time per epoch ({args.train_samples} samples, {args.epochs} "
        f"epochs, {args.repeats} repeats)"
    )


if __name__ == "__main__":
    main()
