"""Every query the dashboard runs: plain functions that take a DuckDB connection (or cursor) and
filters and return DataFrames. Parameters are always bound with `?`, never formatted into SQL."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

ADOPTIONS = ("signed", "approved", "signed_by_delegations", "planned")
KINDS = ("joint_statement", "concept", "decision", "roadmap", "action_plan", "memorandum", "communique",
         "treaty", "declaration", "agreement", "programme", "other")
REGION = "C5"


@dataclass(frozen=True)
class Filters:
    """Filters shared by every page: years of the meetings, countries, one meeting."""

    year_from: int | None = None
    year_to: int | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    summit_id: int | None = None

    def summit_params(self) -> list:
        return [self.year_from, self.year_from, self.year_to, self.year_to, self.summit_id, self.summit_id]


# A meeting passes when its year is in range and it is the chosen one (if any); `s` is summits.
SUMMIT_FILTER = """
    (? IS NULL OR year(s.held_on) >= ?) AND (? IS NULL OR year(s.held_on) <= ?)
    AND (? IS NULL OR s.summit_id = ?)"""
COUNTRY_FILTER = "(len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], {column}))"


def _country_params(f: Filters) -> list:
    return [list(f.countries), list(f.countries)]


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


# ---- options for the filters ----


def filter_options(con) -> dict:
    """Years, countries and meetings the filters can offer."""
    years = con.execute("SELECT min(year(held_on)), max(year(held_on)) FROM summits").fetchone()
    countries = _df(con, """
        SELECT country_code, name_en FROM countries
        WHERE is_member OR country_code IN (SELECT country_code FROM participants)
           OR country_code IN (SELECT scope FROM figures) ORDER BY name_en""")
    summits = _df(con, "SELECT summit_id, held_on, city FROM summits ORDER BY summit_id")
    return {"years": years, "countries": countries, "summits": summits}


# ---- home ----


def overview_counts(con) -> dict[str, int]:
    row = con.execute("""
        SELECT (SELECT count(*) FROM summits WHERE summit_id IN (SELECT summit_id FROM sources)),
               (SELECT count(*) FROM summits),
               (SELECT count(DISTINCT country_code) FROM participants WHERE country_code IS NOT NULL),
               (SELECT count(*) FROM agreements), (SELECT count(*) FROM figures), (SELECT count(*) FROM sources),
               (SELECT count(*) FROM etl_rejects)""").fetchone()
    keys = ("meetings_covered", "meetings", "countries", "documents", "figures", "sources", "rejected")
    return dict(zip(keys, row, strict=True))


def latest_summit(con) -> pd.DataFrame:
    return _df(con, "SELECT * FROM v_summits WHERE source_count > 0 ORDER BY held_on DESC LIMIT 1")


def headline_trade(con) -> pd.DataFrame:
    """The latest reached value and target of Central Asia's intra-regional trade, with quotes."""
    return _df(con, """
        SELECT kind, value, unit, period, held_on, summit_id, quote, source_id FROM v_figures
        WHERE scope = ? AND metric = 'intra_regional_trade' AND unit = 'USD' AND kind IN ('actual', 'target')
        QUALIFY row_number() OVER (PARTITION BY kind ORDER BY held_on DESC NULLS LAST, figure_id DESC) = 1
        ORDER BY kind""", [REGION])


# ---- timeline ----


def summits(con, f: Filters) -> pd.DataFrame:
    return _df(con, f"""
        SELECT summit_id, held_on, city, host_country, host_name, chair, origin, source_count,
               participant_count, agreement_count, figure_count
        FROM v_summits s WHERE {SUMMIT_FILTER} ORDER BY summit_id""", f.summit_params())


def documents_per_summit(con, f: Filters) -> pd.DataFrame:
    return _df(con, f"""
        SELECT s.summit_id, s.held_on, s.city, a.adoption, count(*) AS documents
        FROM agreements a JOIN summits s USING (summit_id)
        WHERE {SUMMIT_FILTER} GROUP BY ALL ORDER BY s.summit_id, a.adoption""", f.summit_params())


def summit_facts(con, summit_id: int) -> dict[str, pd.DataFrame]:
    """Everything recorded for one meeting, each fact with its quote."""
    return {
        "participants": _df(con, """
            SELECT coalesce(country_name, organization) AS participant, person, role, is_chair, quote, source_id
            FROM v_participants WHERE summit_id = ? ORDER BY role DESC, participant""", [summit_id]),
        "agreements": _df(con, """
            SELECT kind, adoption, coalesce(title_ru, title_kk, title_en) AS title, period_from, period_to, quote, source_id
            FROM agreements WHERE summit_id = ? ORDER BY agreement_id""", [summit_id]),
        "figures": _df(con, """
            SELECT scope, metric, kind, value, unit, period, quote, source_id
            FROM figures WHERE summit_id = ? ORDER BY figure_id""", [summit_id]),
    }


# ---- trade and targets ----


