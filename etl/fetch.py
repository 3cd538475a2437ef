"""Add by URL: fetch the web pages a user names, politely and within limits, for the sources folder.

One request at a time per host with a pause between requests (longer when robots.txt asks for it), robots.txt
obeyed, redirects followed a few hops, connect/read/total time limits, a size cap (reading stops past it), and
only HTML pages and PDFs kept. Each link comes back as a `Page` (the bytes the readers take, saved as they came)
or a `LinkFailure` with a reason a user can act on; one bad link never stops the others. A link already in the
tracker (its address in the manifest, its bytes in the folder, its article text in the warehouse) is a failure
of reason `duplicate`, never a second copy.

`fetch_into_folder` is the whole of `python -m etl fetch`; the Add documents page uses `fetch_pages` and
previews each page as it does an upload."""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from etl.document import Document
from etl.language import detect_language
from etl.manifest import LANGUAGES, MAX_FIELD_CHARS, read_manifest
from etl.pipeline import list_source_sizes
from etl.readers import MAX_FILE_BYTES, RejectedFile, read_document
from etl.sources_folder import NewSource, add_sources

USER_AGENT = "CentralAsiaSummitTracker/1.0 (fetches the links its user adds, one page at a time)"
ROBOTS_AGENT = "CentralAsiaSummitTracker"  # the product token robots.txt rules name
HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf", "application/x-pdf")
UNTYPED = ("", "application/octet-stream", "binary/octet-stream")  # look at the bytes to tell
REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: a crawler parses at least 500 KiB of it
MAX_CRAWL_DELAY = 10.0  # seconds; a robots.txt asking for more is asking a crawler, not one user's few links
CHUNK = 64 * 1024
URI_SAFE = "/?:@!$&'()*+,;=%~-._"  # kept as they are when an address is percent-encoded (and «%» itself: no double encoding)


@dataclass(frozen=True)
class FetchSettings:
    connect_seconds: float = 10.0
    read_seconds: float = 20.0  # the longest wait for the next bytes
    total_seconds: float = (
        60.0  # one page, redirects and robots.txt included: a server dripping bytes is cut off
    )
    max_bytes: int = MAX_FILE_BYTES  # an upload's limit
    max_redirects: int = 5
    host_delay: float = 1.0  # between two requests to one host
    # Addresses inside this machine or its network (127.0.0.1, 10.x, 169.254.169.254 …) are refused unless
    # allowed: the dashboard must not become a way to read what only its server can reach.
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    url: str  # as the user gave it
    final_url: str  # where the page was read, after redirects
    format: str  # html | pdf
    raw: bytes
    language: str | None = None  # ru, kk or en when the page declares it

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def file_name(self) -> str:
        return page_file_name(self.final_url, self.format)


@dataclass(frozen=True)
class LinkFailure:
    url: str
    reason: str  # a short code: timeout, http_error, robots_disallowed, too_large, duplicate, …
    detail: str


class FetchError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


# ---- addresses ----


def normalize_url(url: str) -> str:
    """The address as compared with the ones already in the tracker: scheme and host in lower case, no default
    port, no fragment, «/» for an empty path. «HTTPS://Example.org:443/a#top» → «https://example.org/a»"""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def check_url(url: str) -> str:
    """The address as HTTP sends it, or FetchError when it is no web address we fetch: a name in other letters
    in IDNA, other characters of the path percent-encoded. «https://президент.рф/новости» →
    «https://xn--d1abbgf6aiiy.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8»"""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise FetchError("bad_url", f"not a web address ({error})") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FetchError("bad_url", "not a web address (http:// or https://)")
    if parts.username or parts.password:
        raise FetchError("bad_url", "an address with a user name or password is not fetched")
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    uri = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=URI_SAFE),
            quote(parts.query, safe=URI_SAFE),
            "",
        )
    )
    if len(uri) > MAX_FIELD_CHARS:
        raise FetchError("bad_url", f"{len(uri):,} characters is longer than any page's address")
    return uri


