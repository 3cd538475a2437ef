from pathlib import Path

import pytest

from etl.readers import RejectedFile, read_document

RU = "Консультативная встреча глав государств Центральной Азии прошла в Астане."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", RU.encode()))
    assert (doc.language, doc.encoding, doc.text) == ("ru", "utf-8", RU)


def test_cp1251_text_is_decoded_and_said(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", RU.encode("cp1251")))
    assert (doc.encoding, doc.text) == ("cp1251", RU)


def test_kazakh_is_detected(tmp_path):
    doc = read_document(
        write(tmp_path, "a.txt", "Астанада Орталық Азия мемлекеттері басшыларының кездесуі өтті.".encode())
    )
    assert doc.language == "kk"


def test_dateline_gives_publication_date_and_title(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", f" date 2025-11-16 {RU}".encode()))
    assert str(doc.published_on) == "2025-11-16"
    assert doc.title == RU


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n  \n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10, "binary"),
        ("noise.txt", bytes(range(128, 256)) * 4, "undecodable"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported_format"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, data, reason):
    with pytest.raises(RejectedFile) as error:
        read_document(write(tmp_path, name, data))
    assert error.value.reason == reason
    assert str(error.value)


def test_too_large(tmp_path):
    with pytest.raises(RejectedFile) as error:
        read_document(write(tmp_path, "big.txt", RU.encode() * 100), max_bytes=1000)
    assert error.value.reason == "too_large"


def test_the_date_line_is_metadata_not_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2025-11-16 Седьмая встреча глав государств: какие документы приняли\n"
        "Президенты подписали Соглашение о транзите.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert str(document.published_on) == "2025-11-16"
    assert document.passages and not any(
        "date" in p.text or "2025-11-16" in p.text for p in document.passages
    )
    assert document.passages[0].text.startswith("Седьмая встреча")
    assert all(
        document.quote(p.start, p.end) == p.text for p in document.passages
    )  # offsets into the text hold


@pytest.mark.parametrize(
    ("head", "agency"),
    [
        ("Заголовок\nБИШКЕК, 14 сен — Sputnik. Президенты встретились.", "Sputnik"),
        ("Заголовок\n\nАлматы. 29 ноября. КазТАГ - Очередная встреча пройдет в Бишкеке.", "КазТАГ"),
        ("Title\n\nThe leaders met on Thursday, Kazinform correspondent reports.", "Kazinform"),
        ("Елбасылар жаңа келісімдерге қол қойды, деп хабарлайды Stan.kz ақпарат агенттігі.", "Stan.kz"),
        ("АСТАНА, 9 августа — Президенты встретились.", None),  # not an agency
        ("Фото: пресс-служба Акорды\nПрезиденты встретились.", None),  # a photo credit is no publisher
    ],
)
def test_the_agency_a_report_names_at_its_head_is_its_publisher(tmp_path, head, agency):
    assert read_document(write(tmp_path, "a.txt", head.encode())).publisher == agency


def test_a_manifest_publisher_wins_over_the_dateline(tmp_path):
    path = write(tmp_path, "a.txt", "БИШКЕК, 14 сен — Sputnik. Президенты встретились.".encode())
    assert read_document(path, {"publisher": "Sputnik Кыргызстан"}).publisher == "Sputnik Кыргызстан"


def test_a_web_page_gives_its_canonical_address_and_site(tmp_path):
    page = (
        '<html><head><title>T</title><link rel="canonical" href="https://example.org/news/1">'
        '<meta property="og:site_name" content="Example News"></head><body><article><h1>Headline</h1><p>'
        + "Президенты подписали документы о сотрудничестве в регионе. " * 10
        + "</p></article></body></html>"
    )
    document = read_document(write(tmp_path, "a.html", page.encode()))
    assert (document.url, document.publisher) == ("https://example.org/news/1", "Example News")


@pytest.mark.parametrize(
    ("head", "day"),
    [
        ("Заголовок\nАСТАНА, 9 августа 2024 года — Президенты встретились.", "2024-08-09"),
        ("Алматы. 29 ноября 2019. КазТАГ - Очередная встреча.", "2019-11-29"),
        ("БИШКЕК, 14 сен — Sputnik. Президенты встретились.", None),  # no year: no date
    ],
)
def test_a_whole_date_in_the_dateline_is_the_publication_date(tmp_path, head, day):
    published = read_document(write(tmp_path, "a.txt", head.encode())).published_on
    assert (str(published) if published else None) == day
