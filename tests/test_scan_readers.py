"""Reading real export formats: every record comes out once, in file order, with its id, time and
text as the moderator would see them; what cannot be read is a record with an error."""

import codecs
import json
from datetime import datetime
from pathlib import Path

import pytest

from nayoro_moderation.scan import ScanInputError, read_records
from nayoro_moderation.scan.readers import parse_time, repair_mojibake

FIXTURES = Path(__file__).parent / "fixtures" / "scan"


def records(path, *args, **kwargs):
    return list(read_records(path, *args, **kwargs))


def test_monitoring_tool_csv_keeps_quoted_newlines_doubled_quotes_and_empty_comments():
    rs = records(FIXTURES / "monitor.csv")
    assert [r.id for r in rs] == ["c-0001", "c-0002", "c-0003", "c-0004", "c-0005", "c-0006"]
    assert [r.record for r in rs] == [1, 2, 3, 4, 5, 6]
    assert rs[1].text == "ごみ収集の日程、年末年始はどうなりますか？\nカレンダーに載っていなかったので…"
    assert rs[2].text == "ひまわりまつりの写真、\"映え\"ますね"
    assert rs[4].text == "" and rs[4].error is None
    assert rs[0].time == datetime(2026, 11, 20, 7, 12)
    assert all(r.error is None for r in rs)


def test_excel_cp932_csv_with_crlf_and_vendor_characters():
    rs = records(FIXTURES / "excel_cp932.csv")
    assert [r.id for r in rs] == ["1", "2", "3"]
    assert rs[2].text == "①②③の手順で申請できました。髙橋さんありがとう"
    assert rs[1].text == "担当者死ね"  # no \r left at the end of the line
    assert rs[0].time == datetime(2026, 11, 22, 18, 3)


def test_excel_unicode_text_is_utf16_tab_separated():
    rs = records(FIXTURES / "excel_unicode.txt")
    assert [(r.id, r.text) for r in rs] == [("101", "図書館の開館時間を教えてください"), ("102", "お前バカだろ")]


def test_utf8_bom_csv_finds_the_message_column_and_numbers_lines():
    rs = records(FIXTURES / "utf8_bom.csv")
    assert [(r.id, r.text) for r in rs] == [("L2", "天文台の観望会、楽しかったです"), ("L3", "カンマ, を含む感想")]
    assert rs[0].time.isoformat() == "2026-11-24T20:00:00+09:00"


def test_jsonl_reads_id_time_text_and_parent_post():
    rs = records(FIXTURES / "comments.jsonl")
    assert [r.id for r in rs] == ["j1", "j2", "j3", "j4"]
    assert rs[0].context.startswith("【除雪情報】")
    assert rs[2].text == ""


def test_x_archive_unescapes_html_and_reads_created_at():
    rs = records(FIXTURES / "tweets.js")
    assert [r.id for r in rs] == ["1860000000000000001", "1860000000000000002", "1860000000000000003"]
    assert rs[0].text == "@nayoro_city 除雪ありがとうございます & お疲れさまです"
    assert rs[2].text == "@nayoro_city 子ども <5歳> の健診はいつですか"
    assert rs[0].time.isoformat() == "2026-11-20T01:15:00+00:00"


def test_facebook_mojibake_is_repaired_and_a_sticker_is_an_empty_comment():
    raw = (FIXTURES / "your_comments.json").read_text(encoding="utf-8")
    assert "\\u00e3\\u0081" in raw  # the fixture holds the real export's escaping
    rs = records(FIXTURES / "your_comments.json")
    assert [r.text for r in rs] == ["ひまわりまつり、今年も楽しみにしています！", "担当者死ね", "", "名寄のもち米🍡最高"]
    assert [r.id for r in rs] == ["#1", "#2", "#3", "#4"]
    assert rs[0].time.isoformat() == "2026-11-26T09:00:00+09:00"


def test_repair_mojibake_leaves_proper_text_alone():
    assert repair_mojibake("名寄") == "名寄"
    assert repair_mojibake("café") == "café"  # latin-1 that is not UTF-8 bytes
    assert repair_mojibake("名".encode().decode("latin-1")) == "名"


