"""The link checker against a real HTTP server on 127.0.0.1, and httpx.MockTransport units."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.links.cache import LinkCache, parse_age
from claimcheck.links.check import Settings, Status, check_urls
from claimcheck.links.extract import LinkRef
from claimcheck.links.report import Options, run

FAST = Settings(timeout=1.0, retries=1, backoff=0.05, allow_private=True)


class Server:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self.answer(head=True)

            def do_GET(self) -> None:
                self.answer(head=False)

            def send(
                self, code: int, headers: dict[str, str] | None = None, body: bytes = b"ok"
            ) -> None:
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def answer(self, head: bool) -> None:
                path = self.path.split("?")[0]
                with outer.lock:
                    outer.hits[path] += 1
                    count = outer.hits[path]
                if path == "/ok":
                    self.send(200)
                elif path == "/moved":
                    self.send(301, {"Location": "/moved-again"})
                elif path == "/moved-again":
                    self.send(308, {"Location": "/ok"})
                elif path == "/found":
                    self.send(302, {"Location": "/ok"})
                elif path in ("/404", "/410"):
                    self.send(int(path[1:]))
                elif path == "/flaky":
                    self.send(500 if count == 1 else 200)
                elif path == "/limited":
                    self.send(429, {"Retry-After": "1"}) if count == 1 else self.send(200)
                elif path == "/nohead":
                    self.send(405) if head else self.send(200)
                elif path == "/forbidden":
                    self.send(403)
                elif path == "/slow":
                    time.sleep(3)
                    self.send(200)
                elif path == "/endless":
                    if head:
                        self.send(405)
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    try:
                        for _ in range(100_000):  # about 100 MB if anyone read it all
                            self.wfile.write(b"x" * 1024)
                    except OSError:
                        pass
                elif path == "/loop":
                    self.send(302, {"Location": "/loop-back"})
                elif path == "/loop-back":
                    self.send(302, {"Location": "/loop"})
                elif path == "/to-private":
                    self.send(302, {"Location": "http://10.1.2.3/secret"})
                elif path == "/wayback":
                    snapshot = {"archived_snapshots": {"closest": {"available": True,
                                "url": "http://web.archive.org/web/2020/http://gone.example/"}}}  # fmt: skip
                    self.send(
                        200, {"Content-Type": "application/json"}, json.dumps(snapshot).encode()
                    )
                else:
                    self.send(404)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def check(
    server: Server, path: str, settings: Settings = FAST
) -> tuple[Status, int | None, str | None]:
    results, _ = check_urls([server.url(path)], settings)
    r = results[server.url(path)]
    return r.status, r.http_status, r.final_url


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/ok", Status.OK, 200),
        ("/moved", Status.REDIRECTED, 200),  # 301 then 308: update the citation
        ("/found", Status.OK, 200),  # a temporary redirect is fine
        ("/404", Status.BROKEN, 404),
        ("/410", Status.BROKEN, 410),
        ("/flaky", Status.OK, 200),  # 500, then 200 on the retry
        ("/limited", Status.OK, 200),  # 429 with Retry-After, then 200
        ("/nohead", Status.OK, 200),  # 405 to HEAD, 200 to GET
        ("/endless", Status.OK, 200),  # the body is never read to its end
        ("/slow", Status.TIMEOUT, None),
        ("/loop", Status.ERROR, 302),
    ],
)
def test_statuses_against_a_real_server(
    server: Server, path: str, status: Status, code: int | None
) -> None:
    got_status, got_code, _ = check(server, path)
    assert (got_status, got_code) == (status, code)


def test_a_permanent_redirect_reports_the_final_url(server: Server) -> None:
    assert check(server, "/moved")[2] == server.url("/ok")


def test_retry_after_is_honoured(server: Server) -> None:
    started = time.monotonic()
    assert check(server, "/limited")[0] is Status.OK
    assert time.monotonic() - started >= 0.9
    assert server.hits["/limited"] == 2


def test_accepted_codes_are_ok(server: Server) -> None:
    settings = Settings(timeout=1.0, retries=0, allow_private=True, accept=frozenset({200, 403}))
    assert check(server, "/forbidden", settings)[0] is Status.OK


def test_the_guard_refuses_loopback_and_sends_nothing(server: Server) -> None:
    settings = Settings(timeout=1.0, retries=0)  # guard on
    status, _, _ = check(server, "/ok", settings)
    assert status is Status.EXCLUDED
    assert sum(server.hits.values()) == 0


def test_a_redirect_into_a_private_network_is_refused(server: Server) -> None:
    # The first hop is allowed here only because the test server lives on loopback; the
    # guard is then asked about the redirect target, which resolves to a private address.
    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "127.0.0.1" else ["10.1.2.3"]

    results, _ = check_urls(
        [server.url("/to-private")], Settings(timeout=1.0, retries=0), resolver=resolver
    )
    result = results[server.url("/to-private")]
    assert result.status is Status.EXCLUDED
    assert "non-public" in (result.detail or "")


def test_mock_transport_head_then_get_and_user_agent() -> None:
    seen: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.headers["user-agent"]))
        return httpx.Response(405 if request.method == "HEAD" else 200)

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    results, _ = check_urls(
        ["https://example.org/a"],
        Settings(retries=0),
        transport=httpx.MockTransport(handler),
        resolver=public,
    )
    assert results["https://example.org/a"].status is Status.OK
    assert [m for m, _ in seen] == ["HEAD", "GET"]
    assert seen[0][1].startswith("claimcheck/")


def test_per_host_limit_is_never_exceeded(server: Server) -> None:
    urls = [server.url(f"/ok?n={i}") for i in range(30)]
    settings = Settings(timeout=2.0, retries=0, allow_private=True, max_per_host=3)
    _, checker = check_urls(urls, settings)
    assert max(checker.most_in_flight.values()) <= 3


def test_cache_answers_ok_links_and_rechecks_the_rest(server: Server, tmp_path: Path) -> None:
    refs = [LinkRef(server.url(p), server.url(p)) for p in ("/ok", "/404")]
    options = Options(check=FAST)
    cache = tmp_path / "links.json"
    first = run(refs, options, cache_path=cache)
    second = run(refs, options, cache_path=cache)
    assert [r.cached for _, r in second.links if r] == [True, False]
    assert server.hits["/ok"] == 1 and server.hits["/404"] >= 2
    assert [r.status for _, r in first.links if r] == [r.status for _, r in second.links if r]
    cache.write_text("{ not json")  # a corrupt cache is ignored, never fatal
    assert run(refs, options, cache_path=cache).links[0][1] is not None


def test_cached_codes_are_judged_against_todays_accept_set(tmp_path: Path) -> None:
    from claimcheck.links.check import LinkResult

    cache = LinkCache(tmp_path / "c.json", max_age=parse_age("1d"))
    cache.put(LinkResult("https://ex.org/x", Status.BROKEN, 403))
    cache.save()
    again = LinkCache(tmp_path / "c.json", max_age=86400)
    assert again.get("https://ex.org/x", frozenset(range(200, 300))) is None
    hit = again.get("https://ex.org/x", frozenset({200, 403}))
    assert hit is not None and hit.status is Status.OK and hit.cached
    assert (
        LinkCache(tmp_path / "c.json", max_age=0).get("https://ex.org/x", frozenset({403})) is None
    )


def test_candidates_and_archive_suggestions(server: Server, tmp_path: Path) -> None:
    ref = LinkRef(server.url("/gone"), server.url("/gone"), candidates=[server.url("/ok")])
    options = Options(check=FAST, suggest_archive=True, archive_api=server.url("/wayback"))
    [(_, result)] = run([ref], options, cache_path=None).links
    assert result is not None and result.status is Status.BROKEN
    assert result.extra["likely_intended"] == server.url("/ok")
    assert result.extra["archive"].startswith("http://web.archive.org/")


def test_cli_formats_and_exit_codes(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(f"Good: <{server.url('/ok')}>\nGone: [x]({server.url('/404')})\n")
    runner = CliRunner()
    base = ["links", str(page), "--allow-private", "--timeout", "1", "--retries", "0", "--no-cache"]
    result = runner.invoke(app, [*base, "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"broken": 1, "ok": 1}
    gone = next(link for link in data["links"] if link["status"] == "broken")
    assert gone["http_status"] == 404 and gone["locations"] == [
        {"file": "page.md", "line": 2, "column": 11}
    ]
    github = runner.invoke(app, [*base, "--format", "github"]).stdout
    assert (
        f"::error file=page.md,line=2,col=11,title=link broken::broken: {server.url('/404')}"
        in github
    )
    junit = ElementTree.fromstring(runner.invoke(app, [*base, "--format", "junit"]).stdout)
    assert junit.get("failures") == "1" and junit.get("tests") == "2"
    assert "| broken |" in runner.invoke(app, [*base, "--format", "markdown"]).stdout
    assert runner.invoke(app, [*base, "--fail-on", "timeout"]).exit_code == 0
    offline = runner.invoke(app, ["links", str(page), "--offline", "--format", "json"])
    assert offline.exit_code == 0 and sum(server.hits.values()) > 0


def test_configuration_file_and_bad_configuration(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(f"<{server.url('/forbidden')}>\n")
    (tmp_path / "claimcheck.toml").write_text(
        "[links]\naccept = [403]\nallow_private = true\nretries = 0\n"
    )
    runner = CliRunner()
    assert runner.invoke(app, ["links", str(page), "--no-cache"]).exit_code == 0
    (tmp_path / "claimcheck.toml").write_text("[links]\nretires = 3\n")
    bad = runner.invoke(app, ["links", str(page), "--no-cache"])
    assert bad.exit_code == 3 and "retires" in bad.stderr


def test_offline_lists_the_bundled_corpus_without_network() -> None:
    from tests.conftest import REPO

    result = CliRunner().invoke(app, ["links", "--offline", "--format", "json", "--db", str(REPO)])
    assert result.exit_code == 0
    links = json.loads(result.stdout)["links"]
    assert len(links) >= 70
    assert all(link["status"] == "unchecked" for link in links)
    wrapped = [link for link in links if any("wrapped" in r for r in link["repairs"])]
    assert len(wrapped) >= 15


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("::ffff:93.184.216.34", True),  # IPv4-mapped
        ("64:ff9b::5db8:d822", True),  # NAT64
        ("2002:5db8:d822::1", True),  # 6to4
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.1.2.3", False),
        ("64:ff9b::7f00:1", False),
        ("64:ff9b::a01:203", False),
        ("2002:7f00:1::", False),
        ("2002:a01:203::1", False),
        ("::127.0.0.1", False),  # IPv4-compatible
        ("::a01:203", False),
    ],
)
def test_ipv6_forms_are_judged_by_the_ipv4_address_they_carry(address: str, public: bool) -> None:
    from claimcheck.links.check import _public

    assert _public(address) is public


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1"])
def test_the_guard_refuses_a_name_that_resolves_to_embedded_loopback(
    server: Server, address: str
) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return [address]

    url = server.url("/ok").replace("127.0.0.1", "localhost")
    results, _ = check_urls([url], Settings(timeout=1.0, retries=0), resolver=resolver)
    assert results[url].status is Status.EXCLUDED
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize("allow_private", [False, True])
def test_the_connection_goes_to_the_address_the_guard_checked(
    server: Server, monkeypatch: pytest.MonkeyPatch, allow_private: bool
) -> None:
    """DNS rebinding: the name is public when the guard asks and loopback afterwards."""
    import socket

    answers: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        answers.append(host)
        return ["93.184.216.34"] if len(answers) == 1 else ["127.0.0.1"]

    tried: list[object] = []
    connect = socket.socket.connect

    def refuse_public(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address[0] == "93.184.216.34":
            tried.append(address[0])
            raise ConnectionRefusedError("the test's stand-in for a public server")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", refuse_public)
    url = server.url("/ok").replace("127.0.0.1", "localhost")
    settings = Settings(timeout=1.0, retries=0, allow_private=allow_private)
    results, _ = check_urls([url], settings, resolver=rebinding)
    if allow_private:
        assert results[url].status is Status.OK and server.hits["/ok"] == 1
    else:
        assert sum(server.hits.values()) == 0
        assert results[url].status is Status.ERROR and tried == ["93.184.216.34"]


def test_the_guard_and_the_patterns_come_before_the_cache(server: Server, tmp_path: Path) -> None:
    refs = [LinkRef(server.url(p), server.url(p)) for p in ("/ok", "/found")]
    cache = tmp_path / "links.json"
    first = run(refs, Options(check=FAST), cache_path=cache)
    assert [r.status for _, r in first.links if r] == [Status.OK, Status.OK]
    guarded = run(refs, Options(check=Settings(timeout=1.0, retries=0)), cache_path=cache)
    assert [(r.status, r.cached) for _, r in guarded.links if r] == [(Status.EXCLUDED, False)] * 2
    excluded = Settings(timeout=1.0, retries=0, allow_private=True, exclude=("/ok$",))
    [(_, ok), (_, found)] = run(refs, Options(check=excluded), cache_path=cache).links
    assert ok is not None and (ok.status, ok.cached) == (Status.EXCLUDED, False)
    assert found is not None and (found.status, found.cached) == (Status.OK, True)
    assert sum(server.hits.values()) == 3  # /ok, /found and its redirect to /ok, once


def test_waiting_for_a_slot_does_not_count_against_the_timeout() -> None:
    """A retry that queues behind other requests to the same host still gets its attempt."""
    import asyncio

    seen: Counter[str] = Counter()

    async def handler(request: httpx.Request) -> httpx.Response:
        seen[request.url.path] += 1
        if request.url.path == "/flaky":
            return httpx.Response(500 if seen["/flaky"] == 1 else 200)
        await asyncio.sleep(0.3)
        return httpx.Response(200)

    urls = ["https://example.org/flaky"] + [f"https://example.org/slow{i}" for i in range(8)]
    settings = Settings(timeout=1.0, retries=1, backoff=0.01, max_per_host=1, allow_private=True)
    results, _ = check_urls(urls, settings, transport=httpx.MockTransport(handler))
    assert results["https://example.org/flaky"].status is Status.OK  # 8 x 0.3 s in the queue
    assert all(r.status is Status.OK for r in results.values())


def _self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    """A certificate for `name` that is its own authority, and its key, as PEM files."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_a_pinned_connection_still_verifies_tls_by_host_name(tmp_path: Path) -> None:
    """The connection goes to the checked address, but the Host header, SNI and certificate
    verification go by the URL's host name, never by the address."""
    import asyncio
    import ssl

    pytest.importorskip("cryptography")
    from claimcheck.links.transport import PinnedBackend, PinnedTransport

    cert, key = _self_signed(tmp_path, "links.example")
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    names: list[str | None] = []

    def remember_server_name(sock: object, name: str | None, context: object) -> None:
        names.append(name)

    server_tls.sni_callback = remember_server_name  # type: ignore[assignment]
    hosts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = server_tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    client_tls = ssl.create_default_context(cafile=str(cert))

    async def get(host: str) -> int:
        backend = PinnedBackend({host: ["127.0.0.1"]})
        async with httpx.AsyncClient(transport=PinnedTransport(client_tls, 1, backend)) as client:
            return (await client.get(f"https://{host}:{port}/")).status_code

    try:
        assert asyncio.run(get("links.example")) == 200
        assert names == ["links.example"] and hosts == [f"links.example:{port}"]
        # same address, a name the certificate is not for: verification fails
        with pytest.raises(httpx.ConnectError, match=r"CERTIFICATE_VERIFY_FAILED|match"):
            asyncio.run(get("other.example"))
        assert hosts == [f"links.example:{port}"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_timeout_says_its_budget_as_a_person_would(server: Server) -> None:
    settings = Settings(timeout=0.123456, retries=0, allow_private=True)
    results, _ = check_urls([server.url("/slow")], settings)
    detail = results[server.url("/slow")].detail or ""
    assert re.fullmatch(r"no answer within 0\.1\d{0,2} s", detail), detail  # not 0.123456
