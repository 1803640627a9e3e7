"""Link settings: every value of a configuration file or a flag is type- and range-checked."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import DataError
from claimcheck.links.config import KEYS, Options, load_config, options_from


def options_in(folder: Path, text: str, name: str = "claimcheck.toml") -> Options:
    (folder / name).write_text(text, encoding="utf-8")
    return options_from(load_config(folder), {})


@pytest.mark.parametrize("value", ['"false"', '"no"', '"0"', '"off"', '"true"', "0", "1"])
@pytest.mark.parametrize(
    ("name", "head"),
    [("claimcheck.toml", "[links]\n"), ("pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck.links]\n')],
)  # fmt: skip
def test_a_quoted_boolean_is_an_error_not_true(
    tmp_path: Path, name: str, head: str, value: str
) -> None:
    with pytest.raises(DataError) as caught:
        options_in(tmp_path, f"{head}retries = 0\nallow_private = {value}\n", name)
    error = caught.value
    assert error.path == tmp_path / name
    assert error.line == head.count("\n") + 2
    assert "allow_private" in str(error) and "true or false" in str(error)


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('timeout = "5"', "a number"),
        ("timeout = nan", "finite"),
        ("timeout = inf", "finite"),
        ("timeout = 0", "more than 0"),
        ("timeout = -1", "more than 0"),
        ("timeout = true", "a number"),
        ("max_concurrency = 0", "at least 1"),
        ("max_concurrency = -3", "at least 1"),
        ("max_concurrency = 2.5", "a whole number"),
        ("max_per_host = 0", "at least 1"),
        ("max_per_host = false", "a whole number"),
        ("retries = -5", "at least 0"),
        ('exclude = "(["', "not a regular expression"),
        ('exclude = ["ok", 3]', "a string"),
        ('accept = "foo"', "not a status code"),
        ('accept = "200..10000000000"', "100 to 599"),
        ('accept = ""', "no status code"),
        ("accept = [200, 2.5]", "not a status code"),
        ('fail_on = "nonsense"', "unknown status"),
        ('max_cache_age = "3x"', "not a duration"),
        ("max_cache_age = -1", "at least 0"),
        ('format = "xml"', "unknown format"),
        ("archive_api = 3", "a string"),
        ('archive_api = "ftp://archive.org/x"', "http(s) URL"),
        ('suggest_archive = "yes"', "true or false"),
        ("offline = 1", "true or false"),
        ('no_cache = "true"', "true or false"),
        ("retires = 3", "unknown link setting"),
    ],
)
def test_every_setting_is_checked_with_its_file_and_line(
    tmp_path: Path, line: str, why: str
) -> None:
    with pytest.raises(DataError) as caught:
        # the key before is one no case repeats: a key written twice is not TOML at all
        options_in(tmp_path, f"# settings\n[links]\nallow_private = false\n{line}\n")
    error = caught.value
    assert (error.path, error.line) == (tmp_path / "claimcheck.toml", 4)
    assert line.split(" =")[0] in str(error) and why in str(error)


def test_good_settings_are_read(tmp_path: Path) -> None:
    options = options_in(
        tmp_path,
        '[links]\naccept = [200, "403", "500..502"]\nexclude = "^https://x\\\\.org/"\n'
        "timeout = 2\nmax_concurrency = 8\nmax_per_host = 2\nretries = 0\nallow_private = true\n"
        'max_cache_age = "12h"\nfail_on = ["broken"]\nformat = "JSON"\n',
    )
    check = options.check
    assert check.accept == frozenset({200, 403, 500, 501, 502}) and check.exclude == (
        "^https://x\\.org/",
    )
    assert (check.timeout, check.max_concurrency, check.max_per_host, check.retries) == (2, 8, 2, 0)
    assert check.allow_private and options.max_cache_age == 43200 and options.format == "json"
    assert {s.value for s in options.fail_on} == {"broken"}


def test_a_dotted_key_and_an_inline_table_are_found_too(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        options_in(tmp_path, 'title = "x"\nlinks.timeout = 0\n')
    assert caught.value.line == 2
    with pytest.raises(DataError) as caught:
        options_in(tmp_path, "\nlinks = { retries = 1, timeout = -2 }\n")
    assert caught.value.line == 2


TOML_VALUES = st.sampled_from(
    ["true", "false", '"false"', "0", "-3", "1", "2.5", "nan", "-inf", "1e400", '"(["', '"a"',
     "[]", '[200, "x"]', '["200..299", 403]', '"200..299"', "{ a = 1 }", "1979-05-27",
     '"12h"', '"3x"', '"broken,nonsense"', "99999999999999999999", '"https://a.b/c"']
)  # fmt: skip
TOML_DOCS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(sorted(KEYS)), st.text(string.ascii_letters + "_.", max_size=8)),
        st.one_of(TOML_VALUES, st.text(max_size=12).map(json.dumps)),
    ),
    max_size=6,
).map(lambda pairs: "[links]\n" + "".join(f"{k} = {v}\n" for k, v in pairs))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=80), TOML_DOCS.map(str.encode)))
def test_any_configuration_file_gives_settings_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("config")
    (folder / "claimcheck.toml").write_bytes(data)
    try:
        options = options_from(load_config(folder), {})
    except DataError as error:
        assert error.path == folder / "claimcheck.toml" and error.message
    else:
        assert options.check.timeout > 0 and options.check.max_concurrency >= 1


@pytest.mark.parametrize(
    "flags",
    [
        ["--max-concurrency", "0"],
        ["--max-per-host", "0"],
        ["--max-concurrency", "-3"],
        ["--exclude", "(["],
        ["--timeout", "nan"],
        ["--timeout", "0"],
        ["--timeout", "-1"],
        ["--retries", "-5"],
        ["--accept", "foo"],
        ["--fail-on", "nonsense"],
        ["--max-cache-age", "3x"],
        ["--format", "xml"],
    ],
)
def test_a_bad_flag_value_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("No links here.\n")
    result = CliRunner().invoke(app, ["links", str(page), "--no-cache", *flags])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert flags[0] in result.stderr


def test_a_bad_file_value_is_a_configuration_error_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("No links here.\n")
    (tmp_path / "claimcheck.toml").write_text("[links]\nmax_concurrency = 0\n")
    result = CliRunner().invoke(app, ["links", str(page), "--no-cache"])
    assert result.exit_code == 3
    assert "claimcheck.toml:2" in result.stderr and "max_concurrency" in result.stderr
    # a good flag does not excuse a bad file: the file is still wrong
    again = CliRunner().invoke(app, ["links", str(page), "--max-concurrency", "4"])
    assert again.exit_code == 3
