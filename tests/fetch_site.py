"""A small news site served on 127.0.0.1 (a port of its own) for the add-by-URL tests: three reports written for
these tests — not taken from any real text — and pages that go wrong in each way a real site can. Nothing
here reaches the network."""

from __future__ import annotations

import functools
import gzip
import html
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ---- the reports (meeting, language, publication date, title, text) ----

ASTANA_RU = "\n\n".join(
    (
        "Шестая Консультативная встреча глав государств Центральной Азии открылась в Астане 9 августа 2024 года.",
        "Во встрече приняли участие Президент Кыргызстана Садыр Жапаров, Президент Таджикистана Эмомали Рахмон и "
        "Президент Узбекистана Шавкат Мирзиёев. Председательствовал Президент Казахстана Касым-Жомарт Токаев.",
        "Участники обсудили прокладку новых дорог, обмен студентами и охрану горных ледников. Лидеры условились, что "
        "товарооборот между странами региона должен вырасти до 15 миллиардов долларов.",
    )
)

DUSHANBE_EN = "\n\n".join(
    (
        "Dushanbe welcomed the Fifth Consultative Meeting of the Heads of State of Central Asia on 14 September 2023.",
        "President of Kazakhstan Kassym-Jomart Tokayev, President of Kyrgyzstan Sadyr Japarov and President of "
        "Turkmenistan Serdar Berdimuhamedov took part in the meeting, chaired by President of Tajikistan Emomali Rahmon.",
        "The talks dwelt on water sharing, rail corridors and joint tourism routes across the mountains. The leaders "
        "agreed to lift mutual trade to 10 billion US dollars.",
    )
)

CHOLPON_ATA_RU = "\n\n".join(
    (
        "Четвертая Консультативная встреча глав государств Центральной Азии прошла в Чолпон-Ате 21 июля 2022 года.",
        "В ней участвовали Президент Казахстана Касым-Жомарт Токаев, Президент Таджикистана Эмомали Рахмон и "
        "Президент Туркменистана Сердар Бердымухамедов.",
        "Гости осмотрели новый культурный центр на берегу озера и обсудили летний фестиваль ремесел.",
    )
)

DRAFT_RU = """Черновик заметки о будущей встрече лидеров, который редакция еще не выпустила в свет.

Здесь будет рассказ о планах, маршрутах и переговорах, когда их подтвердят организаторы."""


@dataclass(frozen=True)
class Report:
    path: str
    title: str
    text: str
    language: str
    published: str  # YYYY-MM-DD
    meeting: int | None = None


REPORTS = (
    Report("/ru/astana-2024.html", "Лидеры региона собрались в Астане", ASTANA_RU, "ru", "2024-08-09", 6),
    Report(
        "/en/dushanbe-2023.html",
        "Five leaders gather by the Varzob river",
        DUSHANBE_EN,
        "en",
        "2023-09-15",
        5,
    ),
    Report(
        "/ru/cholpon-ata-2022.html", "Встреча на берегу Иссык-Куля", CHOLPON_ATA_RU, "ru", "2022-07-21", 4
    ),
)
SITE_NAME = "Степной вестник"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
SLOW_SECONDS = 3.0  # the slow page answers after this; the tests give up far sooner


def article_page(
    title: str, text: str, language: str = "ru", published: str | None = None, layout: str = ""
) -> bytes:
    """A news page as sites make them: navigation, scripts and a footer around the article, its metadata in
    og: and article: tags. `layout` changes the markup, not the article."""
    paragraphs = "".join(
        f"<p>{html.escape(block.strip())}</p>" for block in text.split("\n\n") if block.strip()
    )
    date_meta = (
        f'<meta property="article:published_time" content="{published}T10:30:00+05:00">' if published else ""
    )
    page = f"""<!doctype html><html lang="{language}"><head><meta charset="utf-8">
<title>{html.escape(title)} | {SITE_NAME}</title>
<meta property="og:title" content="{html.escape(title)}"><meta property="og:site_name" content="{SITE_NAME}">{date_meta}
<script>window.counter = "{layout}";</script></head>
<body class="{layout}"><nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/about">О редакции</a></nav>
<article><h1>{html.escape(title)}</h1>{paragraphs}</article>
<aside><h3>Читайте также</h3><ul><li><a href="/1">Погода на выходные</a></li></ul></aside>
<footer>© {SITE_NAME}. Перепечатка с разрешения редакции.</footer></body></html>"""
    return page.encode("utf-8")