def links_in(text: str) -> list[str]:
    """The links in a pasted text or a list file: one a line, blank lines and «#» comments skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def page_file_name(url: str, fmt: str) -> str:
    """A file name made of the address, in safe ASCII letters (no folder, no leading dot, no «..»).
    «https://www.akorda.kz/ru/news/2024-08?id=5» → «akorda.kz-ru-news-2024-08-id-5.html»"""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    path = re.sub(
        r"\.(?:s?html?|php|aspx?|jsp|pdf)$", "", unquote(parts.path).strip("/"), flags=re.IGNORECASE
    )
    words = "-".join(p for p in (host, path, unquote(parts.query)) if p)
    slug = re.sub(r"[-.]*-[-.]*", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", words)).strip("-.")[:100].rstrip("-.")
    if re.search(
        r"[^\x00-\x7f]", words
    ):  # «/новости/встреча»: the letters lost, a hash keeps two such pages apart
        slug += "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    return f"{slug or 'page'}.{fmt}"


def _public_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError("dns", f"the host name {host} could not be resolved ({error})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    allowed = [a for a in addresses if allow_private or _is_public(a)]
    if not allowed:
        raise FetchError(
            "private_address",
            f"{host} is an address inside this machine or its network ({', '.join(addresses)}); not fetched",
        )
    return allowed


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


# ---- politeness: one request at a time per host, a pause between them ----


class HostPacer:
    """Turns at each host: one request at a time, `delay` seconds after the previous one ended. One pacer is
    shared by every fetch in a process, so two dashboard sessions fetching from one site wait for each other."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str, delay: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, float("-inf")) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


PACER = HostPacer()


# ---- one HTTP exchange ----


@dataclass
class _Response:
    status: int
    reason: str
    headers: http.client.HTTPMessage
    body: bytes


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def _connection(url: str, settings: FetchSettings, deadline: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    host = parts.hostname or ""
    addresses = _public_addresses(host, port, settings.allow_private)
    timeout = min(settings.connect_seconds, max(deadline - time.monotonic(), 0.01))
    connection: http.client.HTTPConnection
    if https:
        connection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect_checked(
        address: tuple[str, int], timeout: float, source_address: tuple[str, int] | None = None
    ) -> socket.socket:
        # Connect to the addresses checked above, not to whatever a second lookup of the name gives (a name
        # that resolves to a public address once and to 127.0.0.1 the next time). TLS still checks the host name.
        last: OSError | None = None
        for ip in addresses:
            try:
                return socket.create_connection((ip, address[1]), timeout, source_address)
            except OSError as error:
                last = error
        raise last or OSError("no address to connect to")

    connection._create_connection = connect_checked  # type: ignore[attr-defined]  # http.client's hook
    return connection


def _request(
    url: str,
    settings: FetchSettings,
    deadline: float,
    max_bytes: int,
    accept: Callable | None = None,
    pacer: HostPacer = PACER,
    delay: float | None = None,
    truncate: bool = False,
) -> _Response:
    """GET `url` once (no redirect followed). The body of a 200 answer is read up to `max_bytes` (FetchError past
    it, or cut there with `truncate`); `accept(headers)` may refuse it before it is read. Other answers come back
    without their body."""
    connection = _connection(url, settings, deadline)
    parts = urlsplit(url)
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    with pacer.turn(_host_key(url), settings.host_delay if delay is None else delay):
        try:
            connection.connect()
            connection.sock.settimeout(min(settings.read_seconds, max(deadline - time.monotonic(), 0.01)))
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": settings.user_agent,
                    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                    "Accept-Language": "ru,kk;q=0.9,en;q=0.8",
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            body = b""
            if response.status == 200:
                if accept:
                    accept(response.headers)
                body = _read_capped(response, max_bytes, deadline, truncate)
            return _Response(response.status, response.reason, response.headers, body)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(
                "timeout",
                f"no answer within the time limit ({settings.read_seconds:g} s to wait for "
                f"data, {settings.total_seconds:g} s in all)",
            ) from None
        except ssl.SSLError as error:
            raise FetchError("tls", f"the secure connection failed ({error.reason or error})") from None
        except ConnectionRefusedError:
            raise FetchError("connection", f"{parts.hostname} refused the connection") from None
        except http.client.HTTPException as error:
            raise FetchError(
                "bad_response", f"not a valid HTTP answer ({error.__class__.__name__})"
            ) from None
        except OSError as error:
            raise FetchError("connection", f"the connection failed ({error.strerror or error})") from None
        finally:
            connection.close()


def _read_capped(
    response: http.client.HTTPResponse, max_bytes: int, deadline: float, truncate: bool = False
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes and not truncate:
        raise FetchError(
            "too_large",
            f"the page is {int(declared):,} bytes, over the {max_bytes:,}-byte limit; not downloaded",
        )
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            if truncate:
                break
            raise FetchError("too_large", f"more than {max_bytes:,} bytes; reading stopped there")
        if time.monotonic() > deadline:
            raise TimeoutError
    body = _decompressed(
        b"".join(chunks)[:max_bytes] if truncate else b"".join(chunks),
        response.headers.get("Content-Encoding", ""),
        max_bytes,
        truncate,
    )
    return body


def _decompressed(body: bytes, encoding: str, max_bytes: int, truncate: bool = False) -> bytes:
    """The body as the page is: a server may compress it though we asked it not to (never past the cap)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError("bad_response", f"the page came compressed as «{encoding}», which is not read")
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, told apart by zlib
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as error:
        raise FetchError("bad_response", f"the compressed page is broken ({error})") from None
    if len(out) > max_bytes and not truncate:
        raise FetchError(
            "too_large", f"more than {max_bytes:,} bytes once decompressed; reading stopped there"
        )
    return out[:max_bytes]


# ---- robots.txt ----


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed (no robots.txt)
    delay: float = 0.0
    refusal: str | None = None  # why the whole site is off limits


class FetchSession:
    """Fetches pages one after another, remembering each site's robots.txt."""

    def __init__(self, settings: FetchSettings | None = None, pacer: HostPacer = PACER):
        self.settings = settings or FetchSettings()
        self.pacer = pacer
        self._robots: dict[str, _Robots] = {}

    def fetch(self, url: str) -> Page:
        """The page at `url` (redirects followed), or FetchError."""
        settings = self.settings
        deadline = time.monotonic() + settings.total_seconds
        current = check_url(url)
        for _hop in range(settings.max_redirects + 1):
            robots = self._robots_for(current, deadline)
            self._check_allowed(robots, current)
            delay = max(settings.host_delay, robots.delay)
            response = _request(
                current,
                settings,
                deadline,
                settings.max_bytes,
                accept=_accept_type,
                pacer=self.pacer,
                delay=delay,
            )
            if response.status in REDIRECTS and response.headers.get("Location"):
                current = check_url(urljoin(current, response.headers["Location"]))
                continue
            if response.status != 200:
                raise FetchError("http_error", f"HTTP {response.status} {response.reason}".strip())
            return _page(url, current, response)
        raise FetchError(
            "too_many_redirects", f"more than {settings.max_redirects} redirects; stopped following them"
        )

    def _check_allowed(self, robots: _Robots, url: str) -> None:
        if robots.refusal:
            raise FetchError("robots_disallowed", robots.refusal)
        if robots.parser is not None and not robots.parser.can_fetch(self.settings.user_agent, url):
            raise FetchError(
                "robots_disallowed",
                f"the site's robots.txt does not allow {urlsplit(url).path or '/'} "
                f"to robots ({ROBOTS_AGENT} or all); not fetched",
            )

    def _robots_for(self, url: str, deadline: float) -> _Robots:
        key = _host_key(url)
        if key not in self._robots:
            self._robots[key] = self._read_robots(url, deadline)
        return self._robots[key]

    def _read_robots(self, url: str, deadline: float) -> _Robots:
        """The site's rules. As RFC 9309 says: none (4xx, 401 and 403 included) allows everything; a server
        error means the site is not to be crawled now."""
        parts = urlsplit(url)
        current = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        for _hop in range(5):  # the RFC's five redirects
            # a longer robots.txt is read up to the limit, as the RFC allows
            response = _request(
                current,
                self.settings,
                deadline,
                ROBOTS_MAX_BYTES,
                pacer=self.pacer,
                delay=self.settings.host_delay,
                truncate=True,
            )
            if response.status in REDIRECTS and response.headers.get("Location"):
                current = check_url(urljoin(current, response.headers["Location"]))
                continue
            break
        else:
            return _Robots(None)  # a redirect loop counts as no robots.txt
        if 400 <= response.status < 500:
            return _Robots(None)
        if response.status != 200:
            return _Robots(
                None,
                refusal=f"the site's robots.txt answers HTTP {response.status}: crawlers are to "
                "stay away for now; try later",
            )
        parser = RobotFileParser()
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.settings.user_agent) or 0
        return _Robots(parser, min(float(delay), MAX_CRAWL_DELAY))


def _media_type(headers: http.client.HTTPMessage) -> str:
    return headers.get_content_type() if headers.get("Content-Type") else ""


def _accept_type(headers: http.client.HTTPMessage) -> None:
    """Refuse, before reading its body, an answer that says it is neither an HTML page nor a PDF."""
    media = _media_type(headers)
    if media not in HTML_TYPES + PDF_TYPES + UNTYPED:
        raise FetchError(
            "not_html_or_pdf", f"the link gives {media}, not an HTML page or a PDF; not downloaded"
        )


def _page(url: str, final_url: str, response: _Response) -> Page:
    media, body = _media_type(response.headers), response.body
    if media in PDF_TYPES or (media in UNTYPED and body.startswith(b"%PDF-")):
        return Page(url, final_url, "pdf", body)
    if media in HTML_TYPES or (
        media in UNTYPED and re.match(rb"\s*(?:<!doctype html|<html)", body[:1024], re.I)
    ):
        raw = _as_utf8(body, response.headers.get_content_charset())
        return Page(url, final_url, "html", raw, _declared_language(raw, response.headers))
    raise FetchError(
        "not_html_or_pdf", f"the link gives {media or 'bytes of no declared type'}, not an HTML page or a PDF"
    )


def _as_utf8(raw: bytes, charset: str | None) -> bytes:
    """The page in UTF-8 when the server names another charset than the readers try (UTF-8, then cp1251):
    a KOI8-R page read as cp1251 would be nonsense."""
    if not charset or charset.lower().replace("_", "-") in (
        "utf-8",
        "utf8",
        "us-ascii",
        "ascii",
        "cp1251",
        "windows-1251",
    ):
        return raw
    try:
        return raw.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw  # a wrong label: the reader's own decoding decides


HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2})\b", re.IGNORECASE)


