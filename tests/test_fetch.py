"""Add by URL (etl/fetch.py, `python -m etl fetch`): every link against a site served on 127.0.0.1 by the test
(tests/fetch_site.py) — reports saved with their manifest rows, each way a link can fail reported with its
reason while the others are added, nothing added twice, robots.txt and the per-host pause obeyed."""

from __future__ import annotations

import gzip
import shutil
import socket
import threading
import time
from dataclasses import replace

import duckdb
import pytest

from etl.__main__ import main
from etl.fetch import (
    FetchSession,
    FetchSettings,
    HostPacer,
    KnownSources,
    Page,
    check_url,
    fetch_into_folder,
    fetch_pages,
    links_in,
    normalize_url,
    page_file_name,
)
from etl.manifest import MANIFEST_NAME, ManifestError, add_manifest_rows, manifest_field, read_manifest
from etl.sources_folder import NewSource, add_sources, undo_addition
from tests.conftest import BUNDLED_SOURCES
from tests.fetch_site import REPORTS, SLOW_SECONDS, Answer, redirect, report_page, serve_site

# Short limits, so that the slow page times out in half a second and the huge one passes the cap at once.
FAST = FetchSettings(
    connect_seconds=2.0,
    read_seconds=0.5,
    total_seconds=10.0,
    max_bytes=100_000,
    host_delay=0.01,
    allow_private=True,
)
ASTANA, DUSHANBE, CHOLPON_ATA = REPORTS


@pytest.fixture
def site():
    with serve_site() as served:
        served.routes["/big.pdf"] = Answer(
            body=b"%PDF-1.4\n" + bytes(300_000), headers=(("Content-Type", "application/pdf"),)
        )
        yield served


@pytest.fixture
def folder(tmp_path):
    """A sources folder with a manifest in the bundled corpus's shape (its own columns, a «note» among them)."""
    directory = tmp_path / "sources"
    directory.mkdir()
    shutil.copy(BUNDLED_SOURCES / MANIFEST_NAME, directory / MANIFEST_NAME)
    for row in read_manifest(directory).rows:
        shutil.copy(BUNDLED_SOURCES / row, directory / row)
    return directory


def reasons(report) -> dict[str, str]:
    return {failure.url.rsplit("/", 1)[-1]: failure.reason for failure in report.failures}


# ---- three reports in, three files and manifest rows out ----


def test_three_reports_are_saved_with_their_metadata(site, folder):
    report = fetch_into_folder([site.url(r.path) for r in REPORTS], folder, FAST)
    assert not report.failures and len(report.added) == 3
    manifest = read_manifest(folder, {p.name for p in folder.iterdir()})
    assert not manifest.warnings  # written the way the reader takes it, the bundled rows untouched
    assert manifest.get("001_5b3a33e981358050.txt")["publisher"] == "Kapital.kz"
    for (path, _page, _row), source in zip(report.added, REPORTS, strict=True):
        assert path.parent == folder and path.read_bytes() == report_page(source)
        assert manifest.get(path.name) == {
            "file": path.name,
            "url": site.url(source.path),
            "title": source.title,
            "publisher": "Степной вестник",
            "published": source.published,
            "language": source.language,
        }
    assert [p.name for p, _, _ in report.added] == [
        "127.0.0.1-ru-astana-2024.html",
        "127.0.0.1-en-dushanbe-2023.html",
        "127.0.0.1-ru-cholpon-ata-2022.html",
    ]


def test_a_redirect_is_followed_and_the_page_kept_under_its_final_address(site, folder):
    report = fetch_into_folder([site.url("/go/dushanbe")], folder, FAST)
    ((path, page, row),) = report.added
    assert page.url == site.url("/go/dushanbe") and row["url"] == site.url(DUSHANBE.path)
    assert read_manifest(folder).get(path.name)["url"] == site.url(DUSHANBE.path)


