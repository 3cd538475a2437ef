import shutil
import subprocess

import duckdb
import pytest

from etl.__main__ import main
from tests.conftest import PROJECT
from tests.snapshot import expected
from warehouse.export import PARTITIONED_BY_YEAR, SINGLE_FILE, read_exported


@pytest.fixture(scope="module")
def exported(bundled_warehouse, tmp_path_factory):
    directory = tmp_path_factory.mktemp("export")
    assert main(["export", "--format", "parquet", str(directory), "--db", str(bundled_warehouse)]) == 0
    return directory


@pytest.mark.parametrize("table", PARTITIONED_BY_YEAR + SINGLE_FILE)
def test_parquet_round_trip_equals_the_warehouse(table, exported, bundled_warehouse):
    with duckdb.connect(str(bundled_warehouse), read_only=True) as con:
        columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
        expected = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
    back = read_exported(exported, table)
    assert back.columns == columns
    assert back.order("ALL").fetchall() == expected


def test_fact_tables_are_partitioned_by_year(exported):
    assert sorted(p.name for p in (exported / "figures").iterdir()) == ["year=2024", "year=2025"]
    assert (exported / "countries.parquet").exists()


def test_export_twice_replaces(exported, bundled_warehouse):
    assert main(["export", str(exported), "--db", str(bundled_warehouse)]) == 0
    assert len(read_exported(exported, "figures").fetchall()) == len(expected()["figures"])


def test_the_export_folder_is_ignored_by_git():
    """The README's `etl export … export/` must not leave Parquet files for `git add .` to pick up."""
    git = shutil.which("git")
    if git is None or subprocess.run([git, "rev-parse"], cwd=PROJECT, capture_output=True).returncode:
        pytest.skip("not in a git checkout")
    ignored = subprocess.run(
        [git, "check-ignore", "-q", "export/figures/year=2024/data_0.parquet"], cwd=PROJECT
    )
    assert ignored.returncode == 0, "export/ is not in .gitignore"
