"""`claimcheck report`: the highlighting (offsets, nesting, escaping), the pages, the atomic write,
the links' statuses, the CLI, and what a reader sees in headless Chromium over file://."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import UsageError
from claimcheck.links.cache import LinkCache
from claimcheck.links.check import LinkResult, Settings, Status
from claimcheck.links.report import Options
from claimcheck.render.report import gather, render_pages, write_report, write_site
from claimcheck.render.report.highlight import Span, mark_text
from tests.conftest import REPO, SOURCE_TEXT, DbFactory, claim_for, default_claims

runner = CliRunner()

# -- highlighting --------------------------------------------------------------------------


class _Reader(HTMLParser):
    """Reads marked-up text back: the plain text, which characters each claim's marks cover,
    the anchors, and whether every tag closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[tuple[str, str | None]] = []
        self.covered: dict[str, set[int]] = {}
        self.ids: dict[str, int] = {}  # anchor id -> offset where it starts
        self.fragments: dict[str, int] = {}  # claim -> marks written for it
        self.balanced = True

    @property
    def position(self) -> int:
        return len("".join(self.text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        claim = found.get("data-claim")
        self.open.append((tag, claim))
        if found.get("id"):
            self.ids[str(found["id"])] = self.position
        if claim:
            self.fragments[claim] = self.fragments.get(claim, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            self.balanced = False
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        start = self.position
        self.text.append(data)
        for _, claim in self.open:
            if claim:
                self.covered.setdefault(claim, set()).update(range(start, start + len(data)))


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert reader.balanced and not reader.open, "tags must nest"
    return reader


def check_marks(text: str, spans: list[Span]) -> _Reader:
    marked = mark_text(text, spans)
    reader = read(marked.html)
    assert "".join(reader.text) == text
    for span in spans:
        if span.id in marked.placed:
            assert reader.covered[span.id] == set(range(span.start, span.end)), span
            assert reader.ids[f"claim-{span.id}"] == span.start
        else:
            assert span.id not in reader.covered
    return reader


def test_disjoint_quotes_are_marked_at_their_offsets() -> None:
    text = "one two three four"
    marked = mark_text(text, [Span("a", 4, 7), Span("b", 14, 18)], line_anchors=False)
    assert marked.html == (
        'one <mark class="hl" id="claim-a" data-claim="a">two</mark> three '
        '<mark class="hl" id="claim-b" data-claim="b">four</mark>'
    )
    assert marked.placed == ("a", "b") and marked.skipped == ()


def test_a_quote_inside_another_nests() -> None:
    text = "In 2018 Serbia ordered nine Wing Loong drones."
    outer, inner = Span("outer", 0, 45), Span("inner", 23, 38)
    html = mark_text(text, [inner, outer], line_anchors=False).html
    assert html.index('id="claim-outer"') < html.index('id="claim-inner"')
    assert "hl cont" not in html  # nesting needs no split
    check_marks(text, [inner, outer])


def test_identical_quotes_each_get_a_mark_and_an_anchor() -> None:
    reader = check_marks("abc def ghi", [Span("x", 4, 7), Span("y", 4, 7)])
    assert reader.fragments == {"x": 1, "y": 1}


def test_crossing_quotes_are_split_cleanly() -> None:
    text = "aaaa bbbb cccc dddd"
    first, second = Span("first", 0, 9), Span("second", 5, 14)
    marked = mark_text(text, [first, second], line_anchors=False)
    # second opens inside first, is closed with it at 9 and reopened without an id
    assert marked.html == (
        '<mark class="hl" id="claim-first" data-claim="first">aaaa '
        '<mark class="hl" id="claim-second" data-claim="second">bbbb</mark></mark>'
        '<mark class="hl cont" data-claim="second"> cccc</mark> dddd'
    )
    reader = check_marks(text, [first, second])
    assert reader.fragments == {"first": 1, "second": 2}


def test_text_and_tooltips_are_escaped() -> None:
    text = 'He said <script>alert("x")</script> & left.'
    quote = "<script>alert"
    span = Span("s-1", text.index(quote), text.index(quote) + len(quote), 'a "title" <b>')
    html = mark_text(text, [span]).html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; left" in html
    assert 'title="a &quot;title&quot; &lt;b&gt;"' in html
    check_marks(text, [span])


def test_offsets_are_code_points() -> None:
    # A character outside the BMP counts once, as in Python and in the claims format.
    text = "Vučić 😀 said: six drones arrived."
    start = text.index("six")
    reader = check_marks(text, [Span("c", start, start + len("six drones"))])
    covered = "".join(text[i] for i in sorted(reader.covered["c"]))
    assert covered == "six drones"


def test_spans_outside_the_text_are_skipped_not_guessed() -> None:
    marked = mark_text("short", [Span("ok", 0, 5), Span("late", 3, 99), Span("empty", 2, 2)])
    assert marked.placed == ("ok",) and marked.skipped == ("late", "empty")


def test_lines_get_anchors() -> None:
    reader = read(mark_text("one\ntwo\nthree\n", [Span("a", 2, 6)]).html)
    assert {k: v for k, v in reader.ids.items() if k.startswith("L")} == {"L1": 0, "L2": 4, "L3": 8}


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab <>&\"'\nć😀"), max_size=40),
    st.lists(st.tuples(st.integers(-2, 44), st.integers(-2, 44)), max_size=8),
)
def test_any_overlap_marks_exactly_each_quote(text: str, pairs: list[tuple[int, int]]) -> None:
    spans = [Span(f"c{i}", start, end) for i, (start, end) in enumerate(pairs)]
    check_marks(text, spans)