def _declared_language(raw: bytes, headers: http.client.HTTPMessage) -> str | None:
    """The language the page says it is in (`<html lang>`, else Content-Language), when it is one we read."""
    found = HTML_LANG.search(raw[:65536])
    code = found.group(1).decode().lower() if found else (headers.get("Content-Language") or "")[:2].lower()
    return code if code in LANGUAGES else None


# ---- what the tracker already holds ----


@dataclass
class KnownSources:
    """Links, bytes and article texts the tracker already has, each with the file it came in."""

    urls: dict[str, str] = field(default_factory=dict)  # normalised address → file
    hashes: dict[str, str] = field(default_factory=dict)  # sha256 of the bytes → file
    texts: dict[str, str] = field(default_factory=dict)  # sha256 of the article text → file (this run's)
    text_lookup: Callable[[str], str | None] | None = None  # the warehouse's file with this text, if any

    def url_owner(self, url: str) -> str | None:
        return self.urls.get(normalize_url(url))

    def bytes_owner(self, raw: bytes) -> str | None:
        return self.hashes.get(hashlib.sha256(raw).hexdigest())

    def text_owner(self, text: str) -> str | None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.texts.get(digest) or (self.text_lookup(text) if self.text_lookup else None)

    def remember(self, page: Page, file_name: str, text: str | None = None) -> None:
        """A page taken in this run: a second link to it is a duplicate too."""
        for url in (page.url, page.final_url):
            self.urls.setdefault(normalize_url(url), file_name)
        self.hashes.setdefault(page.sha256, file_name)
        if text is not None:
            self.texts.setdefault(hashlib.sha256(text.encode("utf-8")).hexdigest(), file_name)


