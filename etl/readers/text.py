"""Plain text and Markdown: decode (UTF-8, then cp1251), refuse binary data, find a title and a
dateline such as `date 2025-11-16` at the top."""

from __future__ import annotations

import re
from datetime import date

from etl.language import count_matched

DATELINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
TITLE_LINE = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*)?(.+?)(?:\*\*)?\s*$")
MAX_TITLE_CHARS = 300


def decode(raw: bytes, require_letters: bool = True) -> tuple[str, str]:
    """Text and the encoding that decoded it; raises RejectedFile for binary or undecodable bytes.
    Markup (HTML) is mostly not letters: `require_letters=False` only refuses control characters."""
    from etl.readers import RejectedFile

    for bom, encoding in BYTE_ORDER_MARKS:  # UTF-32 before UTF-16: their marks begin alike
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise RejectedFile(
                    "undecodable", f"the file says it is {encoding.upper()} but is not"
                ) from None
            if require_letters and not _looks_like_text(text):
                raise RejectedFile("undecodable", f"the file decodes as {encoding.upper()} but is not text")
            return _checked_text(text, encoding), encoding
    if b"\x00" in raw:
        raise RejectedFile("binary", "the file holds binary data (NUL bytes), not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "cp1251"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text, require_letters):
            return _checked_text(text, encoding), encoding
    raise RejectedFile("undecodable", "the bytes are neither UTF-8 nor cp1251 text")


BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# UTF-8 Cyrillic read as Latin-1 or cp1252 and saved again: «Ð¡Ð°Ð¼Ð¼Ð¸Ñ‚» for «Саммит».
MOJIBAKE = re.compile(r"[ÐÑ][\x80-\xbf\u0152-\u2122]|Ã[\x80-\xbf]|â€")
MOJIBAKE_SHARE = 0.02  # of the characters; a real text has hardly any such pairs


def _may_hold_mojibake(sample: str) -> bool:
    """Whether a character that starts every MOJIBAKE pair occurs at all: four searches in C spare most texts
    the regex (a tenth of reading a report, measured)."""
    return any(lead in sample for lead in "ÐÑÃâ")


MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[А-Яа-яЁё])\w+\b")
MIXED_SCRIPT_SHARE = 0.05  # of the words; a real Russian text has hardly any («COVID-19» is no such word)


def _mixed_script_share(text: str) -> float:
    words = LETTERS.findall(text)
    return len(MIXED_SCRIPT_WORD.findall(text)) / len(words) if words else 0.0


def _checked_text(text: str, encoding: str) -> str:
    """The decoded text with its line ends made plain, or RejectedFile when it is not text: NUL characters,
    or text garbled by a wrong decoding somewhere before us (mojibake)."""
    from etl.readers import RejectedFile

    if "\x00" in text:
        raise RejectedFile("binary", "the file holds NUL characters, not text")
    sample = text[:20_000]
    if _may_hold_mojibake(sample) and len(MOJIBAKE.findall(sample)) * 2 > len(sample) * MOJIBAKE_SHARE:
        raise RejectedFile(
            "mojibake",
            "the text is garbled by a wrong encoding somewhere before it was saved "
            "(«Ð¡Ð°…» where «Са…» was meant): save it again as UTF-8 from the original",
        )
    if encoding == "cp1251" and _mixed_script_share(sample) > MIXED_SCRIPT_SHARE:
        raise RejectedFile(
            "mojibake",
            "the bytes read as cp1251 give words that mix Latin and Cyrillic letters "
            "(«Cafй rйsumй»): probably Latin-1 or another code page; save it as UTF-8",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: count them with count_matched


def _looks_like_text(text: str, require_letters: bool = True) -> bool:
    """Mostly letters and hardly any control characters: what a wrong decoding of binary data is not."""
    sample = text[:5000]
    control = len(CONTROL_CHARACTERS.findall(sample))
    letters = count_matched(LETTERS, sample)
    return control <= len(sample) * 0.01 and (not require_letters or letters >= len(sample) * 0.3)


def parse_iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None


def first_title(text: str) -> str | None:
    """The first non-empty line that is not a dateline, without Markdown marks."""
    for line in text.splitlines():
        line = DATELINE.sub("", line)
        if not line.strip():
            continue
        m = TITLE_LINE.match(line)
        title = m.group(1).strip() if m else line.strip()
        return title[:MAX_TITLE_CHARS]
    return None


def without_metadata(text: str) -> str:
    """`text` with a leading `date 2025-11-16` line blanked out (same length, so offsets hold): metadata, not
    a sentence of the report, and never part of a quote."""
    dateline = DATELINE.match(text)
    return " " * dateline.end() + text[dateline.end() :] if dateline else text


# The agency in a report's dateline: «БИШКЕК, 14 сен — Sputnik.», «Алматы. 29 ноября. КазТАГ -»: a place,
# a day and month (and year), then the agency after a dash, or before one.
_PLACE_DATE = (
    r"(?:^|\n)\s*[А-ЯЁA-Z][\w\-]+(?:\s[А-ЯЁA-Z][\w\-]+)?[,.]\s+\d{1,2}\s+[^\W\d_]+\.?(?:,?\s+\d{4})?\.?\s*"
)
_AGENCY = r"([A-ZА-ЯЁ][\w.\-]*(?: [A-ZА-ЯЁ0-9][\w.\-]*){0,2})"
AGENCY_PATTERNS = (
    re.compile(_PLACE_DATE + r"[—–-]\s*" + _AGENCY + r"\s*[.,]"),
    re.compile(_PLACE_DATE + _AGENCY + r"\s*[—–-]"),
    # «…, Kazinform correspondent reports», «…, сообщает корреспондент «МИР 24»», «… деп хабарлайды Stan.kz»
    re.compile(_AGENCY + r"\s+correspondent\s+reports"),
    re.compile(r"(?:reports|сообщает|передает|передаёт|хабарлайды)\s+(?:корреспондент\s+)?[«\"]?" + _AGENCY),
)
AGENCY_REACH = 600  # characters at the head of a text where its agency is named


def agency_in_dateline(text: str) -> str | None:
    """The news agency a report names at its head, if it does: its publisher, for a citation."""
    head = text[:AGENCY_REACH]
    for pattern in AGENCY_PATTERNS:
        if m := pattern.search(head):
            return m.group(1).strip(" .,")
    return None


# «АСТАНА, 9 августа 2024 года —», «Алматы. 29 ноября 2019.»: a place and a whole date at the head of a report.
DATED_PLACE = re.compile(
    r"(?:^|\n)\s*[А-ЯЁA-Z][\w\-]+(?: [А-ЯЁA-Z][\w\-]+)?[,.]\s+(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})\b"
)


def date_in_dateline(text: str) -> date | None:
    """The report's date when its dateline writes it whole (a day and month alone say no year)."""
    from etl.dicts import lookup_stem

    m = DATED_PLACE.search(text[:AGENCY_REACH])
    if m is None:
        return None
    month = lookup_stem(m.group(2), "months")
    if not month:
        return None
    try:
        return date(int(m.group(3)), int(month), int(m.group(1)))
    except ValueError:
        return None


def read_text_file(raw: bytes) -> tuple[str, str, dict]:
    text, encoding = decode(raw)
    dateline = DATELINE.match(text)
    extra = {
        "title": first_title(text),
        "published_on": parse_iso_date(dateline.group(1)) if dateline else date_in_dateline(text),
        "publisher": agency_in_dateline(text),
    }
    return text, encoding, extra