def test_pdf_gzip_and_a_koi8_page_are_read(site, folder):
    report = fetch_into_folder(
        [site.url("/report.pdf"), site.url("/gzip.html"), site.url("/koi8.html")], folder, FAST
    )
    # the gzip page and the KOI8-R one hold the same article: the second is a duplicate of the first by its text
    assert [p.format for _, p, _ in report.added] == ["pdf", "html"]
    assert reasons(report) == {"koi8.html": "duplicate"}
    pdf_path, html_path = (path for path, _, _ in report.added)
    assert pdf_path.suffix == ".pdf" and pdf_path.read_bytes().startswith(b"%PDF")
    assert html_path.read_bytes() == report_page(CHOLPON_ATA)  # saved decompressed


def test_a_koi8_page_is_saved_as_utf8(site, folder):
    report = fetch_into_folder([site.url("/koi8.html")], folder, FAST)
    ((path, _, row),) = report.added
    assert CHOLPON_ATA.title in path.read_text(encoding="utf-8") and row["title"] == CHOLPON_ATA.title


# ---- what goes wrong: reported with its reason, the other links still added ----


@pytest.mark.parametrize(
    ("path", "reason", "words"),
    [
        ("/missing.html", "http_error", "HTTP 404"),
        ("/slow.html", "timeout", "time limit"),
        ("/huge.html", "too_large", "reading stopped"),
        ("/big.pdf", "too_large", "not downloaded"),
        ("/photo.png", "not_html_or_pdf", "image/png"),
        ("/private/draft.html", "robots_disallowed", "robots.txt"),
        ("/loop", "too_many_redirects", "redirects"),
        ("/menu.html", "no_article", "no article"),
    ],
)
def test_a_bad_link_is_reported_and_the_others_added(site, folder, path, reason, words):
    started = time.monotonic()
    report = fetch_into_folder([site.url(path), site.url(ASTANA.path)], folder, FAST)
    (failure,) = report.failures
    assert (failure.url, failure.reason) == (site.url(path), reason) and words in failure.detail
    assert [p.url for _, p, _ in report.added] == [site.url(ASTANA.path)]
    assert time.monotonic() - started < SLOW_SECONDS  # the slow page was given up on, not waited for


def test_the_huge_page_is_not_read_past_the_cap(site):
    [failure] = fetch_pages([site.url("/huge.html")], KnownSources(), replace(FAST, max_bytes=20_000))
    assert failure.reason == "too_large" and "20,000" in failure.detail


def test_links_that_are_no_web_address_or_lead_nowhere(site, folder, monkeypatch):
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):  # no name server is asked: the test must not reach the network
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    links = [
        "ftp://example.org/file.html",
        "not a link",
        "http://user:secret@127.0.0.1/x",
        "http://no-such-host.invalid/a",
        site.url("/closed-port").replace(site.base.rsplit(":", 1)[1], "1"),
    ]
    report = fetch_into_folder(links, folder, FAST)
    assert [f.reason for f in report.failures] == ["bad_url", "bad_url", "bad_url", "dns", "connection"]
    assert not report.added


def test_addresses_inside_the_network_are_refused_unless_allowed(site, folder):
    report = fetch_into_folder([site.url(ASTANA.path)], folder, replace(FAST, allow_private=False))
    assert [f.reason for f in report.failures] == ["private_address"] and not site.requests


# ---- nothing twice ----


def test_nothing_is_added_twice(site, folder):
    links = [
        site.url(ASTANA.path),
        site.url(ASTANA.path) + "#top",  # the same address
        site.url("/print/astana-2024.html"),  # the same article in other markup
        site.url(DUSHANBE.path),
        site.url("/go/dushanbe"),
    ]  # a link that leads to a page just taken
    first = fetch_into_folder(links, folder, FAST)
    assert [p.url for _, p, _ in first.added] == [site.url(ASTANA.path), site.url(DUSHANBE.path)]
    assert [f.reason for f in first.failures] == ["duplicate"] * 3 and not first.rejected
    assert "127.0.0.1-ru-astana-2024.html" in first.failures[1].detail
    site.requests.clear()
    again = fetch_into_folder([site.url(ASTANA.path), site.url(DUSHANBE.path)], folder, FAST)
    assert not again.added and [f.reason for f in again.failures] == ["duplicate", "duplicate"]
    assert not site.requests  # known from the manifest: not even fetched
    assert len(read_manifest(folder).rows) == 5 + 2


