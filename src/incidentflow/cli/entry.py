"""The console script's entry point: a Ctrl-C while the CLI is still importing is an
interrupt (exit 130) like any other, not a traceback."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from incidentflow.cli.main import run as cli_run
    except KeyboardInterrupt:
        sys.stderr.write("incident: interrupted\n")
        raise SystemExit(130) from None
    cli_run()
