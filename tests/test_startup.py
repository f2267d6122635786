"""The start-up budget of `python -m nayoro_moderation check` (benchmarks/cold_start.py): what a
check must not pay for, and the validation the fast path skips, done here instead."""

import subprocess
import sys

import pytest

from nayoro_moderation.detectors import all_detectors
from nayoro_moderation.rules import ContextSpec, Examples
from nayoro_moderation.validation import dump, validate

# Run twice with one fresh cache folder: the first run fills the derived cache, as a user's first
# run does; the second is the start every later run has.
_CLI_CHECK = """
import sys
from nayoro_moderation.cli import main
code = main(["check", sys.argv[1]])
print(code, "pydantic" in sys.modules, "importlib.metadata" in sys.modules)
"""

_API_CHECK = """
from nayoro_moderation import Moderator, report
report_ = Moderator().check("市長の電話番号は090-1234-5678です。11月28日（土）に除雪します。", mode="draft")
assert report_.findings
print(sorted(c.__name__ for c in vars(report).values() if getattr(c, "__pydantic_complete__", False)))
"""


def _second_run(script: str, tmp_path, *args: str) -> str:
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYDANTIC_DISABLE_PLUGINS": "__all__", "PATH": ""}
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True)
    return run.stdout


def test_the_command_line_check_imports_no_pydantic(tmp_path):
    # Importing pydantic is 0.13-0.2 s of a 0.5 s budget: rules and policies are dataclasses, and
    # the command line prints the Moderator's Review, not a Report.
    draft = tmp_path / "draft.txt"
    draft.write_text("市長の電話番号は090-1234-5678です。", encoding="utf-8")
    code, pydantic_imported, metadata_imported = _second_run(_CLI_CHECK, tmp_path, str(draft)).split("\n")[-2].split()
    assert code == "1"
    assert pydantic_imported == "False"
    assert metadata_imported == "False"


_CLI_CHECK_MODULES = """
import runpy, sys
sys.argv = ["nayoro_moderation", "check", sys.argv[1]]
try:
    runpy.run_module("nayoro_moderation", run_name="__main__")
except SystemExit:
    pass
"""


def test_a_command_line_check_imports_only_what_it_uses(tmp_path):
    # Each of these cost 1.5-3.5 ms of a start of ~180 ms, and a check with a warm cache needs none
    # of them: socket is `serve`'s, tomllib parses files the cache already holds, logging is for a
    # skipped check, hashlib's OpenSSL would only digest a key.
    draft = tmp_path / "draft.txt"
    draft.write_text("市長の電話番号は090-1234-5678です。", encoding="utf-8")
    script = _CLI_CHECK_MODULES.replace("except SystemExit:\n    pass", "except SystemExit:\n    pass\nprint(sorted(m for m in ('socket', 'tomllib', 'logging', 'hashlib') if m in sys.modules))")
    # __main__ leaves with os._exit after a check: the modules are listed before it, from a wrapper.
    script = script.replace('runpy.run_module("nayoro_moderation", run_name="__main__")', "import os; os._exit = lambda code: (_ for _ in ()).throw(SystemExit(code)); runpy.run_module('nayoro_moderation', run_name='__main__')")
    assert _second_run(script, tmp_path, str(draft)).strip().splitlines()[-1] == "[]"


def test_building_a_moderator_leaves_the_garbage_collector_as_it_was():
    import gc

    from nayoro_moderation import Moderator

    assert gc.isenabled()
    Moderator()
    assert gc.isenabled()  # paused while the tables were built, then on again
    gc.disable()
    try:
        Moderator()
        assert not gc.isenabled()  # a program that turned it off keeps it off
    finally:
        gc.enable()


_FROZEN_AFTER = """
import gc, os, runpy, sys
if sys.argv[1] == "library":
    from nayoro_moderation import Moderator
    Moderator().review("市長の電話番号は090-1234-5678です。")
else:
    sys.argv = ["nayoro_moderation", "check", sys.argv[2]]
    os._exit = lambda code: (_ for _ in ()).throw(SystemExit(code))  # __main__ leaves with os._exit
    try:
        runpy.run_module("nayoro_moderation", run_name="__main__")
    except SystemExit:
        pass
print(gc.get_freeze_count())
"""


def test_the_command_lines_own_process_leaves_what_it_built_out_of_the_collectors_passes(tmp_path):
    # The first collection after a pause walked all that the pause made: about 5 ms of a check's start.
    draft = tmp_path / "draft.txt"
    draft.write_text("市長の電話番号は090-1234-5678です。", encoding="utf-8")
    assert int(_second_run(_FROZEN_AFTER, tmp_path, "check", str(draft)).split()[-1]) > 10_000
    assert int(_second_run(_FROZEN_AFTER, tmp_path, "library").split()[-1]) == 0  # a program's collector is its own


def test_a_report_from_the_api_builds_no_pydantic_schema(tmp_path):
    # The first schema build of a process costs some 40 ms: reports and findings are made with
    # model_construct from values the Moderator typed itself.
    assert _second_run(_API_CHECK, tmp_path).strip() == "[]"


def test_importing_the_package_imports_no_module_of_its_own():
    run = subprocess.run(
        [sys.executable, "-c", "import sys, nayoro_moderation; print(sorted(m for m in sys.modules if m.startswith('nayoro_moderation.')))"],
        capture_output=True, text=True, check=True,
    )
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("detector", all_detectors(), ids=lambda d: d.id)
def test_detector_metadata_written_in_code_is_valid(detector):
    # Detectors build their ContextSpec without validation (at import, pydantic is not loaded).
    assert validate(ContextSpec, dump(detector.context)) == detector.context
    assert isinstance(detector.examples, Examples)
