"""The start-up budget of `python -m nayoro_moderation check` (benchmarks/cold_start.py): what a
check must not pay for, and the validation the fast path skips, done here instead."""

import subprocess
import sys

import pytest

from nayoro_moderation.detectors import all_detectors
from nayoro_moderation.rules import ContextSpec, Examples

# Run twice with one fresh cache folder: the first run fills the derived cache, as a user's first
# run does; the second is the start every later run has.
_SECOND_RUN = """
import sys
from nayoro_moderation import Moderator, policy, report, rules
report_ = Moderator().check("市長の電話番号は090-1234-5678です。11月28日（土）に除雪します。", mode="draft")
assert report_.findings
models = [c for m in (rules, policy, report) for c in vars(m).values() if isinstance(c, type) and hasattr(c, "__pydantic_complete__")]
print(sorted(c.__name__ for c in models if c.__pydantic_complete__))
print("importlib.metadata" in sys.modules)
"""


def test_a_check_with_a_warm_cache_builds_no_pydantic_schema(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYDANTIC_DISABLE_PLUGINS": "__all__", "PATH": ""}
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", _SECOND_RUN], env=env, capture_output=True, text=True, check=True)
    built, metadata_imported = run.stdout.splitlines()
    # The first schema build of a process costs some 40 ms; findings and reports are built with
    # model_construct, rules and the default policy come validated from the cache.
    assert built == "[]"
    assert metadata_imported == "False"


def test_importing_the_package_imports_no_module_of_its_own():
    run = subprocess.run(
        [sys.executable, "-c", "import sys, nayoro_moderation; print(sorted(m for m in sys.modules if m.startswith('nayoro_moderation.')))"],
        capture_output=True, text=True, check=True,
    )
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("detector", all_detectors(), ids=lambda d: d.id)
def test_detector_metadata_written_in_code_is_valid(detector):
    # Detectors build their ContextSpec with model_construct (no validation at import).
    assert ContextSpec.model_validate(detector.context.model_dump()) == detector.context
    assert isinstance(detector.examples, Examples)
