"""The per-user cache of facts derived from rule files: kept across runs, never stale, never growing
with every edit of a file."""

from nayoro_moderation.derived_cache import DerivedCache


def test_answers_are_kept_for_the_next_run_and_a_new_version_of_a_file_replaces_the_old(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NAYORO_MODERATION_CACHE", raising=False)
    first = DerivedCache()
    first.get("rule", "a.toml|size 10", lambda key: "a, first version", replaces="a.toml|")
    first.get("rule", "a.toml|size 12", lambda key: "a, edited", replaces="a.toml|")
    first.get("rule", "b.toml|size 7", lambda key: "b", replaces="b.toml|")
    first.save()

    later = DerivedCache()
    assert later.get("rule", "a.toml|size 12", lambda key: "worked out again") == "a, edited"
    assert later.get("rule", "b.toml|size 7", lambda key: "worked out again") == "b"
    assert later.get("rule", "a.toml|size 10", lambda key: "worked out again") == "worked out again"


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
