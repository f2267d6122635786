"""The per-user cache of facts derived from rule files: kept across runs, never stale, never growing
with every edit of a file."""

import os
import re
import subprocess
import sys

import pytest
from test_rule_lint import GOOD

from nayoro_moderation.derived_cache import DerivedCache


def test_answers_are_kept_for_the_next_run_and_a_new_version_of_a_file_replaces_the_old(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text("", encoding="utf-8")
    b.write_text("", encoding="utf-8")
    first = DerivedCache()
    first.get("rule", f"{a}|size 10", lambda key: "a, first version", replaces=f"{a}|")
    first.get("rule", f"{a}|size 12", lambda key: "a, edited", replaces=f"{a}|")
    first.get("rule", f"{b}|size 7", lambda key: "b", replaces=f"{b}|")
    first.save()

    later = DerivedCache()
    assert later.get("rule", f"{a}|size 12", lambda key: "worked out again") == "a, edited"
    assert later.get("rule", f"{b}|size 7", lambda key: "worked out again") == "b"
    assert later.get("rule", f"{a}|size 10", lambda key: "worked out again") == "worked out again"


def test_an_unreadable_cache_file_is_an_empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    cache = DerivedCache()
    cache.get("term_tokens", "馬鹿", lambda key: ("ばか",))
    cache.save()
    for path in (tmp_path / "nayoro_moderation").iterdir():
        path.write_bytes(b"not a pickle")
    assert DerivedCache().get("term_tokens", "馬鹿", lambda key: "worked out again") == "worked out again"


def test_a_compiled_pattern_is_kept_and_not_parsed_again(tmp_path, monkeypatch):
    import regex

    from nayoro_moderation import lazy_regex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    first = lazy_regex.compile_regex(r"(?<=市長)(?:死ね|消えろ)")
    DerivedCache.shared().save()

    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # a later run
    monkeypatch.setattr(regex, "compile", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed again")))
    later = lazy_regex.compile_regex(r"(?<=市長)(?:死ね|消えろ)")
    assert later.search("市長消えろ").span() == first.search("市長消えろ").span() == (2, 5)


def test_a_damaged_compiled_pattern_is_compiled_again(tmp_path, monkeypatch):
    from nayoro_moderation import lazy_regex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    DerivedCache.shared().get(lazy_regex._kind(), "0|ばか", lambda key: b"not a pickle")
    assert lazy_regex.compile_regex("ばか").search("おおばか").span() == (2, 4)


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"(?P<word>市長)(?:は|が)?\s*(?:死ね|消えろ)", 0),
    (r"^(?:担当|[課係室])\s*$", re.MULTILINE),
    (r"([^0-9])\1{2,}", re.DOTALL),
    (r"[\u30a1-\u30f6]+|(?i:iq)", 0),
])
def test_a_stdlib_pattern_comes_from_its_kept_code_in_a_later_run_and_is_the_pattern_re_makes(tmp_path, monkeypatch, pattern, flags):
    from nayoro_moderation import re_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    first = re_cache.compile_re(pattern, flags)
    DerivedCache.shared().save()

    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # a later run
    monkeypatch.setattr(re_cache, "_compiled_parts", lambda *a: (_ for _ in ()).throw(AssertionError("compiled again")))
    later = re_cache.compile_re(pattern, flags)
    # Patterns compare equal only when their pattern, flags and compiled code are the same.
    assert later == first == re.compile(pattern, flags)
    assert later.groupindex == re.compile(pattern, flags).groupindex
    text = "名寄市長は 消えろ！！！\n担当\nIQ"
    assert [m.span() for m in later.finditer(text)] == [m.span() for m in re.finditer(pattern, text, flags)]


def test_a_damaged_stdlib_pattern_entry_is_compiled_again_and_a_bad_pattern_raises_as_re_does(tmp_path, monkeypatch):
    from nayoro_moderation import re_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    DerivedCache.shared().get(re_cache._kind(), "0|ばか", lambda key: ("not", "compiled", "code"))
    assert re_cache.compile_re("ばか").search("おおばか").span() == (2, 4)
    with pytest.raises(re.error):
        re_cache.compile_re("(ばか")


def test_compiled_patterns_of_another_version_of_regex_or_python_are_dropped(tmp_path, monkeypatch):
    from nayoro_moderation import lazy_regex, re_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    old = DerivedCache()
    old.get("compiled regex 0.0.1", "0|ばか", lambda key: b"older regex")
    old.get("re code 3.0.0 (old build)", "0|ばか", lambda key: ("older", "python"))
    old.save()

    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # a run after the upgrade
    lazy_regex._kind.cache_clear()  # each kind is named once per process: this test is a new one
    re_cache._kind.cache_clear()
    assert lazy_regex.compile_regex("ばか").search("おおばか").span() == (2, 4)
    assert re_cache.compile_re("ばか").search("おおばか").span() == (2, 4)
    kinds = DerivedCache.shared()._kinds()
    assert "compiled regex 0.0.1" not in kinds and "re code 3.0.0 (old build)" not in kinds
    assert lazy_regex._kind() in kinds and re_cache._kind() in kinds
    lazy_regex._kind.cache_clear()
    re_cache._kind.cache_clear()


