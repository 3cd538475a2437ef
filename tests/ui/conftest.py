import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT

PAGES = ["pages/home.py", "pages/timeline.py", "pages/trade.py", "pages/participation.py", "pages/agreements.py",
         "pages/sources.py"]


@pytest.fixture
def app(bundled_warehouse, monkeypatch):
    """Run the dashboard against the bundled warehouse: `app(page, **query_params)`."""
    monkeypatch.setenv("SUMMITS_DB", str(bundled_warehouse))
    monkeypatch.chdir(PROJECT)

    def run(page: str = "pages/home.py", **params) -> AppTest:
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page)
        return at.run()

    return run
