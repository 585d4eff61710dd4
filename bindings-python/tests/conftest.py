import json
import pathlib

import pytest

VECTORS = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "testdata" / "vectors.json").read_text()
)


@pytest.fixture(scope="session")
def vectors() -> dict:
    return VECTORS


TOKEN_VECTORS = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "testdata" / "token_vectors.json").read_text()
)


@pytest.fixture(scope="session")
def token_vectors() -> dict:
    return TOKEN_VECTORS
