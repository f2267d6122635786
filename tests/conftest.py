import os
import shutil
import tempfile

import pytest

from nayoro_moderation import Moderator


def pytest_configure(config):
    # The suite writes rule packs to temporary folders and compiles patterns it makes up: its derived
    # cache is a folder of its own, shared by the session's subprocesses, never the user's ~/.cache
    # (where every run's temporary packs were kept for good).
    config._nayoro_cache = tempfile.mkdtemp(prefix="nayoro-test-cache-")
    os.environ["XDG_CACHE_HOME"] = config._nayoro_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_nayoro_cache", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return Moderator()
