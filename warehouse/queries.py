"""Every query the dashboard runs: plain functions that take a DuckDB connection (or cursor) and
filters and return DataFrames. Parameters are always bound by name (`$year_from`), never formatted into
SQL; a value the SQL uses twice is passed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from warehouse import count_rows
from warehouse.codes import (
    ADOPTIONS,
    CONFIDENCES,
    FIGURE_IDENTITY,
    FIGURE_ROW_KEY,
    KINDS,
    REGION,
    same_in_sql,
)

__all__ = ["ADOPTIONS", "CONFIDENCES", "KINDS", "REGION"]  # the dashboard's pages import them from here too

DISPLAY_LIMIT = 1000  # rows a page shows; counts, charts and downloads cover every filtered row


@dataclass(frozen=True)
class Filters:
    """Filters shared by every page: years of the meetings, countries, one meeting, how sure a fact is."""

    year_from: int | None = None
    year_to: int | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    summit_id: int | None = None
    confidence: tuple[str, ...] = field(default_factory=tuple)  # empty: every level

    def summit_params(self) -> Params:
        """The values of SUMMIT_FILTER."""
        return {"year_from": self.year_from, "year_to": self.year_to, "summit_id": self.summit_id}

    def country_params(self) -> Params:
        """The value of COUNTRY_FILTER."""
        return {"countries": list(self.countries)}

    def confidence_params(self) -> Params:
        """The value of CONFIDENCE_FILTER."""
        return {"confidence": list(self.confidence)}


Params = dict[str, Any]  # values of the query's $names, each once: DuckDB refuses one the query does not use

# A meeting passes when its year is in range and it is the chosen one (if any); `s` is summits. A meeting
# no source dates cannot be placed in a year range, so the year filter keeps it rather than hide it.
SUMMIT_FILTER = """
    ($year_from IS NULL OR s.held_on IS NULL OR year(s.held_on) >= $year_from)
    AND ($year_to IS NULL OR s.held_on IS NULL OR year(s.held_on) <= $year_to)
    AND ($summit_id IS NULL OR s.summit_id = $summit_id)"""
COUNTRY_FILTER = "(len($countries::VARCHAR[]) = 0 OR list_contains($countries::VARCHAR[], {column}))"
CONFIDENCE_FILTER = "(len($confidence::VARCHAR[]) = 0 OR list_contains($confidence::VARCHAR[], {column}))"
# Texts placed at no meeting pass only while no year or meeting is chosen.
NO_MEETING_CHOSEN = "$year_from IS NULL AND $year_to IS NULL AND $summit_id IS NULL"


def _df(
    con: duckdb.DuckDBPyConnection, sql: str, params: Params | None = None, limit: int | None = None
) -> pd.DataFrame:
    if limit is not None:
        sql, params = f"{sql}\nLIMIT $limit", {**(params or {}), "limit": limit}
    return con.execute(sql, params or {}).df()


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: Params) -> int:
    return count_rows(con, sql, params)


# ---- options for the filters ----


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Years, countries and meetings the filters can offer."""
    years = con.execute("SELECT min(year(held_on)), max(year(held_on)) FROM summits").fetchone()
    countries = _df(
        con,
        """
        SELECT country_code, name_en FROM countries
        WHERE is_member OR country_code IN (SELECT country_code FROM participants)
           OR country_code IN (SELECT scope FROM figures) ORDER BY name_en""",
    )
    summits = _df(
        con,
        "SELECT summit_id, held_on, city, origin = 'text' AS uncalendared FROM summits ORDER BY summit_id",
    )
    return {"years": years, "countries": countries, "summits": summits}


# ---- home ----


