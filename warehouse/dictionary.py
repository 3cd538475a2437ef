"""The data dictionary in docs/warehouse.md, read as {table: {column: description}}."""

from __future__ import annotations

import re
from pathlib import Path

DICTIONARY_PATH = Path(__file__).resolve().parent.parent / "docs" / "warehouse.md"
SECTION = re.compile(r"^### (\w+)\s*$")
ROW = re.compile(r"^\|\s*(\w+)\s*\|\s*([\w ]+?)\s*\|\s*(.+?)\s*\|\s*$")


def read_dictionary(path: Path = DICTIONARY_PATH) -> dict[str, dict[str, str]]:
    """Column descriptions per table or view, plus each section's first paragraph under key ''."""
    entries: dict[str, dict[str, str]] = {}
    table = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := SECTION.match(line):
            table = m.group(1)
            entries[table] = {}
        elif table and (m := ROW.match(line)) and m.group(1) != "column":
            entries[table][m.group(1)] = m.group(3)
        elif table and line.strip() and not line.startswith("|") and "" not in entries[table]:
            entries[table][""] = line.strip()
    return entries


EXAMPLE = re.compile(r"^(?P<title>[^\n#|`][^\n]*):\n\n```sql\n(?P<sql>.*?)\n```", re.MULTILINE | re.DOTALL)


def example_queries(path: Path = DICTIONARY_PATH) -> dict[str, str]:
    """The example queries of the data dictionary, {title: sql}."""
    text = path.read_text(encoding="utf-8")
    return {m.group("title").strip(): m.group("sql").strip() for m in EXAMPLE.finditer(text)}
