"""Check URLs with an async httpx client: bounded and polite, safe by default.

- a global and a per-host concurrency limit, connection reuse, connect/read/total timeouts;
- HEAD first, GET when a server refuses or mishandles HEAD, never reading more than a small cap
  of a body;
- redirects followed by hand (bounded), so every hop passes the address guard: hosts that
  resolve to loopback, private, link-local or other non-public addresses are refused unless
  the caller allows them, and then no request is sent at all; otherwise the connection goes
  to exactly the addresses the guard checked (links.transport), never to a second DNS answer;
- retries with exponential backoff and jitter on timeouts, connection errors, 5xx and 429;
  Retry-After is honoured, and a host that answers 429 is slowed down for every request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import random
import re
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from enum import StrEnum
from urllib.parse import urljoin, urlsplit

import httpx

from claimcheck import __version__
from claimcheck.links.transport import HostPools, PinnedBackend, PinnedTransport

USER_AGENT = f"claimcheck/{__version__} (+citation link checker)"
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
# Answers to HEAD that may mean "this server mishandles HEAD" (not 429 or 503: those mean "wait")
_HEAD_REFUSED = {400, 403, 404, 405, 406, 409, 418, 500, 501}


class Status(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"  # ok, but through a permanent redirect: update the citation
    BROKEN = "broken"  # 4xx or 5xx after retries
    TIMEOUT = "timeout"
    ERROR = "error"  # DNS, TLS, connection, too many redirects
    EXCLUDED = "excluded"  # by a pattern or by the address guard


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for one attempt, connect included
    total: float = 1.5  # all attempts at one URL together, in multiples of `timeout`
    max_concurrency: int = 64
    max_per_host: int = 4
    retries: int = 2
    backoff: float = 0.5  # first retry waits about this long, then twice as long, ...
    max_retry_after: float = 30.0  # longer Retry-After values are not waited for
    max_redirects: int = 5
    max_body: int = 64 * 1024  # bytes read of any body at the most
    # 403 and 429 are what bot protection and rate limits answer to tools that are not
    # browsers: the most common false alarms. They are reported as accepted, not hidden.
    accept: frozenset[int] = frozenset(range(200, 300)) | {403, 429}
    exclude: tuple[str, ...] = ()
    allow_private: bool = False
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        # links.config explains bad values to users; this stops a library caller's limit of 0
        # from making every request wait forever, or a timeout of 0 from sending none.
        if self.max_concurrency < 1 or self.max_per_host < 1:
            raise ValueError("max_concurrency and max_per_host must be at least 1")
        if not (0 < self.timeout < math.inf and 0 < self.total < math.inf):
            raise ValueError("timeout and total must be finite and more than 0")
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("retries and max_redirects must be at least 0")


@dataclass
class LinkResult:
    url: str
    status: Status
    http_status: int | None = None
    final_url: str | None = None
    detail: str | None = None
    elapsed_ms: float | None = None
    cached: bool = False
    requests: int = 0  # sent for this URL, retries and redirects included
    extra: dict[str, str] = field(default_factory=dict)  # archive snapshot, likely intended URL


def classify(code: int, accept: frozenset[int], permanent_redirect: bool) -> Status:
    """The status a final HTTP code earns under today's accept set (cached codes too)."""
    if code in accept:
        return Status.REDIRECTED if permanent_redirect else Status.OK
    return Status.BROKEN


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # in the system's order of preference: connections try the addresses in this order
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# A network's own NAT64 prefix (RFC 8215): where it puts the IPv4 address depends on a prefix
# length only that network knows, so it cannot be judged, and it is not public by definition.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # ::a.b.c.d, deprecated but still routed