def overview_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = (
        con.execute("""
        SELECT (SELECT count(*) FROM summits WHERE summit_id IN (SELECT summit_id FROM sources)),
               (SELECT count(*) FROM summits),
               (SELECT count(DISTINCT country_code) FROM participants WHERE country_code IS NOT NULL),
               (SELECT count(*) FROM agreements), (SELECT count(*) FROM figures), (SELECT count(*) FROM sources),
               (SELECT count(*) FROM etl_rejects)""").fetchone()
        or ()
    )
    keys = ("meetings_covered", "meetings", "countries", "documents", "figures", "sources", "rejected")
    return dict(zip(keys, row, strict=True))


def latest_summit(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "SELECT * FROM v_summits WHERE source_count > 0 ORDER BY held_on DESC LIMIT 1")


def headline_trade(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest reached value and target of Central Asia's intra-regional trade, with quotes and the title and
    link of the text each comes from."""
    return _df(
        con,
        """
        SELECT f.kind, f.value, f.unit, f.period, f.period_year, s.held_on, f.summit_id, f.quote, f.source_id,
               src.title AS source_title, src.url AS source_url, src.file_name
        FROM figures f LEFT JOIN summits s USING (summit_id) JOIN sources src ON src.source_id = f.source_id
        WHERE f.scope = $region AND f.metric = 'intra_regional_trade' AND f.unit = 'USD' AND f.kind IN ('actual', 'target')
        QUALIFY row_number() OVER (PARTITION BY f.kind ORDER BY s.held_on DESC NULLS LAST, f.figure_id DESC) = 1
        ORDER BY f.kind""",
        {"region": REGION},
    )


# ---- timeline ----


def summits(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    return _df(
        con,
        f"""
        SELECT summit_id, held_on, city, host_country, host_name, chair,
               concat_ws('; ', CASE WHEN source_count = 0 THEN 'no texts yet' END,
                         CASE WHEN origin = 'text' THEN 'not in the calendar — check' END) AS status,
               origin, source_count,
               -- a meeting no text reports has unknown counts, not zero documents
               CASE WHEN source_count > 0 THEN participant_count END AS participant_count,
               CASE WHEN source_count > 0 THEN agreement_count END AS agreement_count,
               CASE WHEN source_count > 0 THEN figure_count END AS figure_count
        FROM v_summits s WHERE {SUMMIT_FILTER} ORDER BY summit_id""",
        f.summit_params(),
    )


def documents_per_summit(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    return _df(
        con,
        f"""
        SELECT s.summit_id, s.held_on, s.city, a.adoption, count(*) AS documents
        FROM agreements a JOIN summits s USING (summit_id)
        WHERE {SUMMIT_FILTER} GROUP BY ALL ORDER BY s.summit_id, a.adoption""",
        f.summit_params(),
    )


def summit_facts(
    con: duckdb.DuckDBPyConnection,
    summit_id: int,
    f: Filters | None = None,
    limit: int | None = DISPLAY_LIMIT,
) -> dict[str, pd.DataFrame]:
    """Everything recorded for one meeting (the first `limit` rows of each kind), each fact with its quote,
    narrowed by the filters' countries and confidence as the other pages are: participants of those countries,
    figures of those economies and of Central Asia, and every document (they are adopted jointly)."""
    f = f or Filters()
    params = {"summit_id": summit_id, **f.country_params(), **f.confidence_params()}
    confident = CONFIDENCE_FILTER.format(column="confidence")
    return {
        "participants": _df(
            con,
            f"""
            SELECT coalesce(country_name, organization) AS participant, person, role, is_chair, quote, source_id,
                   source_title, source_url
            FROM v_participants WHERE summit_id = $summit_id AND {COUNTRY_FILTER.format(column="country_code")}
              AND {confident}
            ORDER BY role DESC, participant""",
            params,
            limit,
        ),
        "agreements": _df(
            con,
            f"""
            SELECT kind, adoption, coalesce(title_ru, title_kk, title_en) AS title, period_from, period_to, quote,
                   source_id, source_title, source_url
            FROM v_agreements WHERE summit_id = $summit_id AND {confident}
            ORDER BY agreement_id""",
            {"summit_id": summit_id, **f.confidence_params()},
            limit,
        ),
        "figures": _df(
            con,
            f"""
            SELECT scope, counterpart, metric, kind, value, unit, period, period_year, period_from, period_to,
                   deadline_year, quote, source_id, source_title, source_url
            FROM v_figures WHERE summit_id = $summit_id
              AND ({COUNTRY_FILTER.format(column="scope")} OR scope = '{REGION}') AND {confident}
            ORDER BY figure_id""",
            params,
            limit,
        ),
    }


# ---- trade and targets ----


FIGURES_SQL = f"""
    SELECT figure_id, summit_id, held_on, scope, scope_name, counterpart, metric, kind, value, unit,
           period, period_year, period_from, period_to, deadline_year, confidence, rule, source_count, quote,
           source_id, source_title, source_url
    FROM v_figures s
    WHERE {SUMMIT_FILTER}
      AND ({COUNTRY_FILTER.format(column="scope")} OR scope = '{REGION}')
      AND (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], metric))
      AND {CONFIDENCE_FILTER.format(column="confidence")}"""


def _figure_params(f: Filters, metrics: tuple[str, ...]) -> Params:
    return {**f.summit_params(), **f.country_params(), "metrics": list(metrics), **f.confidence_params()}


def figures(
    con: duckdb.DuckDBPyConnection, f: Filters, metrics: tuple[str, ...] = (), limit: int | None = None
) -> pd.DataFrame:
    """Figures of the filtered meetings; the country filter keeps those countries and Central Asia."""
    return _df(con, FIGURES_SQL + "\nORDER BY figure_id", _figure_params(f, metrics), limit)


def figures_count(con: duckdb.DuckDBPyConnection, f: Filters, metrics: tuple[str, ...] = ()) -> int:
    return _count(con, FIGURES_SQL, _figure_params(f, metrics))


def trade_chart(con: duckdb.DuckDBPyConnection, f: Filters, metrics: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per economy and metric, the latest value reached and the latest target in US$, with their quotes."""
    # arg_max picks each group's latest row in one aggregation pass (a window would sort every figure).
    return _df(
        con,
        f"""
        WITH latest AS (
            SELECT arg_max(figure_id, (coalesce(held_on, DATE '0001-01-01'), coalesce(period_year, 0), figure_id)) AS figure_id
            FROM ({FIGURES_SQL}) WHERE unit = 'USD' AND kind IN ('actual', 'target')
            GROUP BY scope, metric, kind)
        SELECT v.* FROM v_figures v JOIN latest USING (figure_id)
        ORDER BY v.scope = '{REGION}' DESC, v.scope, v.metric, v.kind""",
        _figure_params(f, metrics),
    )


