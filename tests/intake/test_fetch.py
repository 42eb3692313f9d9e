"""Link fetching: retries, limits, and a guard that keeps links out of the internal network.

Real servers on 127.0.0.1 stand in for the web; the guard's allow-list lets them through only
where a test says so, and the hit counts show which requests were actually sent."""

from __future__ import annotations

import ipaddress
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.errors import FetchError
from bot.intake.fetch import AddressGuard, Fetcher, FetchRefusedError

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)
Page = Callable[[BaseHTTPRequestHandler, int], None]


class Site:
    """A local web server whose paths are handler functions; counts the hits per path."""

    def __init__(self, pages: dict[str, Page]) -> None:
        self.hits: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                pages.get(self.path, not_found)(self, site.hits[self.path])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


def reply(
    status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str
) -> Page:
    def page(handler: BaseHTTPRequestHandler, hit: int) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return page


def not_found(handler: BaseHTTPRequestHandler, hit: int) -> None:
    reply(404, b"no")(handler, hit)


def flaky(handler: BaseHTTPRequestHandler, hit: int) -> None:
    reply(503 if hit < 3 else 200, b"<p>finally</p>")(handler, hit)


def endless(handler: BaseHTTPRequestHandler, hit: int) -> None:
    """A page without Content-Length that never stops (chunked)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 8000 + b"</p>"
    try:
        for _ in range(1000):
            handler.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    except OSError:
        pass


def slow(handler: BaseHTTPRequestHandler, hit: int) -> None:
    time.sleep(1.0)
    reply(200, b"<p>late</p>")(handler, hit)


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site(
        {
            "/story": reply(200, "<p>Zoë’s story</p>".encode()),
            "/latin1": reply(200, "<p>café</p>".encode("latin-1"), "text/html; charset=iso-8859-1"),
            "/moved": reply(301, Location="/story"),
            "/loop": reply(302, Location="/loop"),
            "/to-private": reply(302, Location="http://10.0.0.1/admin"),
            "/to-file": reply(302, Location="file:///etc/passwd"),
            "/gone": reply(410, b"gone"),
            "/broken": reply(500, b"oops"),
            "/flaky": flaky,
            "/pdf": reply(200, b"%PDF-1.7", "application/pdf"),
            "/huge": reply(200, b"x" * 20_000),
            "/endless": endless,
            "/slow": slow,
        }
    )
    yield site
    site.httpd.shutdown()
    site.httpd.server_close()


def fetcher(**kwargs: object) -> Fetcher:
    options: dict[str, object] = {"allow": LOOPBACK, "backoff": 0.01, "max_bytes": 10_000}
    options.update(kwargs)
    return Fetcher(**options)  # type: ignore[arg-type]


def test_a_page_is_fetched_with_its_charset(site: Site) -> None:
    page = fetcher().fetch(site.url("/story"))
    assert (page.media_type, page.charset, page.text()) == (
        "text/html",
        "utf-8",
        "<p>Zoë’s story</p>",
    )
    assert fetcher().fetch(site.url("/latin1")).text() == "<p>café</p>"


def test_redirects_are_followed_and_each_hop_checked(site: Site) -> None:
    assert fetcher().fetch(site.url("/moved")).url == site.url("/story")
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetcher().fetch(site.url("/loop"))
    assert site.hits["/loop"] == 6
    with pytest.raises(
        FetchRefusedError,
        match=re.escape("refused to fetch 10.0.0.1: it resolves to 10.0.0.1, a private"),
    ):
        fetcher().fetch(site.url("/to-private"))
    with pytest.raises(FetchRefusedError, match="only http and https links"):
        fetcher().fetch(site.url("/to-file"))


def test_loopback_is_refused_unless_allowed_and_gets_no_request(site: Site) -> None:
    guarded = Fetcher(backoff=0.01)
    for url in (site.url("/story"), site.url("/story").replace("127.0.0.1", "localhost")):
        with pytest.raises(FetchRefusedError, match="a loopback address"):
            guarded.fetch(url)
    assert site.hits == {}


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0:8080/",
        "http://100.100.100.200/",  # Alibaba Cloud's metadata, in shared address space
    ],
)
def test_internal_addresses_are_refused_before_connecting(url: str) -> None:
    fetcher = Fetcher(connect_timeout=5)  # its TLS context costs time on a loaded machine
    started = time.monotonic()
    with pytest.raises(FetchRefusedError, match="only fetches public web pages"):
        fetcher.fetch(url)
    # far below the connect timeout: no connection was even attempted
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("169.254.169.254", "a link-local address (cloud metadata lives there)"),
        ("fe80::1", "a link-local address (cloud metadata lives there)"),
        ("10.1.2.3", "a private network address"),
        ("172.16.0.1", "a private network address"),
        ("fd00:ec2::254", "a private network address"),
        ("100.64.0.1", "a non-public address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "a reserved address"),
        ("240.0.0.1", "a reserved address"),
        ("::ffff:10.0.0.1", "a private network address"),
        ("2002:a00:1::", "a private network address"),  # 6to4 wrapping 10.0.0.1
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_the_address_guard(address: str, reason: str | None) -> None:
    assert AddressGuard().refusal(ipaddress.ip_address(address)) == reason


def test_client_errors_are_not_retried_server_errors_are(site: Site) -> None:
    with pytest.raises(FetchError, match="answered 410 Gone: the page could not be read"):
        fetcher().fetch(site.url("/gone"))
    assert site.hits["/gone"] == 1
    with pytest.raises(FetchError, match="kept failing: HTTP 500"):
        fetcher().fetch(site.url("/broken"))
    assert site.hits["/broken"] == 3
    assert fetcher().fetch(site.url("/flaky")).text() == "<p>finally</p>"
    assert site.hits["/flaky"] == 3


def test_size_type_and_time_limits(site: Site) -> None:
    with pytest.raises(FetchError, match="points to application/pdf, not an article page"):
        fetcher().fetch(site.url("/pdf"))
    with pytest.raises(FetchError, match="larger than 10 kB, the limit"):
        fetcher().fetch(site.url("/huge"))
    with pytest.raises(FetchError, match="larger than 10 kB, the limit"):
        fetcher().fetch(site.url("/endless"))
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer in time"):
        fetcher(read_timeout=0.2, attempts=2).fetch(site.url("/slow"))
    assert time.monotonic() - started < 1.0
    assert site.hits["/slow"] == 2
