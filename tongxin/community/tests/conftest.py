import pytest

from tongxin.community.rules import ensure_default_categories


@pytest.fixture(autouse=True)
def categories(db):
    ensure_default_categories()
