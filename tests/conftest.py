import pytest

from nayoro_moderation import Moderator


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    return Moderator()