def test_line_talk_history_dates_multiline_quotes_and_system_lines():
    rs = records(FIXTURES / "line_talk.txt")
    assert [r.id for r in rs] == ["L5", "L6", "L8", "L9", "L10", "L13", "L14"]
    assert rs[1].text == "ごみ収集の日程について\n年末年始はどうなりますか？"
    assert rs[1].time == datetime(2026, 11, 20, 7, 40)
    assert rs[4].text == "佐藤花子がメッセージの送信を取り消しました"
    assert rs[5].text == '引用符で始まる"発言"です'
    assert rs[6].text == 'ひとこと目\n"引用"を含む二行目'
    assert rs[6].time == datetime(2026, 11, 21, 10, 5)
    assert all(r.error is None for r in rs)


def test_line_history_from_an_iphone_separates_with_spaces_and_is_found_by_its_shape():
    rs = records(FIXTURES / "line_talk_iphone.txt")
    assert [r.id for r in rs] == ["L5", "L6", "L8", "L9", "L12", "L13"]
    assert rs[0].text == "除雪ありがとうございます 今朝は早かったですね"  # only the first space ends the name
    assert rs[1].text == "ごみ収集の日程について\n年末年始はどうなりますか？"
    assert rs[1].time == datetime(2026, 11, 20, 7, 40)
    assert rs[3].text == "佐藤花子がメッセージの送信を取り消しました"
    assert rs[4].time == datetime(2026, 11, 21, 10, 0)


def test_line_history_reads_the_same_with_lf_or_crlf(tmp_path):
    lf = tmp_path / "talk.txt"
    lf.write_bytes((FIXTURES / "line_talk.txt").read_bytes().replace(b"\r\n", b"\n"))
    as_lf = [(r.id, r.text, r.time) for r in records(lf)]
    assert as_lf == [(r.id, r.text, r.time) for r in records(FIXTURES / "line_talk.txt")]


