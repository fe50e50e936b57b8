"""docs/security.md names the test that proves each requirement: every one must exist."""
import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"
NODE_ID = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]`]*\])?`")


def named_tests():
    return sorted(set(NODE_ID.findall(DOC.read_text(encoding="utf-8"))))


def test_the_review_names_tests_for_every_chapter():
    text = DOC.read_text(encoding="utf-8")
    for chapter in ("V2 ", "V3 ", "V4 ", "V5 ", "V6 ", "V7 ", "V8 ", "V13 ", "V14 "):
        assert f"## {chapter}" in text
    assert len(named_tests()) > 60


def test_every_test_the_review_names_exists():
    missing = []
    for path, name in named_tests():
        module = importlib.import_module(path[:-3].replace("/", "."))
        if not callable(getattr(module, name, None)) or not name.startswith("test_"):
            missing.append(f"{path}::{name}")
    assert not missing, "docs/security.md names tests that do not exist: " + ", ".join(missing)


def test_the_pattern_reads_parametrised_ids_and_refuses_a_missing_test(tmp_path):
    found = NODE_ID.findall("`tests/core/test_app.py::test_x[a-b]` and `tests/security/test_asvs.py::test_y`")
    assert found == [("tests/core/test_app.py", "test_x"), ("tests/security/test_asvs.py", "test_y")]
    module = importlib.import_module("tests.security.test_asvs")
    assert getattr(module, "test_y", None) is None