def figures(con, f: Filters, metrics: tuple[str, ...] = ()) -> pd.DataFrame:
    """Figures of the filtered meetings; the country filter keeps those countries and Central Asia."""
    return _df(con, f"""
        SELECT figure_id, summit_id, held_on, scope, scope_name, counterpart, metric, kind, value, unit,
               period, period_year, confidence, source_count, quote, source_id
        FROM v_figures s
        WHERE {SUMMIT_FILTER}
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], scope) OR scope = '{REGION}')
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], metric))
        ORDER BY held_on, scope, metric, kind, figure_id""",
               f.summit_params() + _country_params(f) + [list(metrics), list(metrics)])


def figure_metrics(con) -> list[str]:
    return [m for (m,) in con.execute("SELECT DISTINCT metric FROM figures ORDER BY 1").fetchall()]


# ---- participation ----


def participation(con, f: Filters) -> pd.DataFrame:
    """One row per participant and meeting, for the country × meeting matrix."""
    return _df(con, f"""
        SELECT s.summit_id, s.held_on, s.city, coalesce(p.country_name, p.organization) AS participant,
               p.country_code, p.organization, p.person, p.role, p.is_chair, p.is_host, p.source_count, p.quote
        FROM v_participants p JOIN summits s USING (summit_id)
        WHERE {SUMMIT_FILTER} AND {COUNTRY_FILTER.format(column="p.country_code")}
        ORDER BY s.summit_id, p.role DESC, participant""", f.summit_params() + _country_params(f))


def hosts(con, f: Filters) -> pd.DataFrame:
    return _df(con, f"""
        SELECT s.summit_id, s.held_on, s.city, s.host_country, c.name_en AS host_name, s.chair
        FROM summits s LEFT JOIN countries c ON c.country_code = s.host_country
        WHERE {SUMMIT_FILTER} ORDER BY s.summit_id""", f.summit_params())


# ---- agreements ----


def agreements(con, f: Filters, kinds: tuple[str, ...] = (), adoptions: tuple[str, ...] = (),
               valid_in: int | None = None) -> pd.DataFrame:
    """Documents of the filtered meetings; `valid_in` keeps those whose period covers that year."""
    return _df(con, f"""
        SELECT agreement_id, summit_id, held_on, city, kind, adoption, title_ru, title_en, title_kk,
               period_from, period_to, confidence, source_count, quote, source_id
        FROM v_agreements s
        WHERE {SUMMIT_FILTER}
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], kind))
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], adoption))
          AND (?::INTEGER IS NULL OR (coalesce(period_from, 0) <= ? AND coalesce(period_to, 9999) >= ?
                                      AND (period_from IS NOT NULL OR period_to IS NOT NULL)))
        ORDER BY summit_id, agreement_id""",
               f.summit_params() + [list(kinds), list(kinds), list(adoptions), list(adoptions), valid_in, valid_in, valid_in])


# ---- sources ----


def sources(con, f: Filters) -> pd.DataFrame:
    return _df(con, f"""
        SELECT v.source_id, v.file_name, v.language, v.title, v.publisher, v.published_on, v.summit_id,
               v.participant_facts, v.agreement_facts, v.figure_facts, v.url
        FROM v_sources v LEFT JOIN summits s USING (summit_id)
        WHERE (s.summit_id IS NULL AND ? IS NULL AND ? IS NULL AND ? IS NULL) OR ({SUMMIT_FILTER})
        ORDER BY v.source_id""", [f.year_from, f.year_to, f.summit_id] + f.summit_params())


def source_text(con, source_id: int) -> tuple[str, pd.DataFrame]:
    """A source's text and the passages taken from it (kind of fact, quote)."""
    text = con.execute("SELECT text FROM sources WHERE source_id = ?", [source_id]).fetchone()
    passages = _df(con, """
        SELECT 'participant' AS fact, quote FROM participant_sources WHERE source_id = ?
        UNION SELECT 'agreement', quote FROM agreement_sources WHERE source_id = ?
        UNION SELECT 'figure', quote FROM figure_sources WHERE source_id = ?
        UNION SELECT 'meeting', quote FROM summit_mentions WHERE source_id = ?
        ORDER BY 1, 2""", [source_id] * 4)
    return (text[0] if text else ""), passages


def rejects(con) -> pd.DataFrame:
    return _df(con, "SELECT file_name, reason, detail FROM etl_rejects ORDER BY file_name")


# ---- SQL page ----


def schema_columns(con) -> pd.DataFrame:
    """Every table and view with its columns, types and data-dictionary descriptions."""
    return _df(con, """
        SELECT c.table_name AS "table", CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS object,
               c.column_name AS "column", c.data_type AS type, coalesce(c.comment, '') AS description
        FROM duckdb_columns() c LEFT JOIN duckdb_views() v ON v.view_name = c.table_name AND NOT v.internal
        WHERE NOT c.internal AND c.schema_name = 'main'
        ORDER BY object, "table", c.column_index""")