def known_sources(directory: Path, text_lookup: Callable[[str], str | None] | None = None) -> KnownSources:
    """The addresses in the folder's manifest and the hashes of the files in it."""
    known = KnownSources(text_lookup=text_lookup)
    for name, row in read_manifest(directory).rows.items():
        if row.get("url"):
            known.urls.setdefault(normalize_url(row["url"]), name)
    for path, size in list_source_sizes(Path(directory)):
        if size <= MAX_FILE_BYTES and not path.is_symlink():
            try:
                known.hashes.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path.name)
            except OSError:
                continue  # gone since it was listed
    return known


def duplicate_link(url: str, owner: str) -> LinkFailure:
    return LinkFailure(url, "duplicate", f"already in the tracker as {owner}; not added twice")


# ---- many links ----


def fetch_pages(
    urls: Iterable[str],
    known: KnownSources,
    settings: FetchSettings | None = None,
    on_link: Callable[[str], None] | None = None,
    session: FetchSession | None = None,
) -> list[Page | LinkFailure]:
    """Each link's page, or why it is not taken (a duplicate of a link before it, or of a source the tracker has,
    included), in the order given."""
    session = session or FetchSession(settings)
    results: list[Page | LinkFailure] = []
    for url in urls:
        if on_link:
            on_link(url)
        results.append(_fetch_one(url, known, session))
    return results