# -- a small database with two sources that disagree ----------------------------------------

OTHER_TEXT = (
    "Eight drones\n"
    "Serbia received eight CH-92A drones in June 2020, officials said.\n"
    'A reader wrote <script>window.pwned = 1</script> and <img src="x" onerror="window.pwned = 2">.\n'
)
EVIL = '<script>window.pwned = 3</script><img src="y" onerror="window.pwned = 4">'


def add_source(root: Path, source_id: str, text: str, claims: list[dict[str, Any]]) -> None:
    (root / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8", newline="")
    meta = {
        "id": source_id, "file": f"{source_id}.txt", "title": None, "authors": ["A. Writer"],
        "publisher": None, "date": "2021-03", "url": "https://example.org/eight-drones",
        "language": "en", "sha256": hashlib.sha256(text.encode()).hexdigest(), "notes": None,
    }  # fmt: skip
    (root / "sources" / f"{source_id}.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    document = {"theme": "military", "claims": claims}
    (root / "claims" / "more.yaml").write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def small_database(make_db: DbFactory, cites: str = "https://example.org/drones") -> Path:
    claims = default_claims()
    claims[0]["cites"] = [cites]
    root = make_db(claims=claims)
    add_source(
        root,
        "eight-drones",
        OTHER_TEXT,
        [
            claim_for(
                OTHER_TEXT,
                "Serbia received eight CH-92A drones in June 2020",
                "o-001",
                source="eight-drones",
                predicate="received",
                object="ch-92a",
                quantity={"value": 8, "unit": "drone"},
                date="2020-06",
            ),
            {
                **claim_for(
                    OTHER_TEXT,
                    '<script>window.pwned = 1</script> and <img src="x" onerror="window.pwned = 2">',
                    "o-002",
                    source="eight-drones",
                    predicate="stated",
                ),
                "text": f"A reader wrote {EVIL}",
            },
        ],
    )
    return root


@pytest.fixture
def small_site(make_db: DbFactory, tmp_path: Path) -> Path:
    root = small_database(make_db)
    write_report(root, tmp_path / "site", cache_path=tmp_path / "links.json")
    return tmp_path / "site"


def test_the_site_has_one_page_per_source_and_the_overview_pages(small_site: Path) -> None:
    files = sorted(str(p.relative_to(small_site)) for p in small_site.rglob("*") if p.is_file())
    assert files == [
        "assets/report.css", "assets/report.js", "conflicts.html", "index.html", "links.html",
        "sources/drones-article.html", "sources/eight-drones.html",
    ]  # fmt: skip


def test_untrusted_texts_are_escaped_everywhere(small_site: Path) -> None:
    for page in small_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window" not in html and "<img" not in html, page.name
    index = (small_site / "index.html").read_text(encoding="utf-8")
    blob = re.search(
        r'<script type="application/json" id="claims-data">(.*?)</script>', index, re.S
    )
    assert blob is not None
    records = {r["id"]: r for r in json.loads(blob.group(1))}
    assert records["o-002"]["text"] == f"A reader wrote {EVIL}"  # the JSON gives it back whole
    source = (small_site / "sources" / "eight-drones.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in source


def test_metadata_is_shown_only_when_known(small_site: Path) -> None:
    known = (small_site / "sources" / "eight-drones.html").read_text(encoding="utf-8")
    assert (
        "<dt>authors</dt><dd>A. Writer</dd>" in known and "<dt>date</dt><dd>2021-03</dd>" in known
    )
    assert 'href="https://example.org/eight-drones"' in known
    assert "title not stated" in known  # its title is null: said so, not invented
    unknown = (small_site / "sources" / "drones-article.html").read_text(encoding="utf-8")
    assert "<h1>Drones over Belgrade</h1>" in unknown
    meta = re.search(r"<dl class=meta>.*?</dl>", unknown)
    assert meta is not None
    for field in ("authors", "date", "url", "publisher"):
        assert f"<dt>{field}</dt>" not in meta.group(0)


def test_a_text_that_starts_with_a_newline_keeps_it(make_db: DbFactory, tmp_path: Path) -> None:
    text = "\n" + SOURCE_TEXT
    root = make_db(text=text, claims=default_claims(text))
    pages = render_pages(gather(root, cache_path=tmp_path / "links.json"))
    source = pages["sources/drones-article.html"]
    # the parser eats the first newline after <pre>: the page's own, not the text's
    assert '<pre class="text" id="text">\n<span class="ln" id="L1"></span>\n<span' in source
    assert 'title="t-002: The first six CH-92A drones arrived in June 2020.\nfact: ' in source


def test_no_page_loads_anything_from_outside_the_folder(small_site: Path) -> None:
    for page in small_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html)
        assert tags and all("http" not in tag and "//" not in tag for tag in tags), page.name
        assert "default-src 'none'" in html
    for asset in (small_site / "assets").iterdir():
        text = asset.read_text(encoding="utf-8")
        assert "http" not in text and "url(" not in text and "@import" not in text
        assert "fetch(" not in text and "XMLHttpRequest" not in text


def test_conflict_sides_are_quoted_and_link_to_their_highlights(small_site: Path) -> None:
    html = (small_site / "conflicts.html").read_text(encoding="utf-8")
    assert 'href="sources/drones-article.html#claim-t-002"' in html
    assert 'href="sources/eight-drones.html#claim-o-001"' in html
    assert "“The first six CH-92A drones arrived in June 2020.”" in html


def test_every_internal_link_reaches_its_anchor(small_site: Path) -> None:
    assert broken_internal_links(small_site) == []


def broken_internal_links(site: Path) -> list[str]:
    ids: dict[Path, set[str]] = {}
    for page in site.rglob("*.html"):
        ids[page.resolve()] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    broken = []
    for page in site.rglob("*.html"):
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://")):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page.resolve()
            if target.suffix == ".css":
                assert target.is_file()
                continue
            if target not in ids or (fragment and fragment not in ids[target]):
                broken.append(f"{page.name}: {href}")
    return broken


def test_a_failed_run_leaves_the_previous_site_whole(
    small_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: p.read_bytes() for p in small_site.rglob("*") if p.is_file()}
    real_write = Path.write_bytes
    written: list[Path] = []

    def fail_on_the_third(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) == 3:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_the_third)
    with pytest.raises(OSError, match="disk full"):
        write_site({"index.html": "new", "links.html": "new", "conflicts.html": "new"}, small_site)
    monkeypatch.undo()
    assert len(written) == 3
    assert {p: p.read_bytes() for p in small_site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in small_site.parent.iterdir() if p.name.startswith(".")) == []


def test_a_new_run_replaces_the_old_site(small_site: Path) -> None:
    (small_site / "sources" / "gone.html").write_text("old")
    written = write_site({"index.html": "<p>new</p>"}, small_site)
    assert (small_site / "index.html").read_text() == "<p>new</p>"
    assert not (small_site / "sources").exists()
    assert written.pages == 1 and written.files == 3
    assert [p.name for p in small_site.parent.iterdir() if p.name.startswith(".")] == []


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    with pytest.raises(UsageError, match="not a claimcheck report"):
        write_site({"index.html": ""}, tmp_path / "notes")
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"
    write_site({"index.html": ""}, tmp_path / "empty")  # new folders and empty ones are fine


# -- links ---------------------------------------------------------------------------------


def link_rows(root: Path, **kwargs: Any) -> dict[str, tuple[str, int | None]]:
    data = gather(root, **kwargs)
    return {link.url: (link.status, link.http_status) for link in data.links}


def test_links_show_the_cache_or_unchecked_and_never_touch_the_network(
    make_db: DbFactory, tmp_path: Path
) -> None:
    root = small_database(make_db, cites="https://example.org/gone")
    cache_path = tmp_path / "links.json"
    assert link_rows(root, cache_path=cache_path) == {
        "https://example.org/gone": ("unchecked", None),  # cited by a claim
        "https://example.org/eight-drones": ("unchecked", None),  # a source's own URL
    }
    cache = LinkCache(cache_path, 86400)
    cache.put(LinkResult("https://example.org/gone", Status.BROKEN, 404))
    cache.save()
    cached = json.loads(cache_path.read_text())
    cached["links"]["https://example.org/gone"]["checked_at"] = time.time() - 30 * 86400
    cache_path.write_text(json.dumps(cached))
    # a month old and broken: still the last known status
    assert link_rows(root, cache_path=cache_path)["https://example.org/gone"] == ("broken", 404)


class _Server:
    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self.send_response(200 if self.path == "/ok" else 404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def test_check_links_checks_now_and_records_in_the_cache(
    make_db: DbFactory, tmp_path: Path, server: _Server
) -> None:
    root = small_database(make_db, cites=f"{server.url}/ok")
    cache_path = tmp_path / "links.json"
    fast = Options(check=Settings(timeout=2.0, retries=0, allow_private=True))
    rows = link_rows(root, check_links=True, link_options=fast, cache_path=cache_path)
    assert rows[f"{server.url}/ok"] == ("ok", 200)
    # the next report, without checking, shows what was recorded
    assert link_rows(root, cache_path=cache_path)[f"{server.url}/ok"] == ("ok", 200)


def test_check_links_keeps_the_guard_by_default(
    make_db: DbFactory, tmp_path: Path, server: _Server
) -> None:
    root = small_database(make_db, cites=f"{server.url}/ok")
    rows = link_rows(root, check_links=True, cache_path=tmp_path / "links.json")
    assert rows[f"{server.url}/ok"] == ("excluded", None)  # loopback refused: nothing sent


# -- the command ---------------------------------------------------------------------------


def test_cli_writes_the_site_and_says_so_in_one_line(make_db: DbFactory, tmp_path: Path) -> None:
    root = small_database(make_db)
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", "--out", str(out), "--db", str(root)])
    assert result.exit_code == 0, result.output
    line = result.output.strip()
    assert "\n" not in line
    assert re.fullmatch(
        rf"wrote 5 pages \(7 files, [\d,]+ KB\) to {re.escape(str(out))}: 2 sources, 4 claims, "
        r"1 conflict, 2 links",
        line,
    ), line


def test_cli_exit_codes(make_db: DbFactory, tmp_path: Path) -> None:
    root = small_database(make_db)
    (tmp_path / "file").write_text("x")
    assert runner.invoke(app, ["report", "--db", str(root)]).exit_code == 2  # no --out
    used = runner.invoke(app, ["report", "--out", str(tmp_path / "file"), "--db", str(root)])
    assert used.exit_code == 2 and "not a folder" in used.output
    (root / "claims" / "more.yaml").write_text("claims: [ {id: broken")
    bad = runner.invoke(app, ["report", "--out", str(tmp_path / "site"), "--db", str(root)])
    assert bad.exit_code == 3, bad.output
    assert not (tmp_path / "site").exists()


# -- the bundled database ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled") / "site"
    write_report(REPO, out, cache_path=out.parent / "links.json")
    return out


def test_bundled_site_marks_every_claim_and_links_resolve(bundled_site: Path) -> None:
    from claimcheck.store.database import load_database

    database = load_database(REPO)
    for source in database.sources.values():
        html = (bundled_site / "sources" / f"{source.id}.html").read_text(encoding="utf-8")
        anchors = set(re.findall(r'<mark class="hl" id="claim-([^"]+)"', html))
        assert anchors == {c.id for c in database.claims if c.source == source.id}
    assert broken_internal_links(bundled_site) == []


def test_render_pages_is_pure(make_db: DbFactory, tmp_path: Path) -> None:
    data = gather(small_database(make_db), cache_path=tmp_path / "links.json")
    assert render_pages(data) == render_pages(data)


# -- in a real browser ---------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "headless Chromium is not installed (apt-get install chromium chromium-driver; "
            ".ci/run does it)"
        )
    # selenium is in the test extra: its absence is an error, not a reason to skip
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="claimcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--window-size=1400,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # the driver path is given, so Selenium Manager never looks for (or downloads) one
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (from the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def leaving(urls: list[str], site: Path) -> list[str]:
    """The requests that leave the site's folder: to the network, or to other files. (The
    browser's own pages, chrome:// and its new tab page, are no request of ours.)"""
    inside = site.as_uri() + "/"
    network = ("http:", "https:", "ws:", "wss:", "ftp:")
    return [
        u
        for u in urls
        if u.startswith(network) or (u.startswith("file:") and not u.startswith(inside))
    ]


def visit(driver: Any, site: Path, page: str) -> None:
    path, _, fragment = page.partition("#")
    driver.get((site / path).as_uri() + (f"#{fragment}" if fragment else ""))


def wait_for(condition: Any, seconds: float = 3.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def test_browser_small_site(browser: Any, small_site: Path) -> None:
    from selenium.webdriver.common.by import By

    requested(browser)
    # the search box finds claims as one types, and each result links to its highlight
    visit(browser, small_site, "index.html")
    browser.find_element(By.ID, "q").send_keys("wing loong")
    results = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#results li a"))
    assert [r.text for r in results] == [
        "In 2018 Serbia ordered nine Wing Loong drones from China."
    ]
    assert results[0].get_attribute("href").endswith("sources/drones-article.html#claim-t-001")
    results[0].click()
    mark = browser.find_element(By.ID, "claim-t-001")
    assert mark.tag_name == "mark" and mark.is_displayed()
    assert mark.text == "In 2018 Serbia ordered nine Wing Loong drones from China."
    note = browser.find_element(By.ID, "note-t-001")
    assert "active" in note.get_attribute("class") and "wing-loong" in note.text
    assert "9 drone" in note.text and "2018" in note.text

    # the hostile claim shows as text and runs nothing
    visit(browser, small_site, "sources/eight-drones.html")
    evil = browser.find_element(By.ID, "claim-o-002")
    evil.click()
    assert "<script>window.pwned = 1</script>" in evil.text
    assert EVIL in browser.find_element(By.ID, "note-o-002").text
    assert browser.execute_script("return window.pwned === undefined")
    visit(browser, small_site, "index.html")
    browser.find_element(By.ID, "q").send_keys("pwned")
    assert wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#results li"))
    assert browser.execute_script("return window.pwned === undefined")

    # a conflict's sides side by side, each quote linking to its words
    visit(browser, small_site, "conflicts.html")
    sides = browser.find_elements(By.CSS_SELECTOR, ".conflict .side")
    assert len(sides) == 2 and all(s.is_displayed() for s in sides)
    assert sides[0].location["y"] == sides[1].location["y"]
    assert sides[0].location["x"] < sides[1].location["x"]
    assert "six" in sides[0].text.lower() or "six" in sides[1].text.lower()
    assert any("eight CH-92A" in s.text for s in sides)
    sides[1].find_element(By.CSS_SELECTOR, "blockquote a").click()
    target = browser.execute_script("return location.hash.slice(1)")
    assert browser.find_element(By.ID, target).is_displayed()

    visit(browser, small_site, "links.html")
    assert "unchecked" in browser.find_element(By.CSS_SELECTOR, "table.links").text

    outside = leaving(requested(browser), small_site)
    assert outside == []
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_browser_bundled_site(browser: Any, bundled_site: Path) -> None:
    from selenium.webdriver.common.by import By

    requested(browser)
    visit(browser, bundled_site, "index.html")
    assert "603" in browser.find_element(By.CSS_SELECTOR, ".cards").text
    browser.find_element(By.ID, "q").send_keys("CH-92A June")
    results = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#results li a"))
    assert any(
        r.text == "Six CH-92A drones were delivered to Serbia in June 2020." for r in results
    )

    visit(browser, bundled_site, "sources/dragon-lands.html#claim-dragon-126")
    mark = browser.find_element(By.ID, "claim-dragon-126")
    assert mark.is_displayed() and "Six CH-92A drones" in mark.text
    assert browser.find_element(By.ID, "note-dragon-126").is_displayed()
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.hl[id]")
    assert len(marks) == 187
    colour = mark.value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")

    visit(browser, bundled_site, "conflicts.html")
    conflicts = browser.find_elements(By.CSS_SELECTOR, ".conflict")
    assert len(conflicts) == 7
    for conflict in conflicts:
        sides = conflict.find_elements(By.CSS_SELECTOR, ".side")
        assert len(sides) >= 2 and all(s.is_displayed() for s in sides)
        assert len({s.location["y"] for s in sides[:2]}) == 1  # next to each other

    visit(browser, bundled_site, "links.html")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.links tbody tr")) == 81

    outside = leaving(requested(browser), bundled_site)
    assert outside == []
