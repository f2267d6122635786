"""The per-user cache of facts derived from rule files: kept across runs, never stale, never growing
with every edit of a file."""

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
    DerivedCache.shared().get(lazy_regex._CACHE_KIND, "0|ばか", lambda key: b"not a pickle")
    assert lazy_regex.compile_regex("ばか").search("おおばか").span() == (2, 4)


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