def growth_chart(
    con: duckdb.DuckDBPyConnection, f: Filters, metrics: tuple[str, ...] = (), limit: int = 40
) -> pd.DataFrame:
    """The latest growth figures (percent) per economy, metric and period."""
    return _df(
        con,
        f"""
        WITH latest AS (
            SELECT arg_max(figure_id, (coalesce(held_on, DATE '0001-01-01'), figure_id)) AS figure_id
            FROM ({FIGURES_SQL}) WHERE unit = 'percent'
            GROUP BY scope, metric, period)
        SELECT v.* FROM v_figures v JOIN latest USING (figure_id)
        ORDER BY v.held_on DESC NULLS LAST, v.scope, v.metric""",
        _figure_params(f, metrics),
        limit,
    )


def usd_metrics(con: duckdb.DuckDBPyConnection, f: Filters, metrics: tuple[str, ...] = ()) -> list[str]:
    """The metrics of the filtered figures that have values in US$ (reached or targets)."""
    return [
        m
        for (m,) in con.execute(
            f"""
        SELECT DISTINCT metric FROM ({FIGURES_SQL}) WHERE unit = 'USD' AND kind IN ('actual', 'target')
        ORDER BY 1""",
            _figure_params(f, metrics),
        ).fetchall()
    ]


HISTORY_LIMIT = 2_000  # points on one chart; more are no longer readable, and each carries its sentence


