"""Peak memory of a long search against a short one: does a search grow in memory?

    python benchmarks/tuning_memory.py [--trials 2 20] [--experiment wider_search] [--real]

Runs `ann-keras tune` once per trial count (1 epoch per trial, fresh folders) and prints the peak
resident memory of each search and the memory after each trial. Synthetic data (1,000 samples) by
default; `--real` uses the full Fashion-MNIST split, where anything a trial keeps alive is large.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

TINY = [
    "data.dataset=synthetic",
    "data.train_samples=1000",
    "data.val_samples=500",
    "data.test_samples=500",
    "train.epochs=1",
]


def search(experiment: str, trials: int, folder: Path, real: bool = False) -> dict:
    """One search in a fresh process; its search.json and the memory after each trial."""
    command = [
        sys.executable,
        "-m",
        "ann_keras",
        "tune",
        experiment,
        "--max-trials",
        str(trials),
        "--epochs",
        "1",
        "--results-dir",
        str(folder / "results"),
        *[item for value in (["train.epochs=1"] if real else TINY) for item in ("--set", value)],
    ]
    print(f"$ {' '.join(command[1:])}", flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    info = json.loads((folder / "results" / experiment / "search.json").read_text())
    project = Path(info["tuner_dir"])
    after = []
    for side in sorted(project.glob("trial_*/ann_keras_trial.json"), key=lambda p: int(p.parent.name[6:])):
        after.append(json.loads(side.read_text())["rss_mb"])
    return {
        "trials": trials,
        "peak_rss_mb": info["peak_rss_mb"],
        "rss_after_trial_mb": after,
        "wall_time_s": info["wall_time_s"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, nargs="+", default=[2, 20])
    parser.add_argument("--experiment", default="wider_search")
    parser.add_argument(
        "--real", action="store_true", help="full Fashion-MNIST split instead of 1,000 synthetic samples"
    )
    args = parser.parse_args()
    rows = []
    for trials in args.trials:
        with tempfile.TemporaryDirectory() as folder:
            rows.append(search(args.experiment, trials, Path(folder), args.real))
    for row in rows:
        after = row["rss_after_trial_mb"]
        print(
            f"{row['trials']:>3} trials: peak {row['peak_rss_mb']:.0f} MB; after trial 1 {after[0]:.0f} MB, "
            f"after the last {after[-1]:.0f} MB; "
            f"search {row['wall_time_s']:.0f} s"
        )
        print(f"     memory after each trial (MB): {' '.join(f'{v:.0f}' for v in after)}")
    if len(rows) >= 2:
        print(
            f"peak difference, {rows[-1]['trials']} vs {rows[0]['trials']} trials: "
            f"{rows[-1]['peak_rss_mb'] - rows[0]['peak_rss_mb']:+.0f} MB"
        )


if __name__ == "__main__":
    main()