def test_the_same_bytes_or_text_already_in_the_tracker_are_not_added(site, folder):
    (folder / "saved-by-hand.html").write_bytes(report_page(ASTANA))
    warehouse_texts = {"Четвертая Консультативная": "cholpon.txt"}

    def lookup(text):  # stands for the warehouse: which source already has this text
        return next((name for start, name in warehouse_texts.items() if start in text), None)

    report = fetch_into_folder(
        [site.url(ASTANA.path), site.url(CHOLPON_ATA.path)], folder, FAST, text_lookup=lookup
    )
    assert not report.added
    assert [f.detail for f in report.failures] == [
        "already in the tracker as saved-by-hand.html; not added twice",
        "already in the tracker as cholpon.txt; not added twice",
    ]


# ---- politeness ----


def test_robots_txt_is_read_once_per_site_and_the_user_agent_named(site):
    session = FetchSession(FAST)
    results = fetch_pages([site.url(r.path) for r in REPORTS], KnownSources(), session=session)
    assert all(isinstance(r, Page) for r in results)
    assert site.paths_requested() == ["/robots.txt"] + [r.path for r in REPORTS]
    assert {agent for _, _, agent in site.requests} == {
        FAST.user_agent
    } and "SummitTracker" in FAST.user_agent


def test_requests_to_one_site_wait_their_turn(site):
    fetch_pages([site.url(r.path) for r in REPORTS], KnownSources(), replace(FAST, host_delay=0.15))
    times = [t for t, _, _ in site.requests]
    assert len(times) == 4 and all(
        later - earlier >= 0.14 for earlier, later in zip(times, times[1:], strict=False)
    )


def test_a_pacer_lets_one_request_at_a_time_through():
    pacer, spans = HostPacer(), []

    def request():
        with pacer.turn("http://a:80", 0.05):
            start = time.monotonic()
            time.sleep(0.02)
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=request) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    spans.sort()
    assert all(nxt[0] - prev[1] >= 0.045 for prev, nxt in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        (Answer(404, b""), True),  # no robots.txt: everything allowed
        (Answer(403, b""), True),  # RFC 9309: a 4xx is no robots.txt, 401 and 403 included
        (Answer(503, b""), False),  # a server error: stay away for now
        (
            Answer(
                body=b"User-agent: CentralAsiaSummitTracker\nDisallow: /ru/\n",
                headers=(("Content-Type", "text/plain"),),
            ),
            False,
        ),  # rules naming this robot
        (redirect("/rules.txt"), False),  # followed to its new place
    ],
)
def test_what_robots_txt_says(site, robots, allowed):
    site.routes["/robots.txt"] = robots
    site.routes["/rules.txt"] = Answer(
        body=b"User-agent: *\nDisallow: /\n", headers=(("Content-Type", "text/plain"),)
    )
    [result] = fetch_pages([site.url(ASTANA.path)], KnownSources(), FAST)
    assert isinstance(result, Page) is allowed
    if not allowed:
        assert result.reason == "robots_disallowed"


def test_a_crawl_delay_is_waited_and_a_long_robots_txt_read_up_to_its_limit(site):
    rules = b"User-agent: *\nCrawl-delay: 1\n" + b"# " + b"x" * 600_000 + b"\nDisallow: /ru/\n"
    site.routes["/robots.txt"] = Answer(body=rules, headers=(("Content-Type", "text/plain"),))
    [result] = fetch_pages([site.url(ASTANA.path)], KnownSources(), FAST)
    assert isinstance(result, Page)  # the rule past 512 KiB is not read
    robots, page = (at for at, _, _ in site.requests)
    assert page - robots >= 0.95  # the delay the site asks for, not FAST's


