"""Finding the database: --db, $CLAIMCHECK_DB, the nearest folder upwards, then the bundled one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.errors import DatabaseNotFound, DataError
from claimcheck.store.database import bundled_database, find_database, load_database
from tests.conftest import REPO, DbFactory


def test_explicit_db_wins_over_environment_and_cwd(make_db: DbFactory, tmp_path: Path) -> None:
    explicit = make_db(root=tmp_path / "explicit")
    env_db = make_db(root=tmp_path / "env")
    cwd_db = make_db(root=tmp_path / "cwd")
    found = find_database(explicit, environ={"CLAIMCHECK_DB": str(env_db)}, cwd=cwd_db)
    assert found == explicit


def test_environment_wins_over_cwd(make_db: DbFactory, tmp_path: Path) -> None:
    env_db = make_db(root=tmp_path / "env")
    cwd_db = make_db(root=tmp_path / "cwd")
    assert find_database(environ={"CLAIMCHECK_DB": str(env_db)}, cwd=cwd_db) == env_db


def test_nearest_parent_with_claims_and_sources(make_db: DbFactory, tmp_path: Path) -> None:
    root = make_db(root=tmp_path / "project")
    deep = root / "notes" / "2026"
    deep.mkdir(parents=True)
    assert find_database(environ={}, cwd=deep) == root.resolve()


def test_falls_back_to_the_bundled_database(tmp_path: Path) -> None:
    assert find_database(environ={}, cwd=tmp_path) == bundled_database()


def test_a_wrong_explicit_path_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFound, match="--db"):
        find_database(tmp_path, environ={}, cwd=tmp_path)
    with pytest.raises(DatabaseNotFound, match="CLAIMCHECK_DB"):
        find_database(environ={"CLAIMCHECK_DB": str(tmp_path)}, cwd=tmp_path)


def test_load_refuses_a_broken_database_naming_file_and_line(make_db: DbFactory) -> None:
    root = make_db(claims_yaml="theme: drones\nclaims: [\n")
    with pytest.raises(DataError) as excinfo:
        load_database(root)
    assert excinfo.value.path is not None and excinfo.value.path.name == "drones.yaml"
    assert excinfo.value.line is not None


def test_non_editable_install_finds_its_bundled_database(tmp_path: Path) -> None:
    """A plain (non-editable) install carries claims/ and sources/ and works from any folder."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(REPO)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "CLAIMCHECK_DB"}
    env["PYTHONPATH"] = str(target)
    script = (
        "import claimcheck.store.database as d, pathlib; p = d.find_database(); "
        "db = d.load_database(p); print(p); print(len(db.claims), len(db.sources))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    location, counts = result.stdout.splitlines()
    assert Path(location).is_relative_to(target)
    claims, sources = map(int, counts.split())
    assert sources == 5 and claims > 300
