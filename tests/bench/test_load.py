"""The load test in small: sessions cycle every page of a real server while the warehouse is rebuilt under
them, and no page shows an error (the benchmark runs 20 sessions for a minute)."""

from bench.load import run_load_test, summary_lines
from tests.conftest import BUNDLED_SOURCES


def test_pages_under_rebuilds_show_no_error(tmp_path):
    result = run_load_test(BUNDLED_SOURCES, sessions=3, seconds=6, rebuild_every=1.5, work=tmp_path)
    assert result.rebuilds >= 1 and result.rebuild_failures == 0
    assert len({run.page for run in result.runs}) == 9  # every page was asked for
    assert result.errors == []
    assert "0 errors" in summary_lines(result)[0]


def test_an_exception_or_an_error_box_counts_as_an_error():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench.load import _errors_in

    crashed, boxed, fine = ForwardMsg(), ForwardMsg(), ForwardMsg()
    crashed.delta.new_element.exception.type = "ConnectionException"
    crashed.delta.new_element.exception.message = "Connection already closed!"
    boxed.delta.new_element.alert.body = "No warehouse"
    boxed.delta.new_element.alert.format = boxed.delta.new_element.alert.ERROR
    fine.delta.new_element.markdown.body = "Timeline"
    assert _errors_in(crashed) == ["ConnectionException: Connection already closed!"]
    assert _errors_in(boxed) == ["error box: No warehouse"]
    assert _errors_in(fine) == []