def test_addresses_in_other_letters_are_fetched(site):
    site.routes["/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/astana.html"] = Answer(body=report_page(ASTANA))
    [page] = fetch_pages([site.url("/новости/astana.html")], KnownSources(), FAST)
    assert page.final_url == site.url("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/astana.html")
    assert page.file_name.startswith("127.0.0.1-astana-")


@pytest.mark.parametrize(
    ("url", "uri"),
    [
        (
            "https://президент.рф/новости",
            "https://xn--d1abbgf6aiiy.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
        ),
        ("  http://Example.org:8080/a b?q=ä#top ", "http://example.org:8080/a%20b?q=%C3%A4"),
        ("http://example.org/%D0%B0", "http://example.org/%D0%B0"),  # encoded once, not twice
    ],
)
def test_addresses_are_sent_as_uris(url, uri):
    assert check_url(url) == uri


def test_a_compressed_page_past_the_cap_is_refused(site):
    site.routes["/bomb.html"] = Answer(
        body=gzip.compress(b"<html>" + b" " * 5_000_000),
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
    )
    [failure] = fetch_pages([site.url("/bomb.html")], KnownSources(), FAST)
    assert failure.reason == "too_large" and "decompressed" in failure.detail


# ---- the manifest, written as it is read ----


def test_manifest_rows_are_read_back_as_written(tmp_path):
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "b.pdf").write_text("x")
    rows = [
        {
            "file": "a.html",
            "url": "https://example.org/a?b=1",
            "title": "Заголовок\tс табуляцией\nи строкой\u2028ещё",
            "publisher": "Site",
            "published": "2024-08-09",
            "language": "RU",
        },
        {
            "file": "b.pdf",
            "url": "javascript:alert(1)",
            "title": "x" * 5000,
            "published": "9 августа",
            "language": "uz",
        },
    ]
    add_manifest_rows(tmp_path, rows)
    manifest = read_manifest(tmp_path, {"a.html", "b.pdf"})
    assert not manifest.warnings
    assert manifest.get("a.html") == {
        "file": "a.html",
        "url": "https://example.org/a?b=1",
        "publisher": "Site",
        "title": "Заголовок с табуляцией и строкой ещё",
        "published": "2024-08-09",
        "language": "ru",
    }
    assert manifest.get("b.pdf") == {"file": "b.pdf", "title": "x" * 2000}


def test_a_manifest_is_put_back_when_the_addition_is_undone(folder):
    before = (folder / MANIFEST_NAME).read_bytes()
    addition = add_sources(folder, [NewSource("a.html", b"<html>a</html>", {"url": "https://example.org/a"})])
    assert read_manifest(folder).get("a.html")["url"] == "https://example.org/a"
    undo_addition(addition)
    assert (folder / MANIFEST_NAME).read_bytes() == before and not (folder / "a.html").exists()


def test_a_name_the_manifest_already_describes_is_not_reused(tmp_path):
    add_manifest_rows(tmp_path, [{"file": "page.html", "title": "a file since removed"}])
    addition = add_sources(tmp_path, [NewSource("page.html", b"<html></html>", {"title": "new"})])
    assert [p.name for p in addition.paths] == ["page-2.html"] and read_manifest(tmp_path).get("page-2.html")[
        "title"
    ] == "new"


def test_an_unreadable_manifest_is_not_overwritten(tmp_path):
    (tmp_path / MANIFEST_NAME).write_bytes("file\ttitle\nx.txt\tЗаголовок\n".encode("cp1251"))
    with pytest.raises(ManifestError):
        add_sources(tmp_path, [NewSource("a.html", b"<html></html>", {"title": "t"})])
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_NAME]  # the saved file removed again


