"""How a run is done: folders, --quick, --only, --restart, verbosity (none of it changes the numbers)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path


@dataclasses.dataclass
class RunOptions:
    """Where things go and how much is printed; none of it changes the numbers."""

    results_dir: Path = Path("results")
    data_dir: str | None = None
    work_dir: Path | None = None  # checkpoints, backups, logs: default <results>/../work
    command: str = ""
    quick: bool = False
    only: Sequence[str] | None = None  # run only these variants
    verbose: bool = True
    restart: bool = False  # discard what a stopped run of the same command left, instead of resuming it
    # The caller makes the run's page afterwards: a complete result of the same configuration that
    # has no page yet (stopped between the two) is then kept and only gets its page.
    pages: bool = False
    # A kept run (--set, --name): results/<experiment>/runs/<run_name>/, beside the experiment's own result.
    run_name: str | None = None

    def work_root(self) -> Path:
        return Path(self.work_dir) if self.work_dir else Path(self.results_dir).resolve().parent / "work"
