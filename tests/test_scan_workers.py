"""Worker processes: rows in input order, a bounded number of records in flight, and a worker that
dies costs one error row, not the run."""

import os

from nayoro_moderation.scan import Record, scan_records
from nayoro_moderation.scan import workers


def make_records(n):
    texts = ["除雪ありがとうございます", "市長ﾀﾋね", "", "ごみの日はいつですか"]
    return [Record(i + 1, f"r{i + 1}", texts[i % len(texts)]) for i in range(n)]


def test_rows_come_back_in_input_order_from_two_workers(monkeypatch):
    monkeypatch.setattr(workers, "BATCH_RECORDS", 7)
    rows = list(scan_records(make_records(150), jobs=2))
    assert [r.record for r in rows] == list(range(1, 151))
    assert [r.flagged for r in rows[:4]] == [False, True, False, False]


def test_records_are_read_only_a_few_batches_ahead(monkeypatch):
    monkeypatch.setattr(workers, "BATCH_RECORDS", 10)
    pulled = []

    def source():
        for record in make_records(400):
            pulled.append(record.record)
            yield record

    rows = scan_records(source(), jobs=2)
    next(rows)
    ahead = 2 * workers.IN_FLIGHT_PER_JOB * 10
    assert len(pulled) <= ahead + 10, "memory must not grow with the log"
    assert len(list(rows)) == 399


def test_a_record_that_kills_its_worker_becomes_an_error_row(monkeypatch):
    from nayoro_moderation import moderator

    real = moderator.Document

    def deadly(text):
        if text == "CRASH":
            os._exit(3)  # what a segfault in a native library looks like from outside
        return real(text)

    monkeypatch.setattr(moderator, "Document", deadly)  # forked workers inherit it
    monkeypatch.setattr(workers, "BATCH_RECORDS", 5)
    records = make_records(40)
    records[12] = Record(13, "r13", "CRASH")
    rows = list(scan_records(records, jobs=2))
    assert [r.record for r in rows] == list(range(1, 41))
    assert "crashed the worker" in rows[12].error
    assert [r.error for i, r in enumerate(rows) if i != 12] == [None] * 39
    assert rows[13].flagged  # r14 is 市長ﾀﾋね, scored after the pool restarted