@pytest.mark.parametrize(
    ("column", "value", "written"),
    [
        ("title", "a\tb\r\nc", "a b c"),
        ("published", "2024-13-01", ""),
        ("url", "file:///etc/passwd", ""),
        ("language", "KK", "kk"),
        ("publisher", None, ""),
    ],
)
def test_manifest_fields(column, value, written):
    assert manifest_field(column, value) == written


# ---- addresses and names ----


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.akorda.kz/ru/news/2024-08?id=5", "akorda.kz-ru-news-2024-08-id-5.html"),
        ("https://example.org/", "example.org.html"),
        ("https://example.org/Новости/встреча.php", "example.org-3c081de2.html"),
        ("https://example.org/.hidden", "example.org-hidden.html"),
        ("https://example.org/a/../../etc/passwd", "example.org-a-etc-passwd.html"),
    ],
)
def test_page_file_names_are_safe(url, name):
    assert page_file_name(url, "html") == name


def test_addresses_are_compared_without_case_default_port_or_fragment():
    assert normalize_url("HTTPS://Example.org:443/a#top") == normalize_url("https://example.org/a")
    assert normalize_url("http://example.org") == "http://example.org/"
    assert normalize_url("https://example.org/a?x=1") != normalize_url("https://example.org/a?x=2")


def test_a_list_file_skips_blanks_and_comments():
    assert links_in("# reports\nhttps://a.org/1\n\n  https://a.org/2  \n# done\n") == [
        "https://a.org/1",
        "https://a.org/2",
    ]


# ---- the command ----


def test_the_command_adds_reports_and_reports_bad_links(site, folder, tmp_path, capsys):
    links = tmp_path / "links.txt"
    links.write_text(
        f"# two reports and a broken link\n{site.url(ASTANA.path)}\n{site.url('/missing.html')}\n"
    )
    code = main(
        [
            "fetch",
            site.url(DUSHANBE.path),
            "--list",
            str(links),
            "--sources",
            str(folder),
            "--db",
            str(tmp_path / "none.duckdb"),
            "--allow-private",
            "--delay",
            "0.01",
            "--timeout",
            "2",
        ]
    )
    err = capsys.readouterr().err
    assert code == 3 and "HTTP 404" in err and "python -m etl build" in err
    assert len(read_manifest(folder).rows) == 5 + 2
    code = main(
        [
            "fetch",
            site.url(DUSHANBE.path),
            "--sources",
            str(folder),
            "--allow-private",
            "--delay",
            "0.01",
            "--db",
            str(tmp_path / "none.duckdb"),
        ]
    )
    assert code == 0 and "already in the tracker" in capsys.readouterr().err  # a duplicate is no failure


def test_the_command_can_build_afterwards(site, tmp_path):
    folder, db = tmp_path / "sources", tmp_path / "w.duckdb"
    folder.mkdir()
    code = main(
        [
            "fetch",
            *(site.url(r.path) for r in REPORTS),
            "--sources",
            str(folder),
            "--db",
            str(db),
            "--allow-private",
            "--delay",
            "0.01",
            "--build",
        ]
    )
    assert code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT url, summit_id, title, published_on::VARCHAR, language FROM sources ORDER BY url"
        ).fetchall()
    assert rows == sorted((site.url(r.path), r.meeting, r.title, r.published, r.language) for r in REPORTS)


def test_the_command_refuses_bad_arguments(tmp_path):
    assert (
        main(["fetch", "https://example.org/", "--sources", str(tmp_path / "missing")]) == 2
    )  # no such folder
    assert main(["fetch", "--sources", str(tmp_path)]) == 2  # no links
    assert main(["fetch", "--list", str(tmp_path / "missing.txt"), "--sources", str(tmp_path)]) == 2
    assert main(["fetch", "https://example.org/", "--sources", str(tmp_path), "--max-mb", "500"]) == 2
    assert not list(tmp_path.iterdir())  # nothing fetched, nothing written
