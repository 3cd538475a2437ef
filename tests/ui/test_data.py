"""The dashboard's shared connection while the ETL swaps in new warehouse files: readers never see a closed
or busy connection."""

import shutil
import threading
import time

from etl.build import build_warehouse
from tests.conftest import BUNDLED_SOURCES


def test_readers_go_on_while_the_warehouse_is_rebuilt(tmp_path, monkeypatch):
    import ui.data as data
    from warehouse import queries as q

    sources = tmp_path / "sources"
    shutil.copytree(BUNDLED_SOURCES, sources)
    db = tmp_path / "w.duckdb"
    build_warehouse(sources, db, workers=1)
    monkeypatch.setenv("SUMMITS_DB", str(db))
    errors, answers, stop = [], [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                with data.cursor() as cur:
                    answers.append(q.overview_counts(cur)["sources"])
                time.sleep(0.005)
            except Exception as error:  # noqa: BLE001 — every error is what the test looks for
                errors.append(repr(error))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    for n in range(3):  # each build swaps in a new file under the readers
        (sources / f"extra{n}.txt").write_text(
            "Президенты подписали Соглашение о транзите.\n", encoding="utf-8"
        )
        build_warehouse(sources, db, workers=1)
        time.sleep(0.2)
    stop.set()
    for reader in readers:
        reader.join()
    assert not errors, errors[:3]
    assert answers and max(answers) == 8  # the readers saw the newest file
