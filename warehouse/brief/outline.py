"""The brief as an outline the three renderers lay out alike: a title, header lines, and sections of entries,
each entry an English line with the passages behind it. All the wording is here, so Markdown, Word and PDF
say the same; quotes, document titles and periods as written stay in the language of their text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from warehouse.brief.model import Brief, Citation, Document, Figure, Participant, Source
from warehouse.brief.unknowns import calendar_participants

LANGUAGES = {"ru": "Russian", "kk": "Kazakh", "en": "English"}
ADOPTION_LABELS = {
    "signed": "Signed by the heads of state",
    "approved": "Approved",
    "signed_by_delegations": "Signed by ministers or delegations",
    "planned": "Planned (to be prepared or signed)",
}
METRIC_LABELS = {
    "intra_regional_trade": "intra-regional trade",
    "trade_turnover": "trade turnover",
    "fdi_inflow": "inflow of foreign direct investment",
    "investment": "investment",
    "exports": "exports",
    "imports": "imports",
}
FIGURE_KIND_LABELS = {"actual": "value reached", "target": "target", "change": "change"}
ROLE_LABELS = {"head_of_state": "head of state", "guest": "guest"}
NO_LINK = "no link recorded"


@dataclass(frozen=True)
class Cited:
    """A passage as the brief shows it: the quote and the text it is from."""

    quote: str
    source: Source

    @property
    def language(self) -> str:
        return LANGUAGES.get(self.source.language, self.source.language)


@dataclass(frozen=True)
class Entry:
    text: str
    cited: tuple[Cited, ...] = ()
    link: str | None = None  # a text's address, for the list of sources


@dataclass(frozen=True)
class Section:
    heading: str
    notes: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    parts: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Outline:
    title: str
    header: tuple[str, ...]
    sections: tuple[Section, ...]


# ---- words ----


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "date unknown"


def meeting_title(summit_id: int) -> str:
    return f"{ordinal(summit_id)} Consultative Meeting of the Heads of State of Central Asia"


def amount(value: float, unit: str) -> str:
    """«US$ 11.0 billion (11,000,000,000)», «US$ 135 million (135,000,000)», «15 %»."""
    if unit == "percent":
        return f"{value:g} %"
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"US$ {value / scale:,.{1 if scale == 1e9 else 0}f} {word} ({value:,.0f})"
    return f"US$ {value:,.0f}"


def quoted(text: str) -> str:
    return f"«{text}»"


def participant_line(p: Participant) -> str:
    marks = (
        [ROLE_LABELS.get(p.role, p.role)]
        + (["host"] if p.is_host else [])
        + (["chair"] if p.is_chair else [])
    )
    who = p.person or "person not named"
    return f"{p.name} — {who} ({', '.join(marks)}; confidence {p.confidence})"


def period_text(d: Document) -> str:
    if d.period_from is not None and d.period_to is not None:
        return (
            f"valid {d.period_from}–{d.period_to}" if d.period_from != d.period_to else f"for {d.period_from}"
        )
    if d.period_to is not None:
        return f"valid until {d.period_to}"
    if d.period_from is not None:
        return f"valid from {d.period_from}"
    return "no period stated"


def document_line(d: Document) -> str:
    others = "".join(f"; {LANGUAGES.get(lang, lang)} title {quoted(title)}" for lang, title in d.other_titles)
    return (
        f"{quoted(d.title)} — {d.kind.replace('_', ' ')}, {period_text(d)}{others} "
        f"(confidence {d.confidence})"
    )


def figure_line(f: Figure) -> str:
    scope = f.scope_name + (f" with {f.counterpart_name}" if f.counterpart_name else "")
    metric = METRIC_LABELS.get(f.metric, f.metric.replace("_", " "))
    year = f"year {f.period_year}" if f.period_year is not None else "year not stated"
    written = f", as written {quoted(f.period)}" if f.period else ""
    return (
        f"{scope} — {metric}, {FIGURE_KIND_LABELS.get(f.kind, f.kind)}: {amount(f.value, f.unit)}; "
        f"{year}{written} (confidence {f.confidence})"
    )


def source_line(s: Source) -> str:
    parts = [quoted(s.title) if s.title else "untitled", LANGUAGES.get(s.language, s.language)]
    parts += [
        p for p in (s.publisher, f"published {long_date(s.published_on)}" if s.published_on else None) if p
    ]
    parts.append(f"file {s.file_name}")
    parts.append(
        f"{s.facts} fact{'s' if s.facts != 1 else ''} of this brief" if s.facts else "no fact of this brief"
    )
    return f"{s.label}. " + "; ".join(parts) + ("" if s.url else f"; {NO_LINK}")


def citation_line(c: Cited) -> str:
    """What stands under a quote, before the text's link: «S1, «Title» (Russian)»."""
    title = quoted(c.source.title) if c.source.title else c.source.file_name
    return f"{c.source.label}, {title} ({c.language})"


