"""Score a warehouse against hand-made gold facts: precision, recall and F1 per table and overall, every miss
and every extra with its source and quote, and the provenance check (every quote is in its source's text).

The gold format and the scoring rules are those of the dev set (`data/devset/README.md`):
- only meetings named in the gold are scored; every row the warehouse holds for them is a finding;
- each gold fact matches at most one row, each row at most one gold fact (a maximum matching, required
  facts first, then optional ones on the rows left);
- rows matched to an optional fact count neither as found nor as extra."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rapidfuzz import fuzz

TABLES = ("summits", "participants", "agreements", "figures")
TITLE_MIN_SIMILARITY = 55
GOLD_SAME_TITLE = 80  # two gold files name one document
FIGURE_TOLERANCE = 0.01
_QUOTES = re.compile(r"[\"'«»“”„‘’`]")
_DASHES = re.compile(r"[‐‑‒–—―-]")


# ---- gold ----


def load_gold(paths: Iterable[Path]) -> dict[str, list[dict]]:
    """The gold facts of one or several files, table by table (keys starting with `_` are notes). A fact that
    two files (two texts) both state is one fact: participants of one meeting and country (or organisation),
    documents of one meeting and kind with similar titles, figures of one meeting, scope, kind and value."""
    gold: dict[str, list[dict]] = {table: [] for table in TABLES}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for table in TABLES:
            for fact in data.get(table, []):
                _add_gold_fact(gold[table], table, fact)
    return gold


def _same_gold_fact(table: str, a: dict, b: dict) -> bool:
    if a["summit_id"] != b["summit_id"]:
        return False
    if table == "summits":
        return True
    if table == "participants":
        if a.get("country_code") or b.get("country_code"):
            return a.get("country_code") == b.get("country_code")
        names = {_normal_text(n) for n in _accepted(a.get("organization_like", []))}
        return bool(names & {_normal_text(n) for n in _accepted(b.get("organization_like", []))})
    if table == "agreements":
        kinds = set(_accepted(a["kind"])) & set(_accepted(b["kind"]))
        # A text cut off before a document's years states the document another text gives with them.
        periods = a.get("period") is None or b.get("period") is None or a["period"] == b["period"]
        return (
            bool(kinds)
            and periods
            and max(
                fuzz.token_set_ratio(_normal_text(x), _normal_text(y))
                for x in _accepted(a["title_like"])
                for y in _accepted(b["title_like"])
            )
            >= GOLD_SAME_TITLE
        )
    same_kind = bool(set(_accepted(a["kind"])) & set(_accepted(b["kind"])))
    return (
        (a["scope"], a["unit"]) == (b["scope"], b["unit"])
        and same_kind
        and abs(float(a["value"]) - float(b["value"])) <= FIGURE_TOLERANCE * abs(float(a["value"]))
    )


def _union(a: object, b: object) -> list:
    return list(dict.fromkeys(_accepted(a) + _accepted(b)))


def _add_gold_fact(facts: list[dict], table: str, fact: dict) -> None:
    known = next((f for f in facts if _same_gold_fact(table, f, fact)), None)
    if known is None:
        facts.append(dict(fact))
        return
    # Required if either text owes it; every spelling either accepts is accepted.
    known["optional"] = bool(known.get("optional")) and bool(fact.get("optional"))
    for key in ("role", "kind", "adoption", "title_like", "organization_like", "city"):
        if key in fact and key in known:
            known[key] = _union(known[key], fact[key])
    if fact.get("period") is not None:
        known["period"] = fact["period"]


def _accepted(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _normal_text(text: str | None) -> str:
    text = (text or "").lower().replace("ё", "е")
    return _DASHES.sub(" ", _QUOTES.sub("", text))


# ---- one fact against one row ----


def summit_matches(gold: dict, row: dict) -> bool:
    cities = {_normal_text(c) for c in _accepted(gold.get("city", []))}
    return (
        str(row.get("held_on")) == gold.get("held_on")
        and row.get("host_country") == gold.get("host_country")
        and _normal_text(row.get("city")) in cities
    )


def participant_matches(gold: dict, row: dict) -> bool:
    if row["summit_id"] != gold["summit_id"] or row["role"] not in _accepted(gold["role"]):
        return False
    if gold.get("country_code"):
        return row["country_code"] == gold["country_code"]
    if row["country_code"] is not None:
        return False
    names = [_normal_text(n) for n in _accepted(gold.get("organization_like", []))]
    found = " | ".join(_normal_text(row.get(column)) for column in ("organization", "person"))
    return any(_contains_word(found, name) for name in names if name)


def _contains_word(text: str, name: str) -> bool:
    # "UN" must not be found inside "union" or "fund": the name stands as a word.
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def title_similarity(gold: dict, row: dict) -> float:
    titles = [row.get(column) for column in ("title_ru", "title_kk", "title_en") if row.get(column)]
    return max(
        (
            fuzz.token_set_ratio(_normal_text(title), _normal_text(like))
            for title in titles
            for like in _accepted(gold["title_like"])
        ),
        default=0.0,
    )


def agreement_matches(gold: dict, row: dict) -> bool:
    if row["summit_id"] != gold["summit_id"] or row["kind"] not in _accepted(gold["kind"]):
        return False
    if row["adoption"] not in _accepted(gold["adoption"]):
        return False
    if gold.get("period") and [row["period_from"], row["period_to"]] != list(gold["period"]):
        return False
    return title_similarity(gold, row) >= TITLE_MIN_SIMILARITY


def figure_matches(gold: dict, row: dict) -> bool:
    if (row["summit_id"], row["scope"], row["unit"]) != (gold["summit_id"], gold["scope"], gold["unit"]):
        return False
    if row["kind"] not in _accepted(gold["kind"]):
        return False
    value = float(gold["value"])
    return abs(float(row["value"]) - value) <= FIGURE_TOLERANCE * abs(value)


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "participants": participant_matches,
    "agreements": agreement_matches,
    "figures": figure_matches,
}


# ---- matching ----


def maximum_matching(
    gold: list[dict], rows: list[dict], matches: Callable[[dict, dict], bool], taken: set[int] | None = None
) -> dict[int, int]:
    """gold index → row index, as many pairs as possible (augmenting paths; the lists are small).
    Rows in `taken` are not used."""
    taken = taken or set()
    edges = [[j for j, row in enumerate(rows) if j not in taken and matches(g, row)] for g in gold]
    row_owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in row_owner or augment(row_owner[j], seen):
                row_owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in row_owner.items()}


@dataclass
class TableScore:
    table: str
    required: int = 0
    found: int = 0  # rows, less those matched to an optional fact
    matched: int = 0
    misses: list[dict] = field(default_factory=list)  # required gold facts no row matched
    extras: list[dict] = field(default_factory=list)  # rows no gold fact matched

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_table(
    table: str, gold: list[dict], rows: list[dict], matches: Callable[[dict, dict], bool]
) -> TableScore:
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    pairs = maximum_matching(required, rows, matches)
    optional_pairs = maximum_matching(optional, rows, matches, taken=set(pairs.values()))
    used = set(pairs.values()) | set(optional_pairs.values())
    return TableScore(
        table=table,
        required=len(required),
        found=len(rows) - len(optional_pairs),
        matched=len(pairs),
        misses=[g for i, g in enumerate(required) if i not in pairs],
        extras=[row for j, row in enumerate(rows) if j not in used],
    )


def score_summits(gold: list[dict], rows: dict[int, dict], placed: set[int]) -> TableScore:
    """A meeting holds when its row has the gold's date, host and city and some text is placed at it."""
    score = TableScore("summits", required=len(gold), found=len(gold))
    for g in gold:
        row = rows.get(g["summit_id"])
        if row is not None and g["summit_id"] in placed and summit_matches(g, row):
            score.matched += 1
        else:
            score.misses.append(g)
            if row is not None:
                score.extras.append(row)
    return score


