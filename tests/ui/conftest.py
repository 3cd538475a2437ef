import shutil

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build_warehouse
from tests.conftest import BUNDLED_SOURCES, PROJECT

PAGES = [
    "dashboard.py",
    "pages/1_Timeline.py",
    "pages/2_Trade_and_targets.py",
    "pages/3_Participation.py",
    "pages/4_Agreements.py",
    "pages/5_Sources.py",
    "pages/6_SQL.py",
    "pages/7_Add_documents.py",
    "pages/8_Data_quality.py",
]


@pytest.fixture
def app(bundled_warehouse, monkeypatch):
    """Run the dashboard against the bundled warehouse: `app(page, **query_params)`."""
    monkeypatch.setenv("SUMMITS_DB", str(bundled_warehouse))
    monkeypatch.chdir(PROJECT)

    def run(page: str = "dashboard.py", **params) -> AppTest:
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if page != "dashboard.py":
            at.switch_page(page)
        return at.run()

    return run


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A copy of the bundled sources and its warehouse, which the Add documents page writes to: (sources, db)."""
    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db)
    monkeypatch.setenv("SUMMITS_DB", str(db))
    monkeypatch.setenv("SUMMITS_SOURCES", str(sources))
    monkeypatch.chdir(PROJECT)
    return sources, db
