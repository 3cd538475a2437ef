import duckdb

from warehouse.dictionary import read_dictionary


def test_every_column_is_documented(bundled_warehouse):
    dictionary = read_dictionary()
    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        tables = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
        ).fetchall()
        views = {
            v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        }
    base_columns = {(t, c) for t, c in tables if t not in views}
    missing = [
        (t, c)
        for t, c in tables
        if c not in dictionary.get(t, {})
        and not (t in views and any((base, c) in base_columns for base in dictionary))
    ]
    assert missing == []


def test_dictionary_is_stored_as_comments(bundled_warehouse):
    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' AND column_name = 'scope'"
        ).fetchone()[0]
    assert "C5" in comment
