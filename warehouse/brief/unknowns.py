"""What the tracker does not know of a meeting, as sentences for the brief: gaps in the meeting's own record,
kinds of fact no text reports (told apart from facts the filters leave out), and the thin spots of what is
known (no period, no year, one text only, no link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warehouse.brief.model import Brief, Document, Figure, Participant


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _share(n: int, total: int, noun: str, every: str = "all") -> str:
    """«the one figure», «all 11 facts» (or «any of the 3 texts»), «2 of the 5 figures»."""
    if total == 1:
        return f"the one {noun}"
    return f"{every} {total} {noun}s" if n == total else f"{n} of the {total} {noun}s"


def _meeting_gaps(brief: Brief) -> list[str]:
    m = brief.meeting
    gaps = []
    if m.origin == "text":
        gaps.append(
            "This meeting is not in the tracker's calendar: its number, date and city come from the texts "
            "alone — check them."
        )
    missing = [
        what
        for what, value in (
            ("date", m.held_on),
            ("city", m.city),
            ("host", m.host_country),
            ("chair", m.chair),
        )
        if value is None
    ]
    if missing:
        gaps.append(f"Neither the texts nor the calendar give the meeting's {', '.join(missing)}.")
    return gaps


def calendar_participants(brief: Brief) -> str | None:
    """«the host, Kazakhstan, and the chair, Nursultan Nazarbayev»: who the calendar names at a meeting."""
    m = brief.meeting
    host = f"the host, {m.host_name or m.host_country}" if m.host_country else None
    chair = f"the chair, {m.chair}" if m.chair else None
    return f"{host}, and {chair}" if host and chair else host or chair


def _calendar_only(brief: Brief) -> str:
    named = calendar_participants(brief)
    return (
        "No text about this meeting is in the tracker: nothing is known of its participants, documents or "
        "figures (which is not the same as none)."
        + (f" Its participants are known only from the calendar: {named}." if named else "")
    )


def _kind_gap(total: int, shown: int, none_reported: str, noun: str) -> str | None:
    """A kind of fact no text reports, or whose every fact the filters leave out."""
    if total == 0:
        return none_reported
    if shown == 0:
        return f"None of the meeting's {_plural(total, noun)} passes the filters of this brief."
    return None


def _thin_spots(brief: Brief) -> list[str]:
    spots = []
    documents, figures, sources = brief.documents, brief.figures, brief.sources
    undated = sum(d.period_from is None and d.period_to is None for d in documents)
    if undated:
        spots.append(
            f"No period of validity is recorded for {_share(undated, len(documents), 'document', 'any of the')} "
            "(a joint statement or a decision often has none)."
        )
    yearless = sum(f.period_year is None for f in figures)
    if yearless:
        spots.append(
            f"The texts do not say the year of {_share(yearless, len(figures), 'figure', 'any of the')}."
        )
    facts: tuple[Participant | Document | Figure, ...] = (*brief.participants, *documents, *figures)
    single = sum(len({c.source_id for c in f.citations}) == 1 for f in facts)
    if single:
        share = _share(single, len(facts), "fact")
        spots.append(
            f"{share[0].upper()}{share[1:]} {'is' if single == 1 else 'are'} reported by one text only."
        )
    unlinked = sum(not s.url for s in sources)
    if unlinked:
        spots.append(
            f"No link (URL) is recorded for {_share(unlinked, len(sources), 'text', 'any of the')}; "
            "texts are cited by title and file name."
        )
    return spots


def unknowns(brief: Brief, absent_members: list[str]) -> tuple[str, ...]:
    """The brief's «what the tracker does not know» sentences. `absent_members`: full participants of the
    format (in the meeting's year, within the country filter) that no text names among the participants."""
    m = brief.meeting
    gaps = _meeting_gaps(brief)
    if m.source_count == 0:
        return (*gaps, _calendar_only(brief))
    kinds = [
        _kind_gap(
            m.participant_count,
            len(brief.participants),
            "No text names the participants of this meeting.",
            "participant",
        ),
        _kind_gap(
            m.document_count,
            len(brief.documents),
            "No text reports the documents of this meeting.",
            "document",
        ),
        _kind_gap(m.figure_count, len(brief.figures), "No text gives figures for this meeting.", "figure"),
    ]
    gaps += [k for k in kinds if k]
    if absent_members and m.participant_count:
        year = f" in {m.held_on.year}" if m.held_on else ""
        gaps.append(
            f"No text names {', '.join(absent_members)} among the participants, though "
            f"{'it was a full participant' if len(absent_members) == 1 else 'they were full participants'} "
            f"of the format{year}."
        )
    return (*gaps, *_thin_spots(brief))