def file_stem(summit_id: int, city: str | None, held_on: date | None, countries: tuple[str, ...] = ()) -> str:
    """«meeting-6-astana-2024-08-09-brief», with the filter's countries («…-kgz-brief»)."""
    parts = [
        "meeting",
        str(summit_id),
        city or "",
        held_on.isoformat() if held_on else "",
        *countries,
        "brief",
    ]
    slug = "-".join(p for p in parts if p).lower()
    return re.sub(r"[^a-z0-9]+", "-", slug).strip("-")


# ---- sections ----


def _cited(brief: Brief, citations: tuple[Citation, ...]) -> tuple[Cited, ...]:
    return tuple(Cited(c.quote, brief.source(c.source_id)) for c in citations)


def _filters_line(brief: Brief) -> str | None:
    if not brief.filtered:
        return None
    m = brief.meeting
    said = []
    if brief.countries:
        one = len(brief.countries) == 1
        said.append(
            f"{', '.join(name for _, name in brief.countries)} (participants of {'that state' if one else 'those states'}"
            f", figures of {'that economy' if one else 'those economies'} and of Central Asia as a whole; the "
            "documents are the meeting's, adopted jointly, and all stay)"
        )
    if brief.confidence:
        said.append(f"facts of confidence {' or '.join(brief.confidence)}")
    left = [
        (m.participant_count - len(brief.participants), "participant"),
        (m.document_count - len(brief.documents), "document"),
        (m.figure_count - len(brief.figures), "figure"),
    ]
    out = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in left if n > 0)
    return f"Filtered to {'; '.join(said)}." + (
        f" Left out: {out} of the meeting." if out else " Nothing is left out."
    )


def _header(brief: Brief) -> tuple[str, ...]:
    m = brief.meeting
    lines = [
        f"Date: {long_date(m.held_on)} · City: {m.city or 'unknown'} · "
        f"Host: {m.host_name or m.host_country or 'unknown'} · Chair: {m.chair or 'unknown'}"
    ]
    known = {
        "reference": "the tracker's calendar",
        "text": "the texts alone (not in the calendar)",
        "text+reference": "the texts and the tracker's calendar",
    }.get(m.origin, m.origin)
    texts = {0: "no text", 1: "1 text"}.get(m.source_count, f"{m.source_count} texts")
    lines.append(
        f"Known from {known}; {texts} about this meeting in the tracker"
        + (f"; calendar reference {m.reference_url}" if m.reference_url else "")
        + "."
    )
    if m.source_count:
        lines.append(
            "Every fact below is given with the passage that reports it, verbatim (Russian and Kazakh as "
            "written), and the text it is from; the texts are listed at the end."
        )
    filters = _filters_line(brief)
    return (*lines, filters) if filters else tuple(lines)


NO_TEXT = "No text about this meeting is in the tracker."


def _heading(brief: Brief, name: str, count: int) -> str:
    """«Documents (8)»; no count where no text reports the meeting: its count is unknown, not 0."""
    return f"{name} ({count})" if brief.meeting.source_count else name


def _none_note(brief: Brief, total: int, noun: str) -> tuple[str, ...]:
    if brief.meeting.source_count == 0:
        return (NO_TEXT,)
    if total == 0:
        return (f"No text reports {noun}.",)
    return ("None passes the filters of this brief.",)


def _participants(brief: Brief) -> Section:
    entries = tuple(Entry(participant_line(p), _cited(brief, p.citations)) for p in brief.participants)
    notes = () if entries else _none_note(brief, brief.meeting.participant_count, "the participants")
    calendar = calendar_participants(brief)
    if brief.meeting.source_count == 0 and calendar:
        notes = (f"{NO_TEXT} The calendar names {calendar}.",)
    return Section(_heading(brief, "Participants", len(entries)), notes, entries)


def _documents(brief: Brief) -> Section:
    parts = tuple(
        Section(
            f"{ADOPTION_LABELS.get(adoption, adoption)} ({len(docs)})",
            entries=tuple(Entry(document_line(d), _cited(brief, d.citations)) for d in docs),
        )
        for adoption, docs in brief.documents_by_adoption()
    )
    notes = () if parts else _none_note(brief, brief.meeting.document_count, "the documents")
    return Section(_heading(brief, "Documents", len(brief.documents)), notes, parts=parts)


def _figures(brief: Brief) -> Section:
    entries = tuple(Entry(figure_line(f), _cited(brief, f.citations)) for f in brief.figures)
    notes = () if entries else _none_note(brief, brief.meeting.figure_count, "figures")
    return Section(_heading(brief, "Figures", len(entries)), notes, entries)


def _sources(brief: Brief) -> Section:
    entries = tuple(Entry(source_line(s), link=s.url) for s in brief.sources)
    return Section(f"Sources ({len(entries)})", () if entries else (NO_TEXT,), entries)


def _unknowns(brief: Brief) -> Section:
    notes = brief.unknowns or ("Nothing the tracker looks for is missing.",)
    return Section("What the tracker does not know", entries=tuple(Entry(n) for n in notes))


def outline(brief: Brief) -> Outline:
    """The brief laid out: title, header, then participants, documents (by adoption), figures, sources and
    what the tracker does not know."""
    return Outline(
        meeting_title(brief.meeting.summit_id),
        _header(brief),
        (_participants(brief), _documents(brief), _figures(brief), _sources(brief), _unknowns(brief)),
    )
