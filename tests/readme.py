"""The README's examples, run for real: each `$ claimcheck ...` block of README.md is written by
cog (https://nedbatchelder.com/code/cog/) from the output of the commands it shows, and
tests/test_readme.py checks that what the README shows is what they print today.

    python -m tests.readme          # run every example again and rewrite README.md

The examples run in one scratch folder, in order, as a reader would type them: with the bundled
database (no database in the folder), 100 columns, no colour, a cache of their own. A few need
files first (`setup`): an article to add, training statements, a database with mistakes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
WIDTH = 100

_workspace: Path | None = None


def workspace() -> Path:
    """The scratch folder of this run, made once; the examples' files live and stay there."""
    global _workspace
    if _workspace is None:
        _workspace = Path(tempfile.mkdtemp(prefix="claimcheck-readme-"))
    return _workspace


def shell(*commands: str, setup: str | None = None, head: int | None = None) -> None:
    """Write a code block showing each command and what it prints (its first `head` lines)."""
    import cog

    if setup is not None:
        SETUPS[setup](workspace())
    shown = []
    for command in commands:
        printed = run(command).rstrip("\n").split("\n")
        if head is not None and len(printed) > head:
            printed = [*printed[:head], "..."]
        shown.append("\n".join([f"$ {command}", *filter(None, ["\n".join(printed)])]))
    cog.outl("```")
    cog.outl("\n".join(shown))
    cog.outl("```")


def run(command: str) -> str:
    """What COMMAND prints (stdout and stderr, as a terminal shows them) in the workspace; a
    `> FILE` at its end writes stdout to FILE instead, as a shell would."""
    from typer.testing import CliRunner

    from claimcheck.cli import app

    words = shlex.split(command)
    target = None
    if ">" in words:
        words, target = words[: words.index(">")], words[-1]
    assert words[0] == "claimcheck", command
    env = {
        "COLUMNS": str(WIDTH),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "CLAIMCHECK_CACHE_DIR": str(workspace() / ".cache"),
        "CLAIMCHECK_DB": None,
    }
    here = Path.cwd()
    os.chdir(workspace())
    try:
        result = CliRunner().invoke(app, words[1:], env=env, catch_exceptions=False)
    finally:
        os.chdir(here)
    if target is not None:
        (workspace() / target).write_text(result.stdout, encoding="utf-8")
    shown = result.stderr if target is not None else result.output
    return "\n".join(line.rstrip() for line in shown.split("\n"))  # rich pads lines to width


# --- files some examples need ----------------------------------------------------------------


def _newsroom(folder: Path) -> None:
    """A database of the bundled one's sources but dragon-lands, and the dragon-lands article
    as a file to add: a new article, as a newsroom would receive it."""
    root = folder / "newsroom"
    (root / "sources").mkdir(parents=True)
    for meta in sorted((REPO / "sources").glob("*.yaml")):
        if meta.stem != "dragon-lands":
            shutil.copy(meta, root / "sources")
            shutil.copy(meta.with_suffix(".txt"), root / "sources")
    shutil.copytree(REPO / "claims", root / "claims")
    for path in (root / "claims").glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "claims" in document:
            document["claims"] = [c for c in document["claims"] if c["source"] != "dragon-lands"]
            path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    shutil.copy(REPO / "sources" / "dragon-lands.txt", folder / "article.txt")


def _training(folder: Path) -> None:
    """Statements as a reader phrases them, each with the claim it asks about, and a copy of
    the bundled database to learn into (learning writes a file into the database)."""
    shutil.copytree(REPO / "claims", folder / "mydb" / "claims")
    shutil.copytree(REPO / "sources", folder / "mydb" / "sources")
    pairs = [
        ("you need to see this: how many drones did Serbia order from China?", "dragon-119"),
        ("you need to see this: when did the CH-92A drones arrive in Serbia?", "dragon-126"),
        ("look at this: did Serbia buy the FK-3 air defence system?", "mil-138"),
        ("look at this: what did HBIS pay for the Smederevo steel mill?", "dragon-035"),
        ("is it true that Serbs like China more than the EU?", "cwb-081"),
    ]
    lines = ["statement\tclaim_id", *(f"{s}\t{c}" for s, c in pairs)]
    (folder / "train.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _broken(folder: Path) -> None:
    """A small database with two mistakes: a key the format does not have, and a quote whose
    offsets drifted after an edit of the source."""
    sys.path.insert(0, str(REPO))
    from tests.conftest import SOURCE_TEXT, claim_for, make_database

    edited = "Updated in 2021.\n" + SOURCE_TEXT  # a line added above the quotes
    claim = claim_for(edited, "The first six CH-92A drones arrived in June 2020", "t-001")
    claim["conflicts_with"] = "t-002"
    drifted = claim_for(SOURCE_TEXT, "Serbia ordered nine Wing Loong drones from China", "t-002")
    make_database(folder / "broken", claims=[claim, drifted], text=edited)


SETUPS: dict[str, Callable[[Path], None]] = {
    "newsroom": _newsroom,
    "training": _training,
    "broken": _broken,
}


def main() -> int:
    from cogapp import Cog

    return Cog().main(["cog", "-r", "-I", str(REPO), "-p", PROLOGUE, str(README)])


PROLOGUE = "from tests.readme import shell"

if __name__ == "__main__":
    sys.exit(main())