# ---- the warehouse ----


@dataclass
class Evaluation:
    tables: dict[str, TableScore]
    provenance_checked: int
    provenance_failures: list[dict]
    unplaced_sources: list[str]
    placements: dict[str, tuple[int, int | None]] = field(
        default_factory=dict
    )  # file: (meeting expected, placed)

    @property
    def misplaced(self) -> dict[str, tuple[int, int | None]]:
        return {f: (want, got) for f, (want, got) in self.placements.items() if want != got}

    @property
    def matched(self) -> int:
        return sum(t.matched for t in self.tables.values())

    @property
    def precision(self) -> float:
        found = sum(t.found for t in self.tables.values())
        return self.matched / found if found else 1.0

    @property
    def recall(self) -> float:
        required = sum(t.required for t in self.tables.values())
        return self.matched / required if required else 1.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def provenance(self) -> float:
        if not self.provenance_checked:
            return 1.0
        return 1 - len(self.provenance_failures) / self.provenance_checked


def _rows(con: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None) -> list[dict]:
    cursor = con.execute(sql, parameters or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


_FACT_SQL = {
    "participants": """SELECT f.*, s.file_name FROM participants f JOIN sources s USING (source_id)
                       WHERE f.summit_id IN (SELECT unnest(?::INTEGER[])) ORDER BY participant_id""",
    "agreements": """SELECT f.*, s.file_name FROM agreements f JOIN sources s USING (source_id)
                     WHERE f.summit_id IN (SELECT unnest(?::INTEGER[])) ORDER BY agreement_id""",
    "figures": """SELECT f.*, s.file_name FROM figures f JOIN sources s USING (source_id)
                  WHERE f.summit_id IN (SELECT unnest(?::INTEGER[])) ORDER BY figure_id""",
}

# Every stored quote, fact tables and their link tables alike, with whether its source's text holds it.
_PROVENANCE_SQL = """
SELECT kind, fact_id, s.file_name, q.quote, contains(s.text, q.quote) AS verbatim
FROM (
    SELECT 'participant' AS kind, participant_id AS fact_id, source_id, quote FROM participant_sources
    UNION ALL SELECT 'agreement', agreement_id, source_id, quote FROM agreement_sources
    UNION ALL SELECT 'figure', figure_id, source_id, quote FROM figure_sources
    UNION ALL SELECT 'participant', participant_id, source_id, quote FROM participants
    UNION ALL SELECT 'agreement', agreement_id, source_id, quote FROM agreements
    UNION ALL SELECT 'figure', figure_id, source_id, quote FROM figures
    UNION ALL SELECT 'summit_mention', NULL, source_id, quote FROM summit_mentions
) q JOIN sources s USING (source_id)
"""


def load_placements(paths: Iterable[Path]) -> dict[str, int]:
    """{file name: meeting} from manifests with `file` and `summit_edition` columns (tab-separated), as the
    dev set's MANIFEST.tsv has them."""
    expected: dict[str, int] = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("file") and (row.get("summit_edition") or "").strip().isdigit():
                    expected[row["file"]] = int(row["summit_edition"])
    return expected


def evaluate_warehouse(
    db_path: Path, gold: dict[str, list[dict]], placements: dict[str, int] | None = None
) -> Evaluation:
    """Score the warehouse at `db_path` (opened read-only) against `gold`, and, for the files `placements`
    names, whether each text was placed at its meeting."""
    summit_ids = sorted({g["summit_id"] for table in TABLES for g in gold[table]})
    with duckdb.connect(str(db_path), read_only=True) as con:
        summits = {r["summit_id"]: r for r in _rows(con, "SELECT * FROM summits")}
        placed = {
            r["summit_id"]
            for r in _rows(con, "SELECT DISTINCT summit_id FROM sources WHERE summit_id IS NOT NULL")
        }
        tables = {"summits": score_summits(gold["summits"], summits, placed)}
        for table, matches in MATCHERS.items():
            rows = _rows(con, _FACT_SQL[table], [summit_ids])
            tables[table] = score_table(table, gold[table], rows, matches)
        quotes = _rows(con, _PROVENANCE_SQL)
        unplaced = [
            r["file_name"]
            for r in _rows(con, "SELECT file_name FROM sources WHERE summit_id IS NULL ORDER BY 1")
        ]
        placed_at = {
            r["file_name"]: r["summit_id"] for r in _rows(con, "SELECT file_name, summit_id FROM sources")
        }
    expected = placements or {}
    return Evaluation(
        tables=tables,
        provenance_checked=len(quotes),
        provenance_failures=[q for q in quotes if not q["verbatim"]],
        unplaced_sources=unplaced,
        placements={f: (expected[f], placed_at[f]) for f in sorted(placed_at) if f in expected},
    )
