"""The QTI package run by an independent QTI 2.1 implementation (PyPI pyslet): it opens the
content package, parses every item and test with its content-model checks, and runs each
item's response processing. The right answer must earn full marks, a wrong one must not,
and the feedback shown must be the feedback of what was chosen."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pyslet.imscpv1p2 as cp
import pyslet.qtiv2.xml as qti
import pytest
from pyslet.qtiv2 import variables as v
from pyslet.qtiv2.items import AssessmentItem
from pyslet.qtiv2.tests import AssessmentTest

from generator.models import Curriculum
from generator.outputs.exports import export
from tests.exports_support import ROOT, expected_questions, load_course

# pyslet (2017) calls its own renamed methods and warns about it on every element.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyslet")


@pytest.fixture(scope="module")
def course() -> Curriculum:
    return load_course(ROOT)


@pytest.fixture(scope="module")
def package(course: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(course, "qti", tmp_path_factory.mktemp("qti"))


def read(data: bytes) -> Any:
    doc = qti.QTIDocument()
    doc.read(src=io.BytesIO(data))  # raises QTIValidityError on a content-model breach
    return doc.root


def session(item: AssessmentItem, response: Any) -> v.ItemSessionState:
    state = v.ItemSessionState(item)
    state.begin_session()
    state["numAttempts"].set_value(1)
    if response is not None:
        state["RESPONSE"] = response
    state.end_attempt()
    return state


def identifiers(cardinality: str, keys: list[str]) -> Any:
    if cardinality == "single":
        value = v.IdentifierValue()
        value.set_value(keys[0])
        return value
    container = (v.OrderedContainer if cardinality == "ordered" else v.MultipleContainer)(
        v.BaseType.identifier
    )
    container.set_value(keys)
    return container


def shown(state: v.ItemSessionState) -> set[str]:
    return set(state["FEEDBACK"].value or {})


def test_pyslet_opens_the_package(package: Path, tmp_path: Path) -> None:
    pkg = cp.ContentPackage(str(package))
    try:
        resources = pkg.manifest.root.Resources.Resource
        kinds = {r.type for r in resources}
        assert kinds == {"imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1"}
    finally:
        pkg.close()


def test_every_item_parses_and_scores(course: Curriculum, package: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        files = {n: zf.read(n) for n in zf.namelist() if n != "imsmanifest.xml"}
    items = {}
    for name, data in files.items():
        root = read(data)
        if name.startswith("tests/"):
            assert isinstance(root, AssessmentTest), name
            continue
        assert isinstance(root, AssessmentItem), name
        items[root.identifier] = root
    for e in expected_questions(course):
        item, q = items[e.ident], e.question
        cardinality = "multiple" if q.type == "multiple" else "single"
        right = session(item, v.Value.copy_value(v.ItemSessionState(item)["RESPONSE.CORRECT"]))
        assert right["SCORE"].value == pytest.approx(right["MAXSCORE"].value), e.ident
        assert right["MAXSCORE"].value == 1, e.ident
        correct_keys = [str(k) for k in _keys(right["RESPONSE.CORRECT"])]
        if q.type == "ordering":
            wrong = identifiers("ordered", correct_keys[::-1])
        elif q.type == "true_false":
            wrong = identifiers("single", ["TRUE" if not q.answer else "FALSE"])
        else:
            options = [f"C{n}" for n in range(1, len(q.options) + 1)]
            wrong_keys = [k for k in options if k not in correct_keys]
            wrong = identifiers(
                cardinality, wrong_keys[:1] if cardinality == "single" else options
            )  # every option ticked: wrong ones cancel
            assert shown(right) >= set(correct_keys), e.ident
        failed = session(item, wrong)
        assert failed["SCORE"].value == 0, e.ident
        if q.explanation or q.type == "ordering":
            assert "GENERAL" in shown(failed), e.ident
        assert session(item, None)["SCORE"].value == 0, e.ident


def _keys(value: Any) -> list[str]:
    raw = value.value
    if isinstance(raw, dict):
        return sorted(raw)
    return list(raw) if isinstance(raw, (list, tuple)) else [raw]
