from etl.preview import preview_upload, safe_file_name


def test_upload_names_cannot_leave_the_sources_folder():
    assert [safe_file_name(n) for n in ["../../etc/passwd", "a\\b\\c.txt", ".hidden.txt", "", "ok.pdf"]] == [
        "passwd",
        "c.txt",
        "hidden.txt",
        "upload.txt",
        "ok.pdf",
    ]


def test_unsupported_upload_is_rejected_before_reading():
    preview = preview_upload("table.xlsx", b"PK\x03\x04")
    assert preview.rejection.reason == "unsupported_format"


def test_preview_finds_the_meeting_and_facts():
    text = (
        "14 сентября 2023 года в Душанбе состоялась пятая Консультативная встреча глав государств Центральной Азии. "
        "Во встрече приняли участие Президент Казахстана Касым-Жомарт Токаев и Президент Узбекистана Шавкат Мирзиёев."
    )
    preview = preview_upload("note.txt", text.encode())
    assert preview.rejection is None and preview.summit_id == 5
    assert {p.country_code for p in preview.tables.participants} == {"KAZ", "UZB"}


def test_a_preview_runs_in_a_process_of_its_own_with_limits():
    from etl.preview import preview_isolated

    text = "9 августа 2024 года в Астане состоялась 6-я Консультативная встреча глав государств Центральной Азии.\n"
    preview = preview_isolated("note.txt", text.encode())
    assert preview.rejection is None and preview.summit_id == 6
    slow = preview_isolated(
        "note.txt", text.encode(), seconds=0.01
    )  # over its time: rejected, the server unhurt
    assert slow.rejection.reason == "too_slow"
