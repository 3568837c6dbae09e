"""The QTI 2.1 package read back with lxml: well-formed, the package and item structure of
the QTI 2.1 and IMS CP specifications, and keys and feedback equal to the YAML.

No registry package (PyPI or npm) ships the IMS QTI 2.1 XSDs, so these checks are
structural, written from the specification's content model for the elements we use;
test_export_qti_pyslet.py adds an independent QTI implementation's own checks."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.markup import ALLOWED_TAGS
from generator.models import Curriculum
from generator.outputs.exports import export
from tests.exports_support import ROOT, expected_questions, load_course, md_plain, plain

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS = {"q": QTI, "cp": CP}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
ITEM_ORDER = [
    "responseDeclaration",
    "outcomeDeclaration",
    "itemBody",
    "responseProcessing",
    "modalFeedback",
]
# What the sanitiser lets authors write, less the three tags QTI 2.1's XHTML subset lacks.
XHTML = ALLOWED_TAGS - {"u", "s", "mark"}
QTI_ELEMENTS = {
    "assessmentItem",
    "responseDeclaration",
    "outcomeDeclaration",
    "correctResponse",
    "value",
    "mapping",
    "mapEntry",
    "defaultValue",
    "itemBody",
    "choiceInteraction",
    "orderInteraction",
    "extendedTextInteraction",
    "simpleChoice",
    "rubricBlock",
    "responseProcessing",
    "responseCondition",
    "responseIf",
    "match",
    "variable",
    "correct",
    "setOutcomeValue",
    "baseValue",
    "mapResponse",
    "not",
    "isNull",
    "multiple",
    "modalFeedback",
}
INTERACTION_CARDINALITY = {"orderInteraction": "ordered", "extendedTextInteraction": "single"}


def local(el: etree._Element) -> str:
    return str(etree.QName(el).localname)


@pytest.fixture(scope="module")
def course() -> Curriculum:
    return load_course(ROOT)


@pytest.fixture(scope="module")
def package(course: Curriculum, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path = export(course, "qti", tmp_path_factory.mktemp("qti"))
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def check_package(files: dict[str, bytes]) -> dict[str, etree._Element]:
    """Manifest and files agree; every item and test has the QTI structure. Returns the
    parsed items by identifier."""
    manifest = parse(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{CP}}}manifest"
    resources = manifest.findall("cp:resources/cp:resource", NS)
    idents = [r.get("identifier") for r in resources]
    assert len(idents) == len(set(idents)) and all(NCNAME.match(i) for i in idents)
    listed = {f.get("href") for r in resources for f in r.findall("cp:file", NS)}
    assert listed | {"imsmanifest.xml"} == set(files), "manifest and zip disagree"
    items: dict[str, etree._Element] = {}
    for r in resources:
        assert r.get("href") in listed
        for dep in r.findall("cp:dependency", NS):
            assert dep.get("identifierref") in idents
        root = parse(files[r.get("href")])
        if r.get("type") == "imsqti_item_xmlv2p1":
            check_item(root)
            items[root.get("identifier")] = root
        else:
            assert r.get("type") == "imsqti_test_xmlv2p1"
            check_test(root, r.get("href"), files)
    return items


def check_item(item: etree._Element) -> None:
    name = item.get("identifier")
    assert item.tag == f"{{{QTI}}}assessmentItem", name
    assert NCNAME.match(name) and item.get("title"), name
    assert item.get("adaptive") == "false" and item.get("timeDependent") == "false", name
    order = [ITEM_ORDER.index(local(c)) for c in item]
    assert order == sorted(order), f"{name}: children out of order"
    for el in item.iter():
        assert etree.QName(el).namespace == QTI, f"{name}: {el.tag} outside QTI"
        assert local(el) in QTI_ELEMENTS | XHTML, f"{name}: <{local(el)}> not allowed"
    declared = {d.get("identifier"): d for d in item if local(d).endswith("Declaration")}
    for var in item.iter(f"{{{QTI}}}variable", f"{{{QTI}}}setOutcomeValue"):
        assert var.get("identifier") in declared, name
    choices: set[str] = set()
    for interaction in item.find("q:itemBody", NS).iter():
        if not local(interaction).endswith("Interaction"):
            continue
        response = declared[interaction.get("responseIdentifier")]
        want = INTERACTION_CARDINALITY.get(local(interaction)) or (
            "single" if interaction.get("maxChoices") == "1" else "multiple"
        )
        assert response.get("cardinality") == want, name
        choices |= {c.get("identifier") for c in interaction.findall("q:simpleChoice", NS)}
    for value in item.findall("q:responseDeclaration/q:correctResponse/q:value", NS):
        assert value.text in choices, name
    for entry in item.findall("q:responseDeclaration/q:mapping/q:mapEntry", NS):
        assert entry.get("mapKey") in choices, name
    for fb in item.findall("q:modalFeedback", NS):
        assert fb.get("outcomeIdentifier") in declared, name
        assert fb.get("identifier") in choices | {"GENERAL"}, name


def check_test(test: etree._Element, href: str, files: dict[str, bytes]) -> None:
    assert test.tag == f"{{{QTI}}}assessmentTest"
    refs = test.findall(".//q:assessmentItemRef", NS)
    assert refs
    for ref in refs:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(href), ref.get("href")))
        assert parse(files[target]).get("identifier") == ref.get("identifier")


def test_package_structure(package: dict[str, bytes]) -> None:
    check_package(package)


def test_keys_and_feedback_match_the_yaml(course: Curriculum, package: dict[str, bytes]) -> None:
    items = check_package(package)
    expected = expected_questions(course)
    assert sorted(items) == sorted(e.ident for e in expected)
    for e in expected:
        item, q = items[e.ident], e.question
        choices = {
            c.get("identifier"): plain(etree.tostring(c, encoding="unicode"))
            for c in item.iter(f"{{{QTI}}}simpleChoice")
        }
        correct = [choices[v.text] for v in item.findall(".//q:correctResponse/q:value", NS)]
        feedback = {
            f.get("identifier"): plain(etree.tostring(f, encoding="unicode"))
            for f in item.findall("q:modalFeedback", NS)
        }
        assert md_plain(q.prompt) in plain(
            etree.tostring(item.find("q:itemBody", NS), encoding="unicode")
        ), e.ident
        assert md_plain(q.explanation) in feedback.get("GENERAL", ""), e.ident
        if q.type == "ordering":
            assert correct == [s.text for s in q.steps], e.ident
        elif q.type == "true_false":
            assert correct == [str(q.answer)], e.ident
            assert [feedback["TRUE"], feedback["FALSE"]] == [
                md_plain(q.if_true),
                md_plain(q.if_false),
            ]
        else:
            assert correct == [o.text for o in q.options if o.correct], e.ident
            assert list(choices.values()) == [o.text for o in q.options], e.ident
            assert [feedback[k] for k in choices] == [md_plain(o.feedback) for o in q.options]


def test_multiple_choice_mapping_gives_full_marks_only_for_all_right(
    package: dict[str, bytes],
) -> None:
    for item in check_package(package).values():
        mapping = item.find("q:responseDeclaration/q:mapping", NS)
        if mapping is None:
            continue
        values = [float(e.get("mappedValue")) for e in mapping]
        assert 1 <= sum(v for v in values if v > 0) < 1 + 1e-6
        assert float(mapping.get("upperBound")) == 1 and float(mapping.get("lowerBound")) == 0


def test_structure_check_can_fail(package: dict[str, bytes]) -> None:
    broken = dict(package)
    name = next(n for n in broken if n.startswith("items/"))
    broken[name] = broken[name].replace(b"<itemBody>", b"<itemBody><u>x</u>", 1)
    with pytest.raises(AssertionError):
        check_package(broken)
    del broken[name]
    with pytest.raises(AssertionError, match="manifest and zip disagree"):
        check_package(broken)


def test_package_is_reproducible(course: Curriculum, tmp_path: Path) -> None:
    first = export(course, "qti", tmp_path / "a").read_bytes()
    assert export(course, "qti", tmp_path / "b").read_bytes() == first
