"""The ``newsvoices`` command, installed with the package (``pip install .``):

    newsvoices curate --raw raw/ --curated curated/     # = python -m flows.curate
    newsvoices serve --cron "0 3 * * *" ...             # = python -m flows.serve
    newsvoices bench --size-mb 10                       # = python -m flows.benchmark

Each subcommand hands its arguments to that module's ``main`` unchanged, so options, help texts
and exit codes are the module's own (2 for bad arguments).
"""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "curate": ("flows.curate", "build the curated tables and the data-quality report from raw texts"),
    "serve": ("flows.serve", "serve the curation flow on a schedule through a Prefect server"),
    "bench": ("flows.benchmark", "time each stage on a corpus and print throughput figures"),
}


def usage() -> str:
    lines = ["usage: newsvoices {" + ",".join(COMMANDS) + "} [options]", "", "commands:"]
    lines += [f"  {name:8s} {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", "newsvoices COMMAND --help shows the options of one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    sys.argv[0] = f"newsvoices {name}"
    try:
        return module.main(rest)
    except SystemExit as exit_:          # argparse's --help and usage errors
        return exit_.code if isinstance(exit_.code, int) else 2


if __name__ == "__main__":
    sys.exit(main())
