"""Shared helpers: the repository root, and the `flowclass` binary the package is compared with
(FLOWCLASS, or the release build, or the debug build of this checkout)."""

import csv
import io
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _binary():
    given = os.environ.get("FLOWCLASS")
    candidates = [pathlib.Path(given)] if given else [
        ROOT / "target" / "release" / "flowclass",
        ROOT / "target" / "debug" / "flowclass",
    ]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise RuntimeError(
        f"no flowclass binary among {', '.join(map(str, candidates))}: run `cargo build --release` "
        "or set FLOWCLASS"
    )


class Cli:
    """Runs the flowclass binary from the repository root."""

    def __init__(self, binary):
        self.binary = binary

    def run(self, *args, ok=(0,)):
        done = subprocess.run([str(self.binary), *map(str, args)], cwd=ROOT, capture_output=True,
                              text=True, check=False)
        assert done.returncode in ok, f"flowclass {' '.join(map(str, args))}: {done.stderr}"
        return done

    def rows(self, *args, ok=(0,)):
        """The CSV a command prints, as a header and rows of text."""
        rows = list(csv.reader(io.StringIO(self.run(*args, ok=ok).stdout)))
        return rows[0], rows[1:]


@pytest.fixture(scope="session")
def cli():
    return Cli(_binary())


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    """Paths are given relative to the repository root, as the CLI is run, so names agree."""
    monkeypatch.chdir(ROOT)
