from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent


@pytest.fixture
def bad_inputs() -> Path:
    return TESTS / "bad_inputs"


@pytest.fixture
def fixtures() -> Path:
    return TESTS / "fixtures"