def report_page(report: Report, layout: str = "") -> bytes:
    return article_page(report.title, report.text, report.language, report.published, layout)


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    from tests.formats import cyrillic_font

    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=str(cyrillic_font()))
    pdf.add_page()
    pdf.set_font("body", size=11)
    for block in text.split("\n\n"):
        pdf.multi_cell(0, 6, block.strip())
        pdf.ln(2)
    return bytes(pdf.output())


# ---- the server ----


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    wait: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (without it, the end of the connection ends the body)


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Answer | Callable[[], Answer]] = field(default_factory=dict)
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, path, user agent)

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [path for _, path, _ in self.requests]


def html_answer(body: bytes) -> Answer:
    return Answer(body=body)


def redirect(location: str, status: int = 301) -> Answer:
    return Answer(status, b"", (("Location", location),))


def default_routes() -> dict[str, Answer]:
    return dict(_default_routes())


@functools.cache  # the PDF takes half a second to make
def _default_routes() -> dict[str, Answer]:
    routes: dict[str, Answer] = {report.path: html_answer(report_page(report)) for report in REPORTS}
    astana = REPORTS[0]
    routes.update(
        {
            "/robots.txt": Answer(body=ROBOTS.encode(), headers=(("Content-Type", "text/plain"),)),
            "/private/draft.html": html_answer(article_page("Черновик", DRAFT_RU)),
            "/go/dushanbe": redirect("/en/dushanbe-2023.html"),
            "/loop": redirect("/loop", 302),
            "/slow.html": Answer(body=report_page(astana), wait=SLOW_SECONDS),
            "/huge.html": Answer(
                body=b"<html><body>"
                + b"<p>"
                + "Длинная страница. ".encode() * 20_000
                + b"</p></body></html>",
                length=False,
            ),
            "/photo.png": Answer(
                body=b"\x89PNG\r\n\x1a\n" + bytes(200), headers=(("Content-Type", "image/png"),)
            ),
            "/menu.html": html_answer(
                b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
            ),
            "/print/astana-2024.html": html_answer(
                report_page(astana, layout="print")
            ),  # the same article, new markup
            "/ru/astana-2024.html?utm_source=feed": html_answer(report_page(astana, layout="feed")),
            "/gzip.html": Answer(
                body=gzip.compress(report_page(REPORTS[2])),
                headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")),
            ),
            "/koi8.html": Answer(
                body=article_page(REPORTS[2].title, REPORTS[2].text)
                .replace(b'charset="utf-8"', b"")
                .decode("utf-8")
                .encode("koi8-r"),
                headers=(("Content-Type", "text/html; charset=koi8-r"),),
            ),
            "/report.pdf": Answer(
                body=pdf_bytes(CHOLPON_ATA_RU), headers=(("Content-Type", "application/pdf"),)
            ),
        }
    )
    return routes


class _Handler(BaseHTTPRequestHandler):
    site: Site  # set on the class made for each server

    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        self.site.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        answer = self.site.routes.get(self.path)
        if callable(answer):
            answer = answer()
        if answer is None:
            answer = Answer(404, b"<html><body>Not found</body></html>")
        time.sleep(answer.wait)
        try:
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            if answer.length:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            for start in range(0, len(answer.body), 16_384):
                self.wfile.write(answer.body[start : start + 16_384])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (past its size cap, or after its time limit)

    def log_message(self, format, *args) -> None:  # noqa: A002 — http.server's signature
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # the slow page's thread may still sleep when the test ends

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up is no error of the site's


@contextmanager
def serve_site(routes: dict[str, Answer | Callable[[], Answer]] | None = None) -> Iterator[Site]:
    """The site on 127.0.0.1 at a free port, for the block's duration."""
    site = Site(routes=default_routes() if routes is None else routes)
    handler = type("SiteHandler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
