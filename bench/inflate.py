"""A warehouse inflated to about a million fact rows (participants + agreements + figures), with the real
schema, views and reference data, for measuring the dashboard's queries and pages at scale."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from etl.loader import insert_rows, reference_rows, store_dictionary
from etl.reference import load_gazetteer
from warehouse import WAREHOUSE_DIR
from warehouse.codes import ADOPTIONS, KINDS, REGION

METRICS = ["intra_regional_trade", "trade_turnover", "fdi_inflow", "investment", "exports", "imports"]
SCOPES = [REGION, "KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE"]
COUNTRIES = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE", "AFG", "RUS", "CHN", "TUR"]


def _sql_list(values) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build_inflated_warehouse(
    path: Path, fact_rows: int = 1_000_000, summits: int = 60, sources: int = 20_000
) -> dict:
    """Write the inflated warehouse at `path`; returns rows per fact table."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    agreements = fact_rows * 2 // 5
    figures = fact_rows - agreements - summits * len(COUNTRIES)
    cities = sorted(load_gazetteer().city_country.items())
    with duckdb.connect(str(path)) as con:
        con.execute((WAREHOUSE_DIR / "schema.sql").read_text(encoding="utf-8"))
        for table, rows in reference_rows().items():
            insert_rows(con, table, rows)
        city_names = _sql_list([c for c, _ in cities])
        city_hosts = _sql_list([h for _, h in cities])
        con.execute(f"""
            INSERT INTO summits SELECT i, DATE '2018-03-15' + INTERVAL (i * 120) DAY,
                {city_names}[1 + i % {len(cities)}], {city_hosts}[1 + i % {len(cities)}], 'Chair ' || i, 'text', NULL
            FROM range(1, {summits} + 1) t(i)""")
        con.execute(f"""
            INSERT INTO sources SELECT i, 'synthetic_' || i || '.txt', CASE WHEN i % 3 = 0 THEN 'kk' ELSE 'ru' END,
                'Заголовок ' || i, 'Outlet ' || (i % 40), DATE '2018-01-01' + INTERVAL (i % 2900) DAY, 1 + i % {summits},
                md5(i::VARCHAR), repeat('Текст сообщения о встрече. ', 40) || i, NULL, 'utf-8', 1100, 'txt'
            FROM range(1, {sources} + 1) t(i)""")
        con.execute(f"""
            INSERT INTO summit_mentions SELECT i, 1 + i % {summits}, 1 + i % {summits}, NULL, NULL, true,
                'Текст сообщения о встрече.' FROM range(1, {sources} + 1) t(i)""")
        con.execute(f"""
            INSERT INTO participants SELECT row_number() OVER (), s, c, NULL, 'Person ' || c, NULL,
                CASE WHEN c IN ('AFG', 'RUS', 'CHN', 'TUR') THEN 'guest' ELSE 'head_of_state' END, false,
                1 + (s * 7 + hash(c)) % {sources}, 'Текст сообщения о встрече.', 'high', 1, 'cue'
            FROM range(1, {summits} + 1) a(s), unnest({_sql_list(COUNTRIES)}) b(c)""")
        con.execute(
            "INSERT INTO participant_sources SELECT participant_id, source_id, quote FROM participants"
        )
        con.execute(f"""
            INSERT INTO agreements SELECT i, 1 + i % {summits}, {_sql_list(KINDS)}[1 + i % {len(KINDS)}],
                {_sql_list(ADOPTIONS)}[1 + (i // 7) % {len(ADOPTIONS)}], 'Документ о сотрудничестве № ' || i, NULL,
                CASE WHEN i % 3 = 0 THEN 2018 + i % 10 END, CASE WHEN i % 2 = 0 THEN 2025 + i % 15 END,
                1 + i % {sources}, 'Текст сообщения о встрече.', NULL, 'high', 1, 'list'
            FROM range(1, {agreements} + 1) t(i)""")
        con.execute("INSERT INTO agreement_sources SELECT agreement_id, source_id, quote FROM agreements")
        con.execute(f"""
            INSERT INTO figures SELECT i, 1 + i % {summits}, {_sql_list(SCOPES)}[1 + i % {len(SCOPES)}],
                {_sql_list(METRICS)}[1 + (i // 3) % {len(METRICS)}], ['actual', 'target', 'change'][1 + i % 3],
                CASE WHEN i % 3 = 2 THEN i % 40 ELSE 1e8 * (1 + i % 200) END, CASE WHEN i % 3 = 2 THEN 'percent' ELSE 'USD' END,
                'в ' || (2018 + i % 8) || ' году', 1 + i % {sources}, 'Текст сообщения о встрече.', NULL, 2018 + i % 8,
                'medium', 1, 'sentence', CASE WHEN i % 3 = 1 THEN 2030 END, NULL, NULL
            FROM range(1, {figures} + 1) t(i)""")
        con.execute("INSERT INTO figure_sources SELECT figure_id, source_id, quote FROM figures")
        con.execute((WAREHOUSE_DIR / "views.sql").read_text(encoding="utf-8"))
        store_dictionary(con)
        con.execute("CHECKPOINT")
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("participants", "agreements", "figures")
        }
    os.chmod(path, 0o644)
    return counts
