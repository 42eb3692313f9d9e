"""Fetch the article a Slack message links to, without letting a link reach inside the network.

A link in a channel is attacker-controlled input for a bot that runs next to other services, so
every connection goes through a guard that resolves the host and refuses loopback, private,
shared, link-local (cloud metadata at 169.254.169.254), multicast and reserved addresses (OWASP
SSRF prevention cheat sheet). The guard sits in httpcore's network backend: it checks the address
the socket is about to connect to, after DNS resolution, so a refused address gets no traffic and
a DNS answer cannot change between the check and the connection. Redirects are followed by hand,
each hop checked again; environment proxies are ignored (they would bypass the guard).
`COPYDESK_FETCH_ALLOW` lists addresses to accept anyway (tests use 127.0.0.1).

Transient failures (connection errors, timeouts, 5xx) are retried with tenacity; 4xx are not.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
import tenacity

from bot import __version__
from bot.errors import FetchError
from bot.intake.formats import PAGE_MEDIA_TYPES

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

USER_AGENT = f"Copydesk/{__version__} (newsroom copy checker)"


class FetchRefusedError(FetchError):
    """The link resolves to an address the bot must not reach (SSRF guard)."""


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the final URL after redirects, its body and its media type."""

    url: str
    content: bytes
    media_type: str
    charset: str | None

    def text(self) -> str | bytes:
        """The body decoded with the charset the server declared, or the bytes to sniff."""
        if self.charset:
            try:
                return self.content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                return self.content
        return self.content


class AddressGuard:
    """Decides which IP addresses a fetch may connect to."""

    def __init__(self, allow: Iterable[IPNetwork] = ()) -> None:
        self._allow = tuple(allow)

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` is refused, or None if it may be reached."""
        if any(address in network for network in self._allow):
            return None
        if isinstance(address, ipaddress.IPv6Address):
            mapped = address.ipv4_mapped or address.sixtofour
            if mapped is not None:
                return self.refusal(mapped)
        if address.is_loopback:
            return "a loopback address"
        if address.is_link_local:
            return "a link-local address (cloud metadata lives there)"
        if address.is_multicast:
            return "a multicast address"
        if address.is_unspecified or address.is_reserved:
            return "a reserved address"
        if address.is_private:
            return "a private network address"
        if not address.is_global:
            return "a non-public address"
        return None

    def resolve(self, host: str, port: int) -> list[str]:
        """Resolve `host` and return its addresses, refusing if any of them is not allowed
        (a name with one public and one private address could be made to use either)."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"could not find the server {host!r}: {exc}") from exc
        addresses: list[str] = []
        for info in infos:
            raw = str(info[4][0]).split("%", 1)[0]
            address = ipaddress.ip_address(raw)
            reason = self.refusal(address)
            if reason is not None:
                raise FetchRefusedError(
                    f"refused to fetch {host}: it resolves to {address}, {reason}; Copydesk "
                    "only fetches public web pages"
                )
            if raw not in addresses:
                addresses.append(raw)
        if not addresses:
            raise FetchError(f"could not find the server {host!r}")
        return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the guard allows."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._guard.resolve(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # resolve() returns at least one address
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `GuardedBackend` (TLS still verifies the host name: httpcore
    starts TLS with the URL's host, not the IP address it connected to)."""

    def __init__(self, guard: AddressGuard, *, limits: httpx.Limits | None = None) -> None:
        super().__init__(trust_env=False)
        limits = limits or httpx.Limits(max_connections=20, max_keepalive_connections=10)
        # httpx does not take a network backend; the pool it builds is replaced by the same
        # pool over the guarded backend (httpcore's documented extension point).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(guard),
        )


class _TransientError(Exception):
    """A 5xx answer: worth another try."""


class Fetcher:
    """Fetches article pages for the bot; one instance per process (it pools connections)."""

    def __init__(
        self,
        *,
        allow: Sequence[IPNetwork] = (),
        max_bytes: int = 5_000_000,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        total_timeout: float = 45.0,
        attempts: int = 3,
        backoff: float = 0.5,
        max_redirects: int = 5,
    ) -> None:
        self.guard = AddressGuard(allow)
        self.max_bytes = max_bytes
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects
        self._client = httpx.Client(
            transport=GuardedTransport(self.guard),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            },
        )
        self._retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type((httpx.TransportError, _TransientError)),
            stop=tenacity.stop_after_attempt(attempts),
            wait=tenacity.wait_exponential(multiplier=backoff, max=backoff * 8),
            reraise=True,
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Page:
        """Fetch `url`, following up to `max_redirects` redirects; raises `FetchError` with a
        message for the editor (refused, not found, too large, not an article page...)."""
        current = _checked_url(url)
        for _ in range(self.max_redirects + 1):
            try:
                outcome = self._retrying(self._get, current)
            except httpx.TimeoutException as exc:
                raise FetchError(f"{_host(current)} did not answer in time ({exc})") from exc
            except httpx.TransportError as exc:
                raise FetchError(f"could not connect to {_host(current)}: {exc}") from exc
            except _TransientError as exc:
                raise FetchError(f"{_host(current)} kept failing: {exc}") from exc
            if isinstance(outcome, Page):
                return outcome
            current = _checked_url(urljoin(current, outcome))
        raise FetchError(f"the link redirects more than {self.max_redirects} times")

    def _get(self, url: str) -> Page | str:
        """One request: the page, or the redirect target."""
        deadline = time.monotonic() + self.total_timeout
        with self._client.stream("GET", url) as response:
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                location = str(response.headers.get("location") or "")
                if not location:
                    raise FetchError(f"{_host(url)} answered a redirect without a target")
                return location
            if status >= 500:
                raise _TransientError(f"HTTP {status} {response.reason_phrase}")
            if status >= 400:
                raise FetchError(
                    f"{_host(url)} answered {status} {response.reason_phrase}: the page could "
                    "not be read (is it behind a login or a paywall?)"
                )
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            if media_type not in PAGE_MEDIA_TYPES:
                shown = media_type or "no content type"
                raise FetchError(
                    f"the link points to {shown}, not an article page; share the file itself "
                    "or paste the text instead"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(self._too_large())
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(self._too_large())
                if time.monotonic() > deadline:
                    raise FetchError(f"{_host(url)} took too long to send the page")
            return Page(str(response.url), bytes(body), media_type, charset)

    def _too_large(self) -> str:
        return f"the page is larger than {human_size(self.max_bytes)}, the limit"


def human_size(size: int) -> str:
    """ "20 MB", "1.5 MB", "10 kB": sizes as editors read them."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{size / 1000:.1f}".removesuffix(".0") + " kB"


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefusedError(f"refused to fetch {url!r}: only http and https links are fetched")
    if not parts.hostname:
        raise FetchError(f"{url!r} is not a link to a web page")
    return url


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    return media_type.strip().lower(), charset