def metric_history(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    metrics: tuple[str, ...],
    metric: str,
    limit: int = HISTORY_LIMIT,
) -> pd.DataFrame:
    """One metric's values reached and targets in US$ among the filtered figures, the latest `limit` by
    meeting (the chart of a metric over the years)."""
    return _df(
        con,
        f"""
        SELECT * FROM ({FIGURES_SQL}) WHERE unit = 'USD' AND kind IN ('actual', 'target') AND metric = $metric
        ORDER BY held_on DESC NULLS LAST, figure_id DESC""",
        {**_figure_params(f, metrics), "metric": metric},
        limit,
    )


def figure_metrics(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [m for (m,) in con.execute("SELECT DISTINCT metric FROM figures ORDER BY 1").fetchall()]


# ---- participation ----


def participation(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """One row per participant and meeting, for the country × meeting matrix."""
    return _df(
        con,
        f"""
        SELECT s.summit_id, s.held_on, s.city, coalesce(p.country_name, p.organization) AS participant,
               p.country_code, p.organization, p.person, p.role, p.is_chair, p.is_host, p.confidence, p.rule,
               p.source_count, p.quote, p.source_id, p.source_title, p.source_url
        FROM v_participants p JOIN summits s USING (summit_id)
        WHERE {SUMMIT_FILTER} AND {COUNTRY_FILTER.format(column="p.country_code")}
          AND {CONFIDENCE_FILTER.format(column="p.confidence")}
        ORDER BY s.summit_id, p.role DESC, participant""",
        {**f.summit_params(), **f.country_params(), **f.confidence_params()},
    )


def hosts(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    return _df(
        con,
        f"""
        SELECT s.summit_id, s.held_on, s.city, s.host_country, c.name_en AS host_name, s.chair,
               s.origin = 'text' AS uncalendared
        FROM summits s LEFT JOIN countries c ON c.country_code = s.host_country
        WHERE {SUMMIT_FILTER} ORDER BY s.summit_id""",
        f.summit_params(),
    )


# ---- agreements ----


AGREEMENTS_SQL = f"""
    SELECT agreement_id, summit_id, held_on, city, kind, adoption, title_ru, title_en, title_kk,
           period_from, period_to, confidence, rule, source_count, quote, source_id, source_title, source_url
    FROM v_agreements s
    WHERE {SUMMIT_FILTER} AND {CONFIDENCE_FILTER.format(column="confidence")}
      AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], kind))
      AND (len($adoptions::VARCHAR[]) = 0 OR list_contains($adoptions::VARCHAR[], adoption))
      AND ($valid_in::INTEGER IS NULL OR (coalesce(period_from, 0) <= $valid_in AND coalesce(period_to, 9999) >= $valid_in
                                          AND (period_from IS NOT NULL OR period_to IS NOT NULL)))"""


def _agreement_params(
    f: Filters, kinds: tuple[str, ...], adoptions: tuple[str, ...], valid_in: int | None
) -> Params:
    return {
        **f.summit_params(),
        **f.confidence_params(),
        "kinds": list(kinds),
        "adoptions": list(adoptions),
        "valid_in": valid_in,
    }


def agreements(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    kinds: tuple[str, ...] = (),
    adoptions: tuple[str, ...] = (),
    valid_in: int | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Documents of the filtered meetings; `valid_in` keeps those whose period covers that year."""
    return _df(
        con,
        AGREEMENTS_SQL + "\nORDER BY agreement_id",
        _agreement_params(f, kinds, adoptions, valid_in),
        limit,
    )


def agreements_count(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    kinds: tuple[str, ...] = (),
    adoptions: tuple[str, ...] = (),
    valid_in: int | None = None,
) -> int:
    return _count(con, AGREEMENTS_SQL, _agreement_params(f, kinds, adoptions, valid_in))


def agreement_counts(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    kinds: tuple[str, ...] = (),
    adoptions: tuple[str, ...] = (),
    valid_in: int | None = None,
) -> pd.DataFrame:
    """Documents per kind and adoption, for the chart."""
    return _df(
        con,
        f"SELECT kind, adoption, count(*) AS documents FROM ({AGREEMENTS_SQL}) GROUP BY ALL ORDER BY ALL",
        _agreement_params(f, kinds, adoptions, valid_in),
    )


# ---- sources ----


# The title and its link first: they identify and cite a text, and stay in view on a narrow screen.
SOURCES_SQL = f"""
    SELECT v.source_id, v.title, v.url, v.publisher, v.published_on, v.summit_id, v.participant_facts,
           v.agreement_facts, v.figure_facts, v.language, v.file_name
    FROM v_sources v LEFT JOIN summits s USING (summit_id)
    WHERE (s.summit_id IS NULL AND {NO_MEETING_CHOSEN}) OR ({SUMMIT_FILTER})"""


def sources(con: duckdb.DuckDBPyConnection, f: Filters, limit: int | None = None) -> pd.DataFrame:
    return _df(con, SOURCES_SQL + "\nORDER BY v.source_id", f.summit_params(), limit)


def sources_count(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    return _count(con, SOURCES_SQL, f.summit_params())


def source_text(con: duckdb.DuckDBPyConnection, source_id: int) -> tuple[str, pd.DataFrame]:
    """A source's text and the passages taken from it (kind of fact, quote)."""
    text = con.execute(
        "SELECT text FROM sources WHERE source_id = $source_id", {"source_id": source_id}
    ).fetchone()
    passages = _df(
        con,
        """
        SELECT 'participant' AS fact, quote FROM participant_sources WHERE source_id = $source_id
        UNION SELECT 'agreement', quote FROM agreement_sources WHERE source_id = $source_id
        UNION SELECT 'figure', quote FROM figure_sources WHERE source_id = $source_id
        UNION SELECT 'meeting', quote FROM summit_mentions WHERE source_id = $source_id
        ORDER BY 1, 2""",
        {"source_id": source_id},
    )
    return (text[0] if text else ""), passages


def rejects(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _df(con, "SELECT file_name, reason, detail FROM etl_rejects ORDER BY file_name")


# ---- SQL page ----


def schema_columns(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every table and view with its columns, types and data-dictionary descriptions."""
    return _df(
        con,
        """
        SELECT c.table_name AS "table", CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS object,
               c.column_name AS "column", c.data_type AS type, coalesce(c.comment, '') AS description
        FROM duckdb_columns() c LEFT JOIN duckdb_views() v
             ON v.view_name = c.table_name AND v.database_name = c.database_name AND NOT v.internal
        WHERE NOT c.internal AND c.schema_name = 'main' AND c.database_name = current_database()
        ORDER BY object, "table", c.column_index""",
    )


# ---- add documents: what the warehouse already holds ----


def known_participants(con: duckdb.DuckDBPyConnection, summit_id: int | None) -> pd.DataFrame:
    return _df(
        con,
        "SELECT country_code, organization FROM participants WHERE summit_id = $summit_id",
        {"summit_id": summit_id},
    )


def known_agreements(con: duckdb.DuckDBPyConnection, summit_id: int | None) -> pd.DataFrame:
    return _df(
        con,
        """
        SELECT kind, title_ru, title_kk, title_en, period_from, period_to FROM agreements
        WHERE summit_id IS NOT DISTINCT FROM $summit_id""",
        {"summit_id": summit_id},
    )


def known_figures(con: duckdb.DuckDBPyConnection, summit_id: int | None) -> pd.DataFrame:
    return _df(
        con,
        f"""
        SELECT {", ".join(FIGURE_ROW_KEY)} FROM figures
        WHERE summit_id IS NOT DISTINCT FROM $summit_id""",
        {"summit_id": summit_id},
    )


def source_with_hash(con: duckdb.DuckDBPyConnection, sha256: str) -> str | None:
    row = con.execute("SELECT file_name FROM sources WHERE sha256 = $sha256", {"sha256": sha256}).fetchone()
    return row[0] if row else None


def source_with_text(con: duckdb.DuckDBPyConnection, text: str) -> str | None:
    """The file whose text is this one: the same article in other bytes (a page fetched again, its markup changed)."""
    row = con.execute(
        "SELECT file_name FROM sources WHERE text = $text ORDER BY source_id LIMIT 1", {"text": text}
    ).fetchone()
    return row[0] if row else None


# ---- data quality ----


def _kept(table: str, alias: str) -> str:
    """SQL keeping the facts of `table` (as `alias`) that the shared filters (`_kept_params`) keep: meetings by
    year and number, countries (participants by state; figures by economy, Central Asia kept), confidence.
    Facts of texts placed at no meeting are kept unless a year or meeting is chosen."""
    sql = f"""({alias}.summit_id IN (SELECT s.summit_id FROM summits s WHERE {SUMMIT_FILTER})
              OR ({alias}.summit_id IS NULL AND {NO_MEETING_CHOSEN}))
             AND {CONFIDENCE_FILTER.format(column=f"{alias}.confidence")}"""
    if table == "participants":
        sql += f" AND {COUNTRY_FILTER.format(column=f'{alias}.country_code')}"
    elif table == "figures":
        sql += f" AND ({COUNTRY_FILTER.format(column=f'{alias}.scope')} OR {alias}.scope = '{REGION}')"
    return sql


def _kept_params(f: Filters) -> Params:
    return {**f.summit_params(), **f.country_params(), **f.confidence_params()}


def confirmation(con: duckdb.DuckDBPyConnection, f: Filters | None = None) -> pd.DataFrame:
    """Facts reported by one text only against those confirmed by several, per kind of fact."""
    parts = [
        f"""SELECT '{table}' AS facts, count(*) FILTER (WHERE source_count = 1) AS one_source,
                        count(*) FILTER (WHERE source_count > 1) AS several_sources
                 FROM {table} {alias} WHERE {_kept(table, alias)}"""
        for table, alias in (("participants", "p"), ("agreements", "a"), ("figures", "x"))
    ]
    # the participants' branch filters by country; a figure's is its scope: both read $countries
    return _df(con, "\nUNION ALL ".join(parts), _kept_params(f or Filters()))


NO_LIMIT = 2**62


def single_source_facts(
    con: duckdb.DuckDBPyConnection, f: Filters | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Every fact only one text reports, with that text (its title and link, to cite it) and the passage. Each
    branch picks its rows by id first, so the descriptions are built for the rows shown, not for a million."""
    kept_p, kept_a, kept_f = (_kept(table, "k") for table in ("participants", "agreements", "figures"))
    return _df(
        con,
        f"""
        SELECT 'participant' AS fact, p.summit_id, coalesce(p.country_code, p.organization) || ' · ' || p.role AS what,
               s.title AS source_title, s.url AS source_url, p.quote, s.file_name
        FROM (SELECT participant_id FROM participants k WHERE source_count = 1 AND {kept_p}
              ORDER BY participant_id LIMIT $branch_limit) pick
        JOIN participants p USING (participant_id) JOIN sources s ON s.source_id = p.source_id
        UNION ALL
        SELECT 'agreement', a.summit_id, a.kind || ' · ' || coalesce(a.title_ru, a.title_kk, a.title_en),
               s.title, s.url, a.quote, s.file_name
        FROM (SELECT agreement_id FROM agreements k WHERE source_count = 1 AND {kept_a} ORDER BY agreement_id
              LIMIT $branch_limit) pick
        JOIN agreements a USING (agreement_id) JOIN sources s ON s.source_id = a.source_id
        UNION ALL
        SELECT 'figure', f.summit_id, f.scope || ' · ' || f.metric || ' · ' || f.kind || ' · ' || f.value || ' ' || f.unit,
               s.title, s.url, f.quote, s.file_name
        FROM (SELECT figure_id FROM figures k WHERE source_count = 1 AND {kept_f} ORDER BY figure_id
              LIMIT $branch_limit) pick
        JOIN figures f USING (figure_id) JOIN sources s ON s.source_id = f.source_id
        ORDER BY fact, summit_id""",
        {**_kept_params(f or Filters()), "branch_limit": limit or NO_LIMIT},
        limit,
    )


# Figures of one identity (warehouse/codes.py) that texts give with different values, among those the filters keep.
CONFLICTS_SQL = f"""
    WITH groups AS (
        SELECT {", ".join(FIGURE_IDENTITY)} FROM figures k WHERE {_kept("figures", "k")}
        GROUP BY ALL HAVING count(DISTINCT value) > 1)
    SELECT f.figure_id, f.summit_id, f.scope, f.counterpart, f.metric, f.kind, f.unit, f.period_year, f.value, f.period,
           f.source_id, f.quote
    FROM figures f JOIN groups g ON {same_in_sql("f", "g")}"""


def conflicting_figures(
    con: duckdb.DuckDBPyConnection, f: Filters | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Figures that texts give differently for the same figure (meeting, economy, counterpart, metric, kind, unit
    and year: warehouse/codes.py), side by side (neighbouring rows), with the text each comes from (title, link,
    publisher, file)."""
    return _df(
        con,
        f"""
        SELECT c.summit_id, c.scope, c.counterpart, c.metric, c.kind, c.unit, c.period_year, c.value, c.period,
               s.title AS source_title, s.url AS source_url, s.publisher, c.quote, s.file_name
        FROM ({CONFLICTS_SQL}
              ORDER BY {", ".join(f"f.{c}" for c in FIGURE_ROW_KEY)}, f.figure_id LIMIT $conflicts_limit) c
        JOIN sources s USING (source_id)
        ORDER BY {", ".join(f"c.{c}" for c in FIGURE_ROW_KEY)}""",
        {**_kept_params(f or Filters()), "conflicts_limit": limit or NO_LIMIT},
    )


def conflicting_figures_count(con: duckdb.DuckDBPyConnection, f: Filters | None = None) -> int:
    return _count(con, CONFLICTS_SQL, _kept_params(f or Filters()))


def uncalendared_meetings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Meetings only texts know of, not the reference calendar (an 8th meeting from an uploaded file, or a
    misread edition): to check."""
    return _df(
        con,
        """
        SELECT summit_id, held_on, city, host_country, source_count FROM v_summits WHERE origin = 'text'
        ORDER BY summit_id""",
    )


def unplaced_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Texts placed at no meeting: what was seen of one, and how many facts were kept for them unassigned."""
    return _df(con, "SELECT * FROM v_unplaced_sources ORDER BY source_id")


def unplaced_facts(con: duckdb.DuckDBPyConnection, limit: int | None = None) -> pd.DataFrame:
    """The facts kept, with no meeting, for the texts placed at none."""
    return _df(con, "SELECT * FROM v_unplaced_facts ORDER BY source_id, fact, fact_id", limit=limit)


def unplaced_facts_count(con: duckdb.DuckDBPyConnection) -> int:
    return _count(con, "FROM v_unplaced_facts", {})


def silent_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Texts that gave no participant, document or figure."""
    return _df(
        con,
        """
        SELECT source_id, file_name, language, title, summit_id FROM v_sources
        WHERE participant_facts = 0 AND agreement_facts = 0 AND figure_facts = 0 ORDER BY source_id""",
    )
