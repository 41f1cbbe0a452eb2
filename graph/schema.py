"""Node and edge kinds of the knowledge graph: a closed vocabulary."""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    DOCUMENT = "document"
    PASSAGE = "passage"
    MEETING = "meeting"
    COMMITTEE = "committee"
    COUNCIL = "council"
    RECOMMENDATION = "recommendation"
    RESPONSE = "response"
    FINDING = "finding"
    COMMITMENT = "commitment"
    ORGANISATION = "organisation"
    PERSON = "person"
    THEME = "theme"
    CASE = "case"


class EdgeKind(StrEnum):
    HAS_PASSAGE = "has_passage"  # document -> passage
    RECORDS = "records"  # document -> meeting it records
    HELD_BY = "held_by"  # meeting -> committee
    PART_OF = "part_of"  # committee -> council
    PUBLISHED_BY = "published_by"  # document -> council
    EXTRACTED_FROM = "extracted_from"  # entity -> passage it came from
    RESPONDS_TO = "responds_to"  # response -> recommendation
    OWNED_BY = "owned_by"  # response -> organisation
    LED_BY = "led_by"  # finding -> organisation
    ANSWERS = "answers"  # commitment -> recommendation or finding
    MADE_BY = "made_by"  # commitment -> organisation or person
    ACTOR = "actor"  # commitment -> organisation or person who must act
    ATTENDED = "attended"  # person -> meeting
    MEMBER_OF = "member_of"  # person -> organisation
    HAS_THEME = "has_theme"  # entity or passage -> theme
    MENTIONS = "mentions"  # passage -> case, organisation or person


#: Node kinds that exist once across the whole knowledge base, not per document.
GLOBAL_KINDS = frozenset(
    {
        NodeKind.COMMITTEE,
        NodeKind.COUNCIL,
        NodeKind.ORGANISATION,
        NodeKind.PERSON,
        NodeKind.THEME,
        NodeKind.CASE,
    }
)
