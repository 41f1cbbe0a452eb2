"""Typed node fields: each kind's record survives the store's JSON, old or hand-made
attribute mappings read without loss, and the builder writes what the extractors found."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.graph.builder import entity_fields
from scrutiny.graph.fields import (
    CaseFields,
    CommitmentFields,
    DocumentFields,
    FindingFields,
    MeetingFields,
    NodeFields,
    OrganisationFields,
    PersonFields,
    RecommendationFields,
    ResponseFields,
    ThemeFields,
    aliases_of,
    fields_for,
    fields_of,
    status_of,
    status_text,
)
from scrutiny.graph.model import Node
from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import (
    Case,
    Commitment,
    Committee,
    Council,
    Finding,
    Meeting,
    Organisation,
    Person,
    Recommendation,
    Response,
    ResponseStatus,
    Theme,
)
from scrutiny.ingest.records import Span

SPAN = Span(0, 10)

#: A value of each field type a record declares.
_VALUES: dict[object, st.SearchStrategy[Any]] = {
    str | None: st.none() | st.text(max_size=12),
    tuple[str, ...]: st.lists(st.text(max_size=8), max_size=3).map(tuple),
    bool | None: st.none() | st.booleans(),
    ResponseStatus | None: st.none() | st.sampled_from(ResponseStatus),
}


def _record(kind: NodeKind) -> st.SearchStrategy[NodeFields]:
    """Records of ``kind`` with any values in their typed fields."""
    cls = type(fields_for(kind, {}))
    hints = typing.get_type_hints(cls)
    values = {
        each.name: _VALUES[hints[each.name]]
        for each in dataclasses.fields(cls)
        if each.name != "extra"
    }
    return st.builds(cls, **values)


def _stored(fields: NodeFields) -> dict[str, Any]:
    """The attributes as the store reads them back: through its JSON encoding."""
    node = Node("n", NodeKind.CASE, "n", attributes=fields.to_attributes())
    decoded: dict[str, Any] = Node.parse_attributes(node.attributes_json())
    return decoded


@pytest.mark.parametrize("kind", list(NodeKind))
def test_every_kind_has_a_record_and_a_string_kind_reads_the_same(kind: NodeKind) -> None:
    assert fields_for(kind, {}) == fields_for(kind.value, {})
    assert fields_for(kind, {}).extra == {}


@pytest.mark.parametrize("kind", list(NodeKind))
@given(data=st.data())
def test_a_record_survives_the_stores_json(kind: NodeKind, data: st.DataObject) -> None:
    fields = data.draw(_record(kind))
    stored = _stored(fields)
    assert fields_for(kind, stored) == fields
    assert not fields_for(kind, stored).extra
    assert json.loads(json.dumps(fields.to_attributes())) == stored


def test_fields_of_reads_a_nodes_attributes() -> None:
    node = Node("r", NodeKind.RECOMMENDATION, "R1", attributes={"number": "1", "owners": ["A"]})
    assert fields_of(node) == RecommendationFields(number="1", owners=("A",))


def test_an_old_mapping_reads_missing_keys_as_empty_and_keeps_unknown_ones() -> None:
    old = {"number": 7, "owners": "Housing", "status": "accepted", "legacy": ["x"], "n": 2}
    fields = fields_for(NodeKind.RECOMMENDATION, old)
    assert isinstance(fields, RecommendationFields)
    assert fields.number == "7" and fields.owners == ("Housing",)
    assert fields.status is ResponseStatus.ACCEPTED
    assert fields.due is None and fields.section is None and fields.comment is None
    assert fields.progress is None
    assert fields.extra == {"legacy": ["x"], "n": 2}
    written = fields.to_attributes()
    assert written["legacy"] == ["x"] and written["n"] == 2
    assert "progress" not in written  # written only when set


def test_a_value_of_the_wrong_type_is_kept_as_stored() -> None:
    old = {"status": "Agreed in part", "due": ["by", "2025"], "owners": 3, "comment": "ok"}
    fields = fields_for(NodeKind.RECOMMENDATION, old)
    assert isinstance(fields, RecommendationFields)
    assert fields.status is None and fields.due is None and fields.owners == ()
    assert fields.comment == "ok"
    assert dict(fields.extra) == {"status": "Agreed in part", "due": ["by", "2025"], "owners": 3}
    written = fields.to_attributes()
    assert {key: written[key] for key in old} == old


def test_a_flag_reads_only_a_boolean() -> None:
    assert fields_for("finding", {"no_recommendation": True}) == FindingFields(
        no_recommendation=True
    )
    odd = fields_for("finding", {"no_recommendation": "yes"})
    assert isinstance(odd, FindingFields)
    assert odd.no_recommendation is None and odd.extra == {"no_recommendation": "yes"}


def test_commitment_status_and_progress_are_written_only_when_set() -> None:
    plain = CommitmentFields(made_by=("A",), actor=("A",), due=None, category="commitment")
    assert plain.to_attributes() == {
        "made_by": ("A",), "actor": ("A",), "due": None, "category": "commitment"
    }  # fmt: skip
    reported = CommitmentFields(status=ResponseStatus.DEFERRED, progress="Amber")
    assert reported.to_attributes()["status"] == "deferred"
    assert reported.to_attributes()["progress"] == "Amber"


def test_a_decision_is_told_by_its_category_in_any_case() -> None:
    assert CommitmentFields(category="Decision").is_decision
    assert not CommitmentFields(category="commitment").is_decision
    assert not CommitmentFields().is_decision


def test_status_and_aliases_are_read_only_from_kinds_that_have_them() -> None:
    accepted = ResponseStatus.ACCEPTED
    assert status_of(RecommendationFields(status=accepted)) is accepted
    assert status_of(ResponseFields(status=accepted)) is accepted
    assert status_of(CommitmentFields(status=accepted)) is accepted
    assert status_of(fields_for("person", {"status": "accepted"})) is None
    assert status_text(RecommendationFields(status=accepted)) == "accepted"
    assert status_text(fields_for("response", {"status": "Agreed in part"})) == "Agreed in part"
    assert status_text(fields_for("commitment", {})) is None
    assert status_text(fields_for("person", {"status": "accepted"})) is None
    assert aliases_of(OrganisationFields(aliases=("CFS",))) == ("CFS",)
    assert aliases_of(CaseFields(aliases=("child queue",))) == ("child queue",)
    assert aliases_of(PersonFields(roles=("Chair",))) == ()


# --- the builder's fields are what the extractors found ------------------------------------


def test_a_recommendation_takes_status_comment_and_owners_from_its_response() -> None:
    recommendation = Recommendation("r1", "R1", SPAN, 0.9, number="1", text="Do it.",
                                    due="2025", owners=("Written owner",))  # fmt: skip
    response = Response("s1", "S1", SPAN, 0.9, recommendation_key="r1",
                        status=ResponseStatus.PARTIALLY_ACCEPTED, status_text="Partially",
                        owners=("Housing",), comment="In part.")  # fmt: skip
    answered = entity_fields(recommendation, response).to_attributes()
    assert answered == {
        "number": "1", "section": None, "due": "2025", "owners": ("Housing",),
        "status": "partially accepted", "comment": "In part.",
    }  # fmt: skip
    unanswered = entity_fields(recommendation).to_attributes()
    assert unanswered["owners"] == ("Written owner",)
    assert unanswered["status"] is None and unanswered["comment"] is None
    assert "progress" not in unanswered
    rated = dataclasses.replace(recommendation, progress="Green")
    assert entity_fields(rated).to_attributes()["progress"] == "Green"


def test_a_theme_keeps_its_concept_and_not_its_per_document_score() -> None:
    theme = Theme("theme:x", "X", SPAN, 1.0, concept_uri="https://example.org/x", score=0.4)
    assert entity_fields(theme) == ThemeFields(concept="https://example.org/x")
    assert entity_fields(theme).to_attributes() == {"concept": "https://example.org/x"}


def test_other_entities_are_stored_as_they_describe_themselves() -> None:
    """Every other kind writes exactly the attributes its extracted record declares."""
    entities = [
        Response("s", "S", SPAN, 1.0, "r", ResponseStatus.NOTED, "Noted", ("A",), "c"),
        Finding("f", "F", SPAN, 1.0, number="2", subject="s", leads=("A",),
                no_recommendation=False),
        Commitment("c", "C", SPAN, 1.0, text="t", made_by=("A",), actor=("B",), due="2024",
                   category="decision"),
        Meeting("m", "M", SPAN, 1.0, council="C", committee="K", date="2024-01-01",
                attendees=("P",), items=("i",), decisions=("d",)),
        Committee("k", "K", SPAN, 1.0, council="C"),
        Council("c", "C", SPAN, 1.0),
        Organisation("o", "O", SPAN, 1.0, aliases=("OO",), identifier=None),
        Person("p", "P", SPAN, 1.0, roles=("Chair",)),
        Case("q", "Q", SPAN, 1.0, aliases=("QQ",)),
    ]  # fmt: skip
    for entity in entities:
        fields = entity_fields(entity)
        assert fields.to_attributes() == entity.attributes(), entity
        assert fields == fields_for(entity.kind.value, entity.attributes())


def test_a_document_node_has_typed_metadata() -> None:
    fields = fields_for("document", {"council": "C", "body": None, "source_url": "https://x"})
    assert fields == DocumentFields(council="C", source_url="https://x")
    meeting = fields_for("meeting", {"date": "2024-01-01", "attendees": ["P"]})
    assert meeting == MeetingFields(date="2024-01-01", attendees=("P",))
