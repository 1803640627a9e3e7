"""Connections for the checker: a host's connections in small pools, and a network backend
that connects only to the addresses the address guard checked.

Small pools, because httpcore's pool does work that grows with the square of its size on every
request and response (for each idle connection it counts all of them): one pool of 128
connections cost about 10 ms of CPU per request, enough to starve the event loop into false
timeouts. A host's connections are spread over pools of at most POOL_SIZE.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpcore
import httpx

POOL_SIZE = 8


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the addresses the guard checked for a host name, in order, and never asks
    DNS itself: an answer that changes after the check (DNS rebinding) is never used.

    Only the address changes. httpcore still sends the URL's host in the Host header and gives
    it to TLS as the server name, so SNI and certificate verification go by the host name."""

    def __init__(self, addresses: Mapping[str, Sequence[str]]):
        self._addresses = addresses  # host as httpcore sees it (IDNA, IPv6 without brackets)
        self._network = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = self._addresses.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked by the address guard")
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._network.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next checked address may answer
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("the link checker does not use Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, with its connection pool built on a PinnedBackend."""

    def __init__(self, ssl_context: ssl.SSLContext, size: int, backend: PinnedBackend):
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        # httpx does not take a network backend: the same pool is made again with ours.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=size,
            max_keepalive_connections=size,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class HostPools:
    """The clients of one host: up to `limit` connections, in pools of at most POOL_SIZE.

    A request takes the first pool with a free connection, so a host with few requests in
    flight uses one pool and its connections are reused; a new pool is made only when all are
    busy. The caller admits at most `limit` requests at once, so a pool always has room and no
    request waits inside httpx."""

    def __init__(self, make_client: Callable[[int], httpx.AsyncClient], limit: int):
        self._make_client = make_client
        self._sizes = [POOL_SIZE] * (limit // POOL_SIZE) + (
            [limit % POOL_SIZE] if limit % POOL_SIZE else []
        )
        self._clients: list[httpx.AsyncClient] = []
        self._busy: list[int] = []

    @asynccontextmanager
    async def client(self) -> AsyncIterator[httpx.AsyncClient]:
        index = next(
            (i for i, busy in enumerate(self._busy) if busy < self._sizes[i]), len(self._busy)
        )
        if index == len(self._clients):
            if index == len(self._sizes):  # more callers than the limit: share the last pool
                index -= 1
            else:
                self._clients.append(self._make_client(self._sizes[index]))
                self._busy.append(0)
        self._busy[index] += 1
        try:
            yield self._clients[index]
        finally:
            self._busy[index] -= 1

    async def aclose(self) -> None:
        for client in self._clients:
            await client.aclose()