def test_line_message_that_only_begins_with_a_quote_is_kept_as_written(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text('2026/11/20(金)\n09:00\t山田\t"除雪"ありがとう\n09:01\t佐藤\tどういたしまして\n', encoding="utf-8")
    rs = records(path)
    assert [r.text for r in rs] == ['"除雪"ありがとう', "どういたしまして"]


def test_line_unterminated_quote_at_the_end_is_an_error_row(tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text('2026/11/20(金)\n09:00\t山田\tこんにちは\n09:01\t佐藤\t"書きかけの\n複数行\n', encoding="utf-8")
    rs = records(path)
    assert len(rs) == 2
    assert rs[1].error and "unterminated" in rs[1].error
    assert "書きかけの" in rs[1].text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932"])
def test_every_encoding_reads_the_same_records(tmp_path, encoding):
    text = "ID,コメント\r\n1,除雪ありがとうございます\r\n2,\"髙橋さん\r\n①番窓口\"\r\n"
    path = tmp_path / "log.csv"
    data = text.encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    path.write_bytes(data)
    rs = records(path)
    assert [(r.id, r.text) for r in rs] == [("1", "除雪ありがとうございます"), ("2", "髙橋さん\r\n①番窓口")]


def test_text_column_by_name_or_number_and_a_clear_error_for_a_wrong_one(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("番号,本文,返信\n1,こんにちは,はい\n", encoding="utf-8")
    assert records(path)[0].text == "こんにちは"
    assert records(path, text_column="返信")[0].text == "はい"
    assert records(path, text_column="3")[0].text == "はい"
    with pytest.raises(ScanInputError, match="no text column 'reply'; the columns are: 番号, 本文, 返信"):
        read_records(path, text_column="reply")


def test_csv_without_a_known_text_column_asks_for_one(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ScanInputError, match="--text-column"):
        read_records(path)


def test_malformed_csv_rows_become_error_rows_and_blank_lines_are_not_records(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "id,time,text\n"
        "1,2026/11/20 10:00,ふつうのコメント\n"
        "\n"
        "2,2026/11/20 10:01,カンマが,引用符の外に,ある\n"
        "3\n"
        "4,2026/11/20 10:03,\n"
        "5,2026/11/20 10:04,最後のコメント,\n",
        encoding="utf-8",
    )
    rs = records(path)
    assert [r.id for r in rs] == ["1", "2", "3", "4", "5"]
    assert rs[0].error is None and rs[3].error is None and rs[4].error is None
    assert "5 fields but the header has 3" in rs[1].error and "カンマが" in rs[1].text
    assert "1 fields but the header has 3" in rs[2].error
    assert rs[4].text == "最後のコメント"  # an empty trailing field is not damage


def test_undecodable_bytes_spoil_only_their_own_record(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes("id,text\n1,前のコメント\n".encode() + b"2,\xff\xfe\x80broken\n" + "3,後のコメント\n".encode())
    from nayoro_moderation.scan.records import unreadable

    rs = records(path)
    assert [r.id for r in rs] == ["1", "2", "3"]
    assert [bool(unreadable(r)) for r in rs] == [False, True, False]


def test_malformed_jsonl_lines_become_error_rows(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text(
        '{"id": "a", "text": "ふつう"}\n'
        '{"id": "b", "text": "閉じていない\n'
        "\n"
        '["配列"]\n'
        '{"id": "d", "body_text": "キー違い"}\n'
        '{"id": "e", "text": 42}\n'
        '{"id": "f", "text": null}\n'
        '{"id": "g", "text": "最後"}\n',
        encoding="utf-8",
    )
    rs = records(path)
    assert [r.id for r in rs] == ["a", "L2", "L4", "d", "e", "f", "g"]
    assert [r.error is None for r in rs] == [True, False, False, False, False, True, True]
    assert "not valid JSON" in rs[1].error and "not an object" in rs[2].error.replace("a JSON list, ", "not ")
    assert "no text field" in rs[3].error and "int, not text" in rs[4].error
    assert rs[5].text == ""


def test_truncated_x_archive_keeps_what_it_read_and_says_the_rest_is_lost(tmp_path):
    whole = (FIXTURES / "tweets.js").read_text(encoding="utf-8")
    cut = whole[: whole.index('"1860000000000000003"') + 10]
    path = tmp_path / "tweets.js"
    path.write_text(cut, encoding="utf-8")
    rs = records(path)
    assert [r.id for r in rs[:2]] == ["1860000000000000001", "1860000000000000002"]
    assert len(rs) == 3 and rs[2].error and "the rest of the file cannot be read" in rs[2].error


def test_json_list_items_are_streamed_across_read_chunks(tmp_path):
    from nayoro_moderation.scan.readers import iter_json_array
    import io

    items = [{"n": i, "text": "あ" * (i * 37 % 500)} for i in range(300)]
    stream = io.StringIO(json.dumps(items, ensure_ascii=False)[1:])
    assert list(iter_json_array(stream, "", chunk=64)) == items


def test_facebook_export_with_another_key_first_is_still_read(tmp_path):
    path = tmp_path / "comments.json"
    path.write_text(json.dumps({"version": 2, "comments_v2": [{"timestamp": 1, "data": [{"comment": {"comment": "ok", "timestamp": 1}}]}]}))
    assert [r.text for r in records(path, "facebook")] == ["ok"]


def test_binary_and_unknown_files_are_refused_with_one_clear_reason(tmp_path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ScanInputError, match="binary"):
        read_records(binary)
    notes = tmp_path / "notes.txt"
    notes.write_text("ただのメモです\n二行目\n", encoding="utf-8")
    with pytest.raises(ScanInputError, match="--input-format"):
        read_records(notes)
    with pytest.raises(ScanInputError, match="no such file"):
        read_records(tmp_path / "missing.csv")


def test_empty_log_has_no_records(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert records(path) == []
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,text\n", encoding="utf-8")
    assert records(header_only) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T10:15:00+09:00", "2026-11-20T10:15:00+09:00"),
        ("2026/11/20 10:15", "2026-11-20T10:15:00"),
        ("2026/11/20", "2026-11-20T00:00:00"),
        ("2026年11月20日 10時15分", "2026-11-20T10:15:00"),
        ("2026年11月20日(金) 10:15:30", "2026-11-20T10:15:30"),
        ("Fri Nov 20 01:15:00 +0000 2026", "2026-11-20T01:15:00+00:00"),
        (1795392000, "2026-11-23T09:00:00+09:00"),
        ("1795392000000", "2026-11-23T09:00:00+09:00"),
    ],
)
def test_time_formats_of_exports(value, expected):
    assert parse_time(value).isoformat() == expected


def test_unreadable_time_is_kept_as_written():
    assert parse_time("きのうの夜") == "きのうの夜"
    assert parse_time("") is None