def _public(address: str) -> bool:
    """Whether an address is on the public internet. IPv6 forms that carry an IPv4 address
    (IPv4-mapped, IPv4-compatible, 6to4, NAT64) reach that IPv4 address: they are judged by
    it, so 64:ff9b::7f00:1 is loopback and ::ffff:93.184.216.34 is public."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64:
            return False
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and (ip in _NAT64 or ip in _IPV4_COMPATIBLE):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
        if embedded is not None:
            ip = embedded
    return bool(ip.is_global) and not ip.is_multicast


class Checker:
    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
        on_done: Callable[[LinkResult], None] | None = None,
        cached: Callable[[str], LinkResult | None] | None = None,
    ):
        self.settings = settings
        self._transport = transport
        self._resolve = resolver or system_resolver
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        # A host that says 429 gets its requests spaced out, more with each 429, less with
        # each answer that is not one; the rate-limited URL itself waits for its Retry-After.
        self._interval: dict[str, float] = {}
        self._next_start: dict[str, float] = {}
        self._excluded = [re.compile(p) for p in settings.exclude]
        self._on_done = on_done
        self._cached = cached  # asked only after the patterns and the guard have let a URL pass
        # Each host name is resolved once; connections go to the addresses checked then.
        self._lookups: dict[str, asyncio.Task[list[str]]] = {}
        self._checked: dict[str, list[str]] = {}
        self._backend = PinnedBackend(self._checked)
        self.in_flight: dict[str, int] = {}
        self.most_in_flight: dict[str, int] = {}

    async def check_all(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        self._pools: dict[str, HostPools] = {}
        self._ssl: ssl.SSLContext | None = None
        try:
            results = await asyncio.gather(*(self.check(url) for url in dict.fromkeys(urls)))
        finally:
            for pools in self._pools.values():
                await pools.aclose()
        return {r.url: r for r in results}

    async def check(self, url: str) -> LinkResult:
        started = time.monotonic()
        result = await self._check(url)
        if not result.cached:
            result.elapsed_ms = round((time.monotonic() - started) * 1000, 1)
        if self._on_done is not None:
            self._on_done(result)
        return result

    async def _check(self, url: str) -> LinkResult:
        if any(p.search(url) for p in self._excluded):
            return LinkResult(url, Status.EXCLUDED, detail="excluded by a pattern")
        # The guard comes before the cache: a result cached by a run that allowed private
        # addresses must not answer for a URL this run refuses.
        refusal = await self._guard(url)
        if refusal is not None:
            return refusal
        hit = self._cached(url) if self._cached is not None else None
        if hit is not None:
            return hit
        current, permanent, requests = url, False, 0
        seen: set[str] = set()
        for hop in range(self.settings.max_redirects + 1):
            refusal = await self._guard(current) if hop else None
            if refusal is not None:
                refusal.url, refusal.requests = url, requests
                refusal.final_url = current
                return refusal
            outcome, sent = await self._fetch(current)
            requests += sent
            if isinstance(outcome, LinkResult):  # timeout or error, after retries
                outcome.url, outcome.requests = url, requests
                return outcome
            code, location = outcome.code, outcome.location
            if code in _REDIRECTS and location:
                seen.add(current)
                permanent = permanent or code in _PERMANENT
                current = urljoin(current, location)
                if current in seen:
                    return LinkResult(
                        url, Status.ERROR, code, current, "redirect loop", requests=requests
                    )
                continue
            status = classify(code, self.settings.accept, permanent)
            detail = None
            if code not in range(200, 300):
                accepted = (
                    " (accepted: often bot protection or a rate limit)"
                    if code in (403, 429)
                    else " (accepted)"
                )
                detail = f"HTTP {code}" + (accepted if status is not Status.BROKEN else "")
            final = current if current != url else None
            return LinkResult(url, status, code, final, detail, requests=requests)
        return LinkResult(url, Status.ERROR, None, current, "too many redirects", requests=requests)

    async def _guard(self, url: str) -> LinkResult | None:
        """Why this URL must not be requested, or None. Runs before any connection; the
        addresses it checks are the only ones the connection may then use."""
        host = _host(url)
        if host is None:
            return LinkResult(url, Status.ERROR, detail=f"not an http(s) URL: {url}")
        if self.settings.allow_private:
            return None
        try:
            addresses = await self._addresses(host, urlsplit(url).port or 443)
        except OSError as exc:
            return LinkResult(url, Status.ERROR, detail=f"DNS: cannot resolve {host}: {exc}")
        except ValueError:  # a port out of range
            return LinkResult(url, Status.ERROR, detail=f"not an http(s) URL: {url}")
        blocked = [a for a in addresses if not _public(a)]
        if blocked:
            detail = f"refused: {host} is a non-public address ({blocked[0]}); see --allow-private"
            return LinkResult(url, Status.EXCLUDED, detail=detail)
        if not addresses:
            return LinkResult(url, Status.ERROR, detail=f"DNS: no address for {host}")
        self._checked[host] = addresses
        return None

    async def _addresses(self, host: str, port: int) -> list[str]:
        """The host's addresses, asked once per run however many URLs it has; concurrent
        askers share one lookup."""
        if _is_ip(host):
            return [host]
        lookup = self._lookups.get(host)
        if lookup is None:
            lookup = asyncio.ensure_future(self._resolve(host, port))
            self._lookups[host] = lookup
        # shielded: one URL given up on must not cancel the lookup the others wait for
        return list(await asyncio.shield(lookup))

    async def _fetch(self, url: str) -> tuple[_Answer | LinkResult, int]:
        """One URL without following redirects: HEAD then GET, with retries and backoff.
        Returns the server's answer (or the failure) and how many requests were sent."""
        host = _host(url) or ""
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.max_per_host))
        requests = 0
        outcome: _Answer | LinkResult = LinkResult(url, Status.ERROR, detail="not attempted")
        # Only time spent in attempts counts against the total: waiting for a slot behind
        # other requests to the same host is the checker's doing, not the server's.
        spent = 0.0
        for attempt in range(self.settings.retries + 1):
            await self._pace(host)
            # The host's slot first: a request waiting for its host holds no global slot
            # that a request to another host could use.
            async with semaphore, self._global:
                budget = min(
                    self.settings.timeout, self.settings.total * self.settings.timeout - spent
                )
                if budget < 0.1:
                    break
                self.in_flight[host] = self.in_flight.get(host, 0) + 1
                self.most_in_flight[host] = max(
                    self.most_in_flight.get(host, 0), self.in_flight[host]
                )
                started = time.monotonic()
                try:
                    outcome, sent = await self._attempt(url, host, budget)
                finally:
                    self.in_flight[host] -= 1
                    spent += time.monotonic() - started
            requests += sent
            self._adapt(host, outcome)
            timed_out = isinstance(outcome, LinkResult) and outcome.status is Status.TIMEOUT
            # A server too slow to answer gets one more chance, not several: slow hosts are
            # what makes link checks in CI slow and flaky. It has waited already: no backoff.
            if not _worth_retrying(outcome) or attempt >= (
                1 if timed_out else self.settings.retries
            ):
                break
            delay = (
                0.0 if timed_out else self.settings.backoff * 2**attempt * (1 + random.random() / 2)
            )
            retry_after = outcome.retry_after if isinstance(outcome, _Answer) else None
            if retry_after is not None:
                if retry_after > self.settings.max_retry_after:
                    break
                delay = max(delay, retry_after)
            await asyncio.sleep(delay)
        return outcome, requests

    async def _pace(self, host: str) -> None:
        interval = self._interval.get(host, 0.0)
        if interval <= 0:
            return
        now = time.monotonic()
        start = max(now, self._next_start.get(host, now))
        self._next_start[host] = start + interval
        if start > now:
            await asyncio.sleep(start - now)

    def _adapt(self, host: str, outcome: _Answer | LinkResult) -> None:
        interval = self._interval.get(host, 0.0)
        if isinstance(outcome, _Answer) and outcome.code == 429:
            self._interval[host] = min(max(interval * 2, 0.1), 2.0)
        elif interval:
            self._interval[host] = interval / 2 if interval > 0.02 else 0.0

    def _tls(self) -> ssl.SSLContext:
        """One TLS context for all pools: loading the CA bundle costs 25 ms each time."""
        if self._ssl is None:
            import certifi

            self._ssl = ssl.create_default_context(cafile=certifi.where())
        return self._ssl

    def _host_pools(self, host: str) -> HostPools:
        pools = self._pools.get(host)
        if pools is None:
            pools = HostPools(self._new_client, self.settings.max_per_host)
            self._pools[host] = pools
        return pools

    def _new_client(self, size: int) -> httpx.AsyncClient:
        """A client whose pool holds `size` connections. With the guard on, connections go
        only to the addresses the guard checked; a proxy would resolve names again out of its
        reach, so proxy settings of the environment are then not used."""
        transport = self._transport
        if transport is None and not self.settings.allow_private:
            transport = PinnedTransport(self._tls(), size, self._backend)
        return httpx.AsyncClient(
            transport=transport,
            verify=self._tls(),
            limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
            timeout=httpx.Timeout(self.settings.timeout, connect=min(self.settings.timeout, 5.0)),
            follow_redirects=False,
            headers={"User-Agent": self.settings.user_agent},
        )

    async def _attempt(
        self, url: str, host: str, budget: float
    ) -> tuple[_Answer | LinkResult, int]:
        sent = 1
        try:
            async with self._host_pools(host).client() as client, asyncio.timeout(budget):
                response = await client.head(url)
                if response.status_code in _HEAD_REFUSED:
                    sent = 2
                    response = await self._get(client, url)
        except (TimeoutError, httpx.TimeoutException):
            detail = f"no answer within {budget:.3g} s"
            return LinkResult(url, Status.TIMEOUT, detail=detail), sent
        except httpx.HTTPError as exc:
            return LinkResult(
                url, Status.ERROR, detail=f"{type(exc).__name__}: {exc}".strip()
            ), sent
        retry_after = _retry_after(response) if response.status_code in (429, 503) else None
        return _Answer(response.status_code, response.headers.get("location"), retry_after), sent

    async def _get(self, client: httpx.AsyncClient, url: str) -> httpx.Response:
        """GET, reading at most max_body bytes: a body can be endless."""
        async with client.stream("GET", url) as response:
            read = 0
            async for chunk in response.aiter_bytes():
                read += len(chunk)
                if read >= self.settings.max_body:
                    break
            return response


