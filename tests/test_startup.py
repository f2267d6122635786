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
