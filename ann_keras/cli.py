"""`ann-keras`: argv -> the functions of `ann_keras.api`. The only module that reads argv.

Keras is imported only after `--backend` has been applied, so `--backend jax`
works and `ann-keras list` answers at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ann_keras import __version__
from ann_keras.errors import UserError
from ann_keras.training import signals

BACKENDS = ("tensorflow", "jax", "torch")


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def add_common(parser: argparse.ArgumentParser, seed: bool = True) -> None:
    """Options shared by run, tune and bench."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change any config field, e.g. --set train.epochs=3 --set model.hidden.0.units=300 (repeatable)",
    )
    if seed:
        parser.add_argument("--seed", type=int, help="random seed (default: the experiment's, 42)")
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=Path(os.environ.get("ANN_KERAS_RESULTS", "results")),
        help="where result folders go (default: results/)",
    )
    parser.add_argument(
        "--data-dir", help="folder with the four Fashion-MNIST .gz files (default: search, then download)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="checkpoints, backups and logs (default: work/ next to the results folder)",
    )
    parser.add_argument(
        "--backend", choices=BACKENDS, help="Keras backend (default: $KERAS_BACKEND or tensorflow)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="ann-keras",
        description="Fashion-MNIST experiments of 혼공머신 ch.7 and 핸즈온 ch.10 in Keras 3.",
    )
    parser.add_argument("--version", action="version", version=f"ann-keras {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    p = sub.add_parser("list", help="show every experiment and what it mirrors")
    p.add_argument("--json", action="store_true", help="print JSON (name, title, notes, book_section)")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("data", help="find, check (and if need be download) Fashion-MNIST")
    p.add_argument("--data-dir", help="folder with the four Fashion-MNIST .gz files")
    p.add_argument("--no-download", action="store_true", help="only look on disk")
    p.set_defaults(handler=cmd_data)

    p = sub.add_parser(
        "run", help="run experiments (names, shell patterns like 'hg7_*', or --all) and write their results"
    )
    p.add_argument(
        "names", nargs="*", metavar="NAME", help="experiment names or patterns (see `ann-keras list`)"
    )
    p.add_argument("--all", action="store_true", help="run every experiment in order")
    p.add_argument(
        "--quick", action="store_true", help="subsets and at most 3 epochs: a first look in minutes"
    )
    p.add_argument(
        "--seeds", type=int, help="run this many seeds (seed, seed+1, ...) and report mean and std"
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="VARIANT",
        help="run only this variant of a comparison (repeatable)",
    )
    p.add_argument(
        "--restart",
        action="store_true",
        help="discard what a stopped run left and start over (default: resume it)",
    )
    p.add_argument(
        "--name",
        help="keep this run as results/NAME/runs/<name>/ (a run with --set is kept under a name made from "
        "its changes, e.g. dropout=0.5,epochs=3)",
    )
    add_common(p)
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser(
        "code", help="print an experiment's model, compile and fit as a standalone Keras program"
    )
    p.add_argument("name", metavar="NAME", help="an experiment (see `ann-keras list`)")
    p.add_argument("--variant", help="one of its variants (default: the primary one)")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change any config field, as for `run` (repeatable)",
    )
    p.add_argument("--seed", type=int, help="random seed (default: the experiment's, 42)")
    p.add_argument(
        "--data-source",
        choices=("auto", "keras", "local"),
        default="auto",
        help="how the program gets Fashion-MNIST: local files else download (auto), only Keras' "
        "download as the books do (keras), or only the local files (local)",
    )
    p.add_argument("--output", "-o", type=Path, help="write the program to this file instead of printing it")
    p.set_defaults(handler=cmd_code)

    p = sub.add_parser(
        "bench", help="time the textbook's model.fit against the package's trainer (fresh processes, repeats)"
    )
    p.add_argument(
        "--epochs", type=int, default=3, help="epochs per run; the first is timed apart (default 3)"
    )
    p.add_argument("--repeats", type=int, default=3, help="runs of each side, alternating (default 3)")
    p.add_argument("--samples", type=int, help="training samples (default: all 48,000)")
    p.add_argument("--val-samples", type=int, help="validation samples (default: all 12,000)")
    p.add_argument(
        "--baseline-backend", choices=BACKENDS, help="backend of the textbook side (default: --backend)"
    )
    add_common(p)
    p.set_defaults(handler=cmd_bench)

    p = sub.add_parser(
        "fidelity",
        help="the books' own cells against the package's experiment, every number side by side",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="experiments to compare (default: all four)")
    add_common(p, seed=False)
    p.set_defaults(handler=cmd_fidelity)

    p = sub.add_parser(
        "report",
        help="rebuild the HTML pages (results/index.html and one per experiment) from the saved files",
    )
    p.add_argument(
        "--results-dir",
        type=Path,
        default=Path(os.environ.get("ANN_KERAS_RESULTS", "results")),
        help="the results folder (default: results/)",
    )
    p.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="page and figure language (default: the language the pages were last built in, else en)",
    )
    p.add_argument(
        "--serve",
        action="store_true",
        help="then serve the folder on 127.0.0.1 and print the URL (Ctrl-C stops)",
    )
    p.add_argument(
        "--port", type=int, default=8000, help="port for --serve (default: 8000; 0 picks a free one)"
    )
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "tune",
        help="keras-tuner search over an experiment's SEARCH_SPACE; the best is retrained and tested once",
    )
    p.add_argument("name", metavar="NAME", help="an experiment with a SEARCH_SPACE, e.g. wider_search")
    p.add_argument(
        "--tuner",
        choices=("random", "hyperband", "bayesian", "grid"),
        help="search strategy (default: the experiment's, else random)",
    )
    p.add_argument(
        "--max-trials", type=int, metavar="N", help="at most N trials (default: the experiment's, else 10)"
    )
    p.add_argument(
        "--epochs",
        type=int,
        metavar="N",
        help="epochs per trial; Hyperband: the most a trial trains (default: the experiment's)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="K",
        help="run trials in K worker processes beside a chief oracle (keras-tuner's gRPC mode on 127.0.0.1)",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="discard the saved search and start afresh (default: continue it)",
    )
    add_common(p)
    p.set_defaults(handler=cmd_tune)

    p = sub.add_parser(
        "compare", help="results side by side: settings that differ, metrics, curves, per-class F1, confusion"
    )
    p.add_argument(
        "names",
        nargs="*",
        metavar="RESULT",
        help="experiment names (their own result), runs (experiment/run or the run's name) or result folders",
    )
    p.add_argument(
        "--results-dir",
        type=Path,
        default=Path(os.environ.get("ANN_KERAS_RESULTS", "results")),
        help="where the results are (default: results/)",
    )
    p.add_argument(
        "--output", "-o", type=Path, help="the comparison's folder (default: results/comparisons/A--vs--B)"
    )
    p.add_argument("--lang", choices=("en", "ko"), help="page language (default: the pages' language)")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("board", help="TensorBoard on 127.0.0.1 over the logs of every run and search trial")
    p.add_argument("name", nargs="?", metavar="NAME", help="only this experiment's logs (its HParams table)")
    p.add_argument("--port", type=int, default=6006, help="port (default: 6006; 0 picks a free one)")
    p.add_argument(
        "--results-dir",
        type=Path,
        default=Path(os.environ.get("ANN_KERAS_RESULTS", "results")),
        help="the results folder whose work/ folder holds the logs (default: results/)",
    )
    p.add_argument(
        "--work-dir", type=Path, help="the work folder (default: work/ next to the results folder)"
    )
    p.set_defaults(handler=cmd_board)
    return parser