def _host(url: str) -> str | None:
    """The host of an http(s) URL as httpx will connect to it (lower case, IDNA, an IPv6
    address without brackets), or None. The guard and the connection read the URL with the
    same parser, so they cannot disagree about which host it names."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return None
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        return None
    return parsed.raw_host.decode("ascii")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Answer:
    """What a server said to one request."""

    code: int
    location: str | None
    retry_after: float | None


def _worth_retrying(outcome: _Answer | LinkResult) -> bool:
    if isinstance(outcome, LinkResult):
        return outcome.status in (Status.TIMEOUT, Status.ERROR)
    return outcome.code == 429 or outcome.code >= 500


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def check_urls(
    urls: Iterable[str],
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
    on_done: Callable[[LinkResult], None] | None = None,
) -> tuple[dict[str, LinkResult], Checker]:
    """Check every URL once; return the results by URL, and the checker (for its counters)."""
    checker_box: list[Checker] = []

    async def run() -> dict[str, LinkResult]:
        checker = Checker(settings, transport=transport, resolver=resolver, on_done=on_done)
        checker_box.append(checker)
        return await checker.check_all(urls)

    results = asyncio.run(run())
    return results, checker_box[0]


async def closest_snapshot(
    url: str, api: str, transport: httpx.AsyncBaseTransport | None = None, timeout: float = 10.0
) -> str | None:
    """The Wayback Machine availability API's closest snapshot of `url`, if any."""
    async with httpx.AsyncClient(
        transport=transport, timeout=timeout, headers={"User-Agent": USER_AGENT}
    ) as client:
        try:
            response = await client.get(api, params={"url": url})
            closest = response.json().get("archived_snapshots", {}).get("closest") or {}
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
    return closest.get("url") if closest.get("available") else None
