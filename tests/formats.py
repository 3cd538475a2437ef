"""Test helpers that turn a plain text into the formats users bring: a saved web page with navigation
and scripts around the article, a PDF with running headers, page numbers and wrapped lines, a DOCX with
real numbered and bulleted lists."""

from __future__ import annotations

import html
import re
from pathlib import Path

LIST_ITEM = re.compile(r"^\s*(?:(\d{1,3})[.)]|[-•*])\s+(.*)$")
FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]


def cyrillic_font() -> Path | None:
    return next((p for p in FONT_CANDIDATES if p.exists()), None)


def blocks(text: str) -> list[str]:
    """Paragraphs (blank-line separated), markdown marks removed, each list item its own block."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(LIST_ITEM.match(line) for line in lines):
            out += lines
        else:
            out.append(re.sub(r"^#+\s*|\*\*", "", " ".join(lines)).replace("\\*", "*"))
    return out


def to_html(text: str, title: str, published: str | None = None) -> bytes:
    body = []
    items: list[str] = []
    for block in blocks(text):
        if m := LIST_ITEM.match(block):
            items.append(f"<li>{html.escape(m.group(2))}</li>")
            continue
        if items:
            body.append("<ol>" + "".join(items) + "</ol>")
            items = []
        body.append(f"<p>{html.escape(block)}</p>")
    if items:
        body.append("<ol>" + "".join(items) + "</ol>")
    date_meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{date_meta}<script>var tracking = "ignore me";</script></head>
<body><nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/about">О нас</a></nav>
<header><div class="banner">Подписывайтесь на наш канал</div></header>
<article><h1>{html.escape(title)}</h1>{"".join(body)}</article>
<aside><h3>Читайте также</h3><ul><li><a href="/1">Другая новость дня</a></li><li><a href="/2">Курс валют</a></li></ul></aside>
<footer>© 2024 Новостное агентство. Все права защищены.</footer></body></html>"""
    return page.encode("utf-8")


def to_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for block in blocks(text):
        if m := LIST_ITEM.match(block):
            document.add_paragraph(m.group(2), style="List Number" if m.group(1) else "List Bullet")
        else:
            document.add_paragraph(block)
    document.save(str(path))


def to_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    font = cyrillic_font()

    class Report(FPDF):
        def header(self):
            self.set_font("body", size=8)
            self.cell(0, 6, "Пресс-служба · Информационное сообщение", align="C")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("body", size=8)
            self.cell(0, 6, str(self.page_no()), align="C")

    pdf = Report(format="A4")
    pdf.add_font("body", fname=str(font))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("body", size=10)
    for block in blocks(text):
        pdf.multi_cell(0, 5, block)
        pdf.ln(2)
    pdf.output(str(path))