def cmd_compare(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api

    page = api.compare(*args.names, results_dir=args.results_dir, output=args.output, lang=args.lang)
    print(f"Comparison of {len(args.names)} results: {page.resolve()}")
    return 0


def cmd_board(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import board
    from ann_keras.pipeline.options import RunOptions

    work = RunOptions(results_dir=args.results_dir, work_dir=args.work_dir).work_root()
    address = board.board(work, args.name, args.port)
    print(
        f"TensorBoard on {address} over {work / board.FOLDER / (args.name or '')} (Ctrl-C stops)", flush=True
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:  # Ctrl-C is how it ends
        print("\nStopped TensorBoard.")
    return 0


def apply_backend(args: argparse.Namespace) -> None:
    """Choose the Keras backend and quiet TensorFlow's start-up logging, before Keras loads."""
    if getattr(args, "backend", None):
        os.environ["KERAS_BACKEND"] = args.backend
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


# ---------------------------------------------------------------- commands


def cmd_data(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import data

    folder = data.find_data_dir(args.data_dir, download=not args.no_download)
    for part in ("train", "test"):
        images, labels = data.load_raw(part, folder)
        print(
            f"{part}: {images.shape[0]:,} images of {images.shape[1]}x{images.shape[2]}, labels "
            f"0-{labels.max()}, checksums OK"
        )
    print(f"Fashion-MNIST: {folder}")
    return 0


def cmd_list(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api

    experiments = api.list_experiments()
    if args.json:
        print(json.dumps(experiments, ensure_ascii=False, indent=2))
        return 0
    width = max(len(e["name"]) for e in experiments)
    for e in experiments:
        print(f"{e['name']:<{width}}  {e['book_section']:<14} {e['title']}")
        print(f"{'':<{width}}  notes: {e['notes']}")
    print(f"\n{len(experiments)} experiments; run one with `ann-keras run NAME`.")
    return 0


def overrides_from(args: argparse.Namespace) -> dict:
    """--set, --seed and --seeds as one dict of config overrides."""
    from ann_keras.config import parse_set_args

    overrides = parse_set_args(args.overrides)
    if getattr(args, "seed", None) is not None:
        overrides["seed"] = args.seed
    if getattr(args, "seeds", None) is not None:
        overrides["seeds"] = args.seeds
    return overrides


def cmd_run(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api
    from ann_keras.pipeline import experiments as registry
    from ann_keras.pipeline.options import RunOptions
    from ann_keras.pipeline.run import command_line, resolve

    if bool(args.names) == bool(args.all):
        raise UserError("give experiment names or --all (see `ann-keras list`)")
    overrides = overrides_from(args)
    experiments = registry.all_experiments() if args.all else registry.select(args.names)
    checked = RunOptions(quick=args.quick, only=args.only)
    for experiment in experiments:  # every mistake (--only's too) is reported before any header or data
        resolve(experiment, overrides, checked)
    command = command_line(argv)
    started = time.perf_counter()
    written, kept = [], []
    for i, experiment in enumerate(experiments, 1):
        elapsed = time.perf_counter() - started
        counter = f"[{i}/{len(experiments)}] " if len(experiments) > 1 else ""
        clock = f"  (elapsed {elapsed / 60:.1f} min)" if len(experiments) > 1 else ""
        print(f"== {counter}{experiment.name}: {experiment.title}{clock}", flush=True)
        before = read_run(Path(args.results_dir) / experiment.name).get("run_id")
        result = api.run_experiment(
            experiment.name,
            overrides,
            quick=args.quick,
            only=args.only,
            restart=args.restart,
            results_dir=args.results_dir,
            data_dir=args.data_dir,
            work_dir=args.work_dir,
            command=command,
            run_name=args.name,
        )
        written.append(result.path)
        if before is not None and read_run(result.path).get("run_id") == before:
            kept.append(experiment.name)  # a complete result whose page was never made
        for item in read_run(result.path).get("diverged", []):
            print(
                f"   ! {item['variant']} (seed {item['seed']}) diverged at epoch {item['epoch']} with "
                "learning rate "
                f"{item['learning_rate']:g}: the loss became NaN; lower train.learning_rate",
                flush=True,
            )
        print(f"   -> {result.path}", flush=True)
    index = Path(args.results_dir) / "index.html"  # each run made its page and the index
    total = time.perf_counter() - started
    if args.all:  # the whole-suite figure (`run --all [--quick]`) for the README
        changed = [
            option
            for option, given in (
                ("--set", args.overrides),
                ("--seed", args.seed is not None),
                ("--seeds", args.seeds is not None),
                ("--only", args.only),
            )
            if given
        ]
        if changed or kept:
            why = f"{', '.join(changed)} changed what ran" if changed else f"{len(kept)} result(s) were kept"
            print(f"Whole-suite timing not written ({why}): it times the suite as `run --all` runs it")
        else:
            from ann_keras.bench import write_suite_timing

            timing = write_suite_timing(args.results_dir, written, total, args.quick, command)
            print(f"Wall time per experiment and in total: {timing}")
    print(f"\nDone in {total / 60:.1f} min. Results: {Path(args.results_dir).resolve()}")
    from ann_keras.report.book import run_line

    for path in written:  # test accuracy, the book's number and the verdict, the page
        print(run_line(path))
    if index.is_file():
        print(f"Open in a browser: {index.resolve()}")
    return 0


def cmd_tune(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api
    from ann_keras.pipeline.run import command_line

    started = time.perf_counter()
    try:
        result = api.tune(
            args.name,
            tuner=args.tuner,
            max_trials=args.max_trials,
            epochs=args.epochs,
            workers=args.workers,
            overwrite=args.overwrite,
            overrides=overrides_from(args),
            results_dir=args.results_dir,
            data_dir=args.data_dir,
            work_dir=args.work_dir,
            command=command_line(argv),
        )
    except KeyboardInterrupt:
        work = args.work_dir or Path(args.results_dir).resolve().parent / "work"
        print(
            "\nann-keras: search interrupted; finished trials are kept under "
            f"{Path(work) / args.name / 'tuner'}. "
            "Run the same command again to continue.",
            file=sys.stderr,
        )
        return 130
    if result is None:  # a worker: its trials went to the chief
        return 0
    index = result.path.parent / "index.html"
    print(
        f"\nDone in {(time.perf_counter() - started) / 60:.1f} min. Results: "
        f"{Path(args.results_dir).resolve()}"
    )
    print(f"  {result.page}\n  {result.path / 'trials.csv'}")
    if index.is_file():
        print(f"Open in a browser: {index.resolve()}")
    return 0


def cmd_bench(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import bench, files
    from ann_keras.pipeline.run import command_line
    from ann_keras.report import bench_page, markdown, page_language

    options = bench.BenchOptions(
        epochs=args.epochs,
        repeats=args.repeats,
        train_samples=args.samples,
        val_samples=args.val_samples,
        seed=42 if args.seed is None else args.seed,
        backend=os.environ.get("KERAS_BACKEND", "tensorflow"),
        baseline_backend=args.baseline_backend,
        overrides=overrides_from(args),
        results_dir=args.results_dir,
        data_dir=args.data_dir,
        command=command_line(argv),
    )
    path = bench.run_bench(options)
    from ann_keras import api

    index = api.report(args.results_dir, quiet=True)  # the benchmark's page, and the index that links it
    result = bench_page.BenchResult(path, files.read_json(path))
    print("\n" + "\n".join(markdown.blocks(bench_page.summary_blocks(result.report))).rstrip())
    print(f"\nBenchmark: {path}")
    if index:
        lang = page_language(args.results_dir)
        print(f"Page: {result.markdown} and {result.html} ({lang})\nOpen in a browser: {index.resolve()}")
    return 0


def cmd_code(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api

    config = api.experiment_config(args.name, variant=args.variant, **overrides_from(args))
    source = api.keras_code(config, args.data_source)
    if args.output is None:
        print(source, end="")
        return 0
    if args.output.exists():
        raise UserError(f"{args.output} exists; choose another --output file or remove it first")
    from ann_keras.files import write_text

    write_text(args.output, source)
    print(f"Keras program written to {args.output.resolve()}; run it with: python {args.output}")
    return 0


def read_run(path: Path) -> dict:
    from ann_keras.files import try_read_json

    return try_read_json(path / "run.json") or {}


def cmd_report(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras.report import build_pages, serve

    # --serve rebuilds only the pages whose files changed, so serving starts at once; the language is
    # the folder's own unless --lang is given (build_pages with lang=None)
    built = build_pages(
        args.results_dir,
        lang=args.lang,
        force=not args.serve,
        log=lambda line: print(f"  {line}", flush=True),
    )
    changed = " whose files changed" if args.serve else ""
    print(
        f"{len(built.rebuilt)} experiment pages{changed} and the index of {Path(args.results_dir).resolve()} "
        f"({built.lang}) in {built.seconds:.1f} s."
    )
    print(f"Open in a browser: {built.index.resolve()}")
    for name, problem in built.damaged.items():  # shown as damaged on the pages, said here too
        print(
            f"ann-keras: error: {Path(args.results_dir) / name}: damaged: {problem}; run `ann-keras run "
            f"{name}` again to remake it",
            file=sys.stderr,
        )
    if args.serve:
        from ann_keras.report.serve import url

        server = serve(args.results_dir, args.port)
        print(f"Serving {Path(args.results_dir).resolve()} at {url(server)} (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:  # Ctrl-C is how serving ends
            print("\nStopped serving.")
        finally:
            server.server_close()
    return UserError.exit_code if built.damaged else 0


def run_script(path: str, argv: Sequence[str] | None = None) -> int:
    """`python experiments/NAME.py [options]` is `ann-keras run NAME [options]`."""
    script = Path(path).resolve()
    os.environ.setdefault("ANN_KERAS_EXPERIMENTS", str(script.parent))
    return main(["run", script.stem, *(sys.argv[1:] if argv is None else argv)])


def cmd_fidelity(args: argparse.Namespace, argv: Sequence[str] = ()) -> int:
    from ann_keras import api
    from ann_keras.pipeline.run import command_line

    path = api.fidelity(
        args.names,
        overrides_from(args),
        results_dir=args.results_dir,
        data_dir=args.data_dir,
        command=command_line(argv),
    )
    index = api.report(args.results_dir, quiet=True)  # the comparison's page, and the index that links it
    print(f"Page: {path.with_suffix('.html')}")
    if index:
        print(f"Open in a browser: {index.resolve()}")
    return 0


# ---------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    apply_backend(args)
    signals.install()
    try:
        return args.handler(args, argv)
    except UserError as exc:
        print(f"ann-keras: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "\nann-keras: interrupted; earlier complete results are untouched. "
            "Run the same command again to resume from the last finished epoch (add --restart to start "
            "over).",
            file=sys.stderr,
        )
        return 130
