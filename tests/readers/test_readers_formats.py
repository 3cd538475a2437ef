"""HTML, PDF and DOCX readers: what they keep, what they drop, and a clear reason for bad files."""

import pytest

from etl.readers import RejectedFile, read_document
from etl.readers.pdf import repair_pages
from tests.formats import cyrillic_font, to_docx, to_html, to_pdf

TEXT = (
    "Встреча лидеров прошла в Душанбе.\n\nПо итогам встречи подписаны следующие документы:\n\n"
    "1. Концепция сотрудничества;\n2. Дорожная карта на 2026-2028 годы.\n"
)


def test_html_keeps_the_article_and_reads_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(to_html(TEXT, "Итоги встречи", published="2023-09-15"))
    doc = read_document(path)
    assert "Концепция сотрудничества" in doc.text and "Дорожная карта" in doc.text
    assert (
        "tracking" not in doc.text and "Курс валют" not in doc.text and "Все права защищены" not in doc.text
    )
    assert (doc.title, str(doc.published_on), doc.format) == ("Итоги встречи", "2023-09-15", "html")


def test_html_without_article_is_rejected(tmp_path):
    path = tmp_path / "nav.html"
    path.write_bytes(
        b"<html><head><script>x()</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(RejectedFile) as error:
        read_document(path)
    assert error.value.reason == "no_article"


def test_docx_lists_keep_their_numbers_in_order(tmp_path):
    path = tmp_path / "doc.docx"
    to_docx(TEXT, path)
    doc = read_document(path)
    lines = [line for line in doc.text.splitlines() if line.strip()]
    assert lines[-2:] == ["1. Концепция сотрудничества;", "2. Дорожная карта на 2026-2028 годы."]


def test_corrupt_docx_is_rejected(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    with pytest.raises(RejectedFile) as error:
        read_document(path)
    assert error.value.reason == "corrupt"


needs_font = pytest.mark.skipif(
    cyrillic_font() is None, reason="no Cyrillic TrueType font to write test PDFs"
)


@needs_font
def test_pdf_drops_running_headers_and_page_numbers(tmp_path):
    path = tmp_path / "doc.pdf"
    paragraphs = [f"Абзац {n}: стороны обсудили сотрудничество в сфере номер {n * 7}." for n in range(1, 151)]
    to_pdf("\n\n".join(paragraphs), path)  # several pages
    doc = read_document(path)
    assert "Пресс-служба · Информационное сообщение" not in doc.text
    assert not any(line.strip().isdigit() for line in doc.text.splitlines())
    assert all(p in doc.text for p in paragraphs)


@needs_font
def test_pdf_without_text_layer_is_rejected(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page, as a scan would be
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(RejectedFile) as error:
        read_document(path)
    assert error.value.reason == "no_text" and "OCR" in str(error.value)


def test_corrupt_pdf_is_rejected(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 200)
    with pytest.raises(RejectedFile) as error:
        read_document(path)
    assert error.value.reason in ("corrupt", "no_text")


def test_hyphenation_and_repeated_headers_repaired():
    pages = [
        "Агентство новостей\nГлавы государств подписали Дорожную кар-\nту сотрудничества.\n1",
        "Агентство новостей\nСтороны отметили рост взаимной торгов-\nли в регионе.\n2",
    ]
    assert repair_pages(pages) == (
        "Главы государств подписали Дорожную карту сотрудничества.\n"
        "Стороны отметили рост взаимной торговли в регионе."
    )