def test_word_alternations_are_the_same_pattern_in_every_run():
    """The detectors' word alternations are kept in the derived cache by their text: built from sets,
    whose order changes with each run's string hashing, they were compiled anew at every start."""
    probe = ("from nayoro_moderation.detectors import sensitive_person, system_layout, car_plate; "
             "print(sensitive_person._any_clue().pattern, system_layout._terms().pattern, car_plate._plate_pattern().pattern)")
    runs = {subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1


def test_answers_about_a_deleted_rule_file_are_dropped(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kept, gone = tmp_path / "KEEP001.toml", tmp_path / "GONE001.toml"
    kept.write_text("id = 1", encoding="utf-8")
    gone.write_text("id = 2", encoding="utf-8")
    cache = DerivedCache()
    cache.get("rule", f"{kept}|size 6", lambda key: "kept")
    cache.get("rule", f"{gone}|size 6", lambda key: "gone")
    gone.unlink()
    cache.save()

    later = DerivedCache()
    assert later.get("rule", f"{kept}|size 6", lambda key: "worked out again") == "kept"
    assert later.get("rule", f"{gone}|size 6", lambda key: "worked out again") == "worked out again"


def test_an_answer_that_cannot_be_pickled_is_dropped_and_the_rest_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    cache = DerivedCache()
    cache.get("term_tokens", "馬鹿", lambda key: lambda: "a function does not pickle")
    cache.get("folded term", "バーカ", lambda key: "ばか")
    cache.save()  # must not raise
    assert [p.name for p in (tmp_path / "nayoro_moderation").iterdir()] == [cache._file.name]  # nothing half-written
    later = DerivedCache()
    assert later.get("folded term", "バーカ", lambda key: "worked out again") == "ばか"
    assert later.get("term_tokens", "馬鹿", lambda key: "worked out again") == "worked out again"


def test_writing_the_cache_removes_this_installations_files_of_older_formats(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = DerivedCache()
    folder = cache._file.parent
    folder.mkdir(parents=True)
    install = cache._file.name.rpartition("-")[2]
    older, other_install = folder / f"derived-0.0.9-f1-{install}", folder / "derived-0.0.9-f1-0000abcd.pickle"
    older.write_bytes(b"old")
    other_install.write_bytes(b"another virtual environment's")
    cache.get("term_tokens", "馬鹿", lambda key: ("ばか",))
    cache.save()
    assert sorted(p.name for p in folder.iterdir()) == sorted([cache._file.name, other_install.name])


def test_answers_of_older_code_are_dropped_when_the_code_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    first = DerivedCache()
    first.get(first.versioned("folded term", "stamp-1"), "バーカ", lambda key: "ばか (old fold)")
    first.save()

    later = DerivedCache()
    kind = later.versioned("folded term", "stamp-2")  # normalize.py was edited
    assert later.get(kind, "バーカ", lambda key: "ばか (new fold)") == "ばか (new fold)"
    later.save()
    assert DerivedCache().get("folded term stamp-1", "バーカ", lambda key: "gone") == "gone"


def test_a_table_not_asked_for_is_kept_as_it_was_when_the_cache_is_written_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    first = DerivedCache()
    first.get("term_tokens", "馬鹿", lambda key: ("ばか",))
    first.get("folded term", "バーカ", lambda key: "ばか")
    first.save()
    second = DerivedCache()  # a run that only folds a new word
    second.get("folded term", "アホ", lambda key: "あほ")
    second.save()
    third = DerivedCache()
    assert third.get("term_tokens", "馬鹿", lambda key: "worked out again") == ("ばか",)
    assert third.get("folded term", "アホ", lambda key: "worked out again") == "あほ"




def _local_findings(text: str, pack) -> list[tuple[str, str]]:
    from nayoro_moderation import Moderator

    # A new DerivedCache is what a new process reads from the cache file.
    review = Moderator(rules=[pack]).review(text, "comment")
    return [(hit.rule_id, hit.matched) for hit in review.findings if hit.rule_id.startswith("LOC")]


def test_a_modes_tables_come_from_the_cache_in_a_later_run_and_an_edited_rule_file_rebuilds_them(tmp_path, monkeypatch):
    import os

    from nayoro_moderation import engine

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "LOC001.toml"
    rule.write_text(GOOD, encoding="utf-8")  # the lint's good local rule, on ジンギスカン
    text = "ジンギスカンとラム肉"

    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    assert _local_findings(text, pack) == [("LOC001", "ジンギスカン")]
    DerivedCache.shared().save()

    monkeypatch.setattr(engine._Tables, "__init__", lambda *args: pytest.fail("tables built again"))
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # a later run
    assert _local_findings(text, pack) == [("LOC001", "ジンギスカン")]  # the stored tables, same finding
    monkeypatch.undo()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    rule.write_text(GOOD.replace("ジンギスカン", "ラム肉"), encoding="utf-8")
    stat = rule.stat()
    os.utime(rule, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # the run after the edit
    assert _local_findings(text, pack) == [("LOC001", "ラム肉")]


def test_a_check_reads_only_its_own_modes_stored_tables(tmp_path, monkeypatch):
    # Each mode's tables are about 2 MB pickled: a draft's start once copied the comment mode's too.
    from nayoro_moderation import Moderator

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())
    built = Moderator()
    for mode in ("draft", "comment"):
        built.review("市長は辞めろ", mode)
    DerivedCache.shared().save()

    monkeypatch.setattr(DerivedCache, "_shared", DerivedCache())  # a later run
    later = Moderator()
    assert [h.rule_id for h in later.review("市長は辞めろ", "draft").findings] == [h.rule_id for h in built.review("市長は辞めろ", "draft").findings]
    unread = DerivedCache.shared()._stored
    assert "tables comment" in unread and "tables draft" not in unread


def test_tables_of_rules_made_in_memory_are_never_taken_from_the_cache(tmp_path, monkeypatch):
    from nayoro_moderation.engine import _tables_key
    from nayoro_moderation.rules import bundled_rules_dir, load_rules

    rules = load_rules([bundled_rules_dir()])
    assert _tables_key(rules, {}) is not None
    made = [r for r in rules if r.match][:1]
    assert _tables_key([type(made[0])(**{**{f: getattr(made[0], f) for f in made[0].__dataclass_fields__}, "path": ""})], {}) is None