def _fetch_one(url: str, known: KnownSources, session: FetchSession) -> Page | LinkFailure:
    try:
        if owner := known.url_owner(check_url(url)):
            return duplicate_link(url, owner)
        page = session.fetch(url)
    except FetchError as error:
        return LinkFailure(url, error.reason, str(error))
    except Exception as error:  # noqa: BLE001 — whatever a strange server makes the client raise, one link is lost
        return LinkFailure(
            url, "failed", f"could not be fetched ({error.__class__.__name__}: {str(error)[:200]})"
        )
    owner = known.url_owner(page.final_url) or known.bytes_owner(page.raw)
    if owner:
        return duplicate_link(url, owner)
    known.remember(page, page.file_name)
    return page


def page_metadata(page: Page) -> dict[str, str]:
    """What the manifest will say of the page before it is read: where it was read."""
    return {"url": page.final_url}


def manifest_row(page: Page, document: Document) -> dict[str, object]:
    """The page's manifest row: where it was read, and the title, publisher and publication date its metadata
    gives (trafilatura: og:/article:published_time/JSON-LD…, read by the HTML reader); the site's name when it
    names no publisher. The language only when the page declares one and the text is in it: a site's template
    often says «ru» on every language's pages, and the manifest's word overrides the reader's."""
    language = page.language if page.language and page.language == detect_language(document.text) else None
    return {
        "url": page.final_url,
        "title": document.title,
        "publisher": document.publisher or _site(page.final_url),
        "published": document.published_on,
        "language": language,
    }


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


# ---- the command: links in, files and manifest rows in the folder ----


@dataclass
class FetchReport:
    added: list[tuple[Path, Page, dict]] = field(default_factory=list)  # saved file, page, its manifest row
    failures: list[LinkFailure] = field(default_factory=list)

    @property
    def rejected(self) -> list[LinkFailure]:
        """The links that failed (a duplicate is no failure: what it links to is in the tracker)."""
        return [f for f in self.failures if f.reason != "duplicate"]


def read_page(page: Page) -> Document:
    """The page read as the build will read it (RejectedFile when it holds no article)."""
    return read_document(Path(page.file_name), page_metadata(page), raw=page.raw)


def fetch_into_folder(
    urls: Iterable[str],
    directory: Path,
    settings: FetchSettings | None = None,
    text_lookup: Callable[[str], str | None] | None = None,
    on_link: Callable[[str], None] | None = None,
) -> FetchReport:
    """Fetch every link, keep the pages that hold an article and are not in the tracker yet, and save them into
    `directory` with their manifest rows. Nothing is built: run the build afterwards."""
    directory = Path(directory)
    known = known_sources(directory, text_lookup)
    report = FetchReport()
    taken: list[tuple[Page, dict]] = []
    for result in fetch_pages(urls, known, settings, on_link):
        if isinstance(result, LinkFailure):
            report.failures.append(result)
            continue
        try:
            document = read_page(result)
        except RejectedFile as rejected:
            report.failures.append(LinkFailure(result.url, rejected.reason, str(rejected)))
            continue
        except Exception as error:  # noqa: BLE001 — whatever a hostile page makes a library raise, only it is lost
            report.failures.append(
                LinkFailure(result.url, "corrupt", f"could not be read ({error.__class__.__name__})")
            )
            continue
        if owner := known.text_owner(document.text):
            report.failures.append(duplicate_link(result.url, owner))
            continue
        known.remember(result, result.file_name, document.text)
        taken.append((result, manifest_row(result, document)))
    addition = add_sources(directory, [NewSource(page.file_name, page.raw, row) for page, row in taken])
    report.added = [(path, page, row) for path, (page, row) in zip(addition.paths, taken, strict=True)]
    return report
