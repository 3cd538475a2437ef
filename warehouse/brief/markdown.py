"""The brief as Markdown (CommonMark; the links are bare autolinks)."""

from __future__ import annotations

import re

from warehouse.brief.outline import NO_LINK, Entry, Outline, Section, citation_line

KICKER = "Meeting brief · Central Asia Summit Tracker"
# Characters that would turn a quote into markup; a list marker, heading or quote mark opening a line
# («1. Совместное …», «- Кыргызстан – …») would be renumbered or lose its dash.
_INLINE = re.compile(r"([\\`*_\[\]<])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+#>])", re.MULTILINE)


def escape(text: str) -> str:
    """Text from the warehouse made literal in Markdown."""
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", text)


def _link(url: str | None) -> str:
    return f"<{url}>" if url else NO_LINK


def _entry(entry: Entry) -> list[str]:
    lines = [f"- {escape(entry.text)}" + (f" — {_link(entry.link)}" if entry.link else "")]
    for cited in entry.cited:
        quote = escape(cited.quote).splitlines() or [""]
        lines += [
            "",
            *(f"  > {line}" for line in quote),
            "  >",
            f"  > — {escape(citation_line(cited))}, {_link(cited.source.url)}",
        ]
    return [*lines, ""]


def _section(section: Section, level: int) -> list[str]:
    lines = [f"{'#' * level} {escape(section.heading)}", ""]
    for note in section.notes:
        lines += [escape(note), ""]
    for entry in section.entries:
        lines += _entry(entry)
    for part in section.parts:
        lines += _section(part, level + 1)
    return lines


def render_markdown(outline: Outline) -> bytes:
    """UTF-8 Markdown."""
    lines = [f"*{KICKER}*", "", f"# {escape(outline.title)}", ""]
    for line in outline.header:
        lines += [escape(line), ""]
    for section in outline.sections:
        lines += _section(section, 2)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
