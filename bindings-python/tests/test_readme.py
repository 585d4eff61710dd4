"""The README's Python in the sections about the embedded portal and the CSP runs as written."""

import pathlib
import re

import pytest

README = (pathlib.Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def blocks(lang: str, start: str, end: str) -> list[str]:
    section = README[README.index(start):README.index(end, README.index(start))]
    return re.findall(r"^ *```" + lang + r"\n(.*?)^ *```$", section, flags=re.M | re.S)


PYTHON = blocks("python", "## Token mode: the embedded portal", "## Rust")


def test_there_are_blocks():
    assert len(PYTHON) >= 2


@pytest.mark.parametrize("code", PYTHON, ids=[f"block {i}" for i in range(len(PYTHON))])
def test_readme_block_runs(code, monkeypatch):
    monkeypatch.setenv("UNTHREAD_PORTAL_EMBED_SECRET", "readme-embed-secret-of-32-bytes!!")
    exec(compile(code, "README.md", "exec"), {})
