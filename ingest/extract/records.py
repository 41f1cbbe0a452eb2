"""Typed records for extracted entities.

Document-scoped entities (recommendations, responses, findings, commitments,
meetings) have keys unique within their document; the store prefixes them with the
document id. Resolved entities (organisations, people, themes, cases, committees,
councils) have global keys so that mentions in different documents meet on one node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from scrutiny.ingest.records import Span

AttributeValue = str | int | float | bool | None | tuple[str, ...]


class EntityKind(StrEnum):
    RECOMMENDATION = "recommendation"
    RESPONSE = "response"
    FINDING = "finding"
    COMMITMENT = "commitment"
    MEETING = "meeting"
    COMMITTEE = "committee"
    COUNCIL = "council"
    ORGANISATION = "organisation"
    PERSON = "person"
    THEME = "theme"
    CASE = "case"


class ResponseStatus(StrEnum):
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially accepted"
    REJECTED = "rejected"
    NOTED = "noted"
    DEFERRED = "deferred"
    UNDER_CONSIDERATION = "under consideration"
    ALREADY_IN_PLACE = "already in place"


class LinkKind(StrEnum):
    """Relations between extracted entities (the graph maps them to edge kinds)."""

    RESPONDS_TO = "responds_to"  # response -> recommendation
    OWNED_BY = "owned_by"  # response/recommendation -> organisation
    LED_BY = "led_by"  # finding -> organisation
    ANSWERS = "answers"  # commitment -> recommendation/finding
    MADE_BY = "made_by"  # commitment -> organisation/person
    ACTOR = "actor"  # commitment -> organisation/person who must act
    HELD_BY = "held_by"  # meeting -> committee
    PART_OF = "part_of"  # committee -> council
    ATTENDED = "attended"  # person -> meeting
    HAS_THEME = "has_theme"  # any entity -> theme
    MEMBER_OF = "member_of"  # person -> organisation


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    span: Span
    confidence: float

    kind: ClassVar[EntityKind]
    global_scope: ClassVar[bool] = False

    def attributes(self) -> dict[str, AttributeValue]:
        """Kind-specific fields, as stored in the graph and shown by the API."""
        return {}


@dataclass(frozen=True)
class Recommendation(Entity):
    number: str  # "" for a recommendation the document does not number
    text: str
    section: str | None = None
    due: str | None = None  # timescale or target date as written
    owners: tuple[str, ...] = ()  # who must act, as written (when no response names them)
    progress: str | None = None  # a RAG rating or progress note: never an acceptance
    kind: ClassVar[EntityKind] = EntityKind.RECOMMENDATION

    def attributes(self) -> dict[str, AttributeValue]:
        attributes: dict[str, AttributeValue] = {
            "number": self.number,
            "section": self.section,
            "due": self.due,
        }
        if self.owners:
            attributes["owners"] = self.owners
        if self.progress:
            attributes["progress"] = self.progress
        return attributes


@dataclass(frozen=True)
class Response(Entity):
    recommendation_key: str
    status: ResponseStatus
    status_text: str
    owners: tuple[str, ...]  # organisation labels as written, split
    comment: str
    kind: ClassVar[EntityKind] = EntityKind.RESPONSE

    def attributes(self) -> dict[str, AttributeValue]:
        return {
            "status": self.status.value,
            "status_text": self.status_text,
            "owners": self.owners,
            "comment": self.comment,
        }


@dataclass(frozen=True)
class Finding(Entity):
    number: str
    subject: str
    leads: tuple[str, ...]
    no_recommendation: bool
    kind: ClassVar[EntityKind] = EntityKind.FINDING

    def attributes(self) -> dict[str, AttributeValue]:
        return {
            "number": self.number,
            "subject": self.subject,
            "leads": self.leads,
            "no_recommendation": self.no_recommendation,
        }


@dataclass(frozen=True)
class Commitment(Entity):
    text: str
    made_by: tuple[str, ...]
    actor: tuple[str, ...]
    due: str | None = None
    answers_key: str | None = None  # key of a recommendation or finding in the same document
    # "commitment" (future action) or "decision" (what a meeting or House resolved, agreed
    # or noted)
    category: str = "commitment"
    kind: ClassVar[EntityKind] = EntityKind.COMMITMENT

    def attributes(self) -> dict[str, AttributeValue]:
        return {
            "made_by": self.made_by,
            "actor": self.actor,
            "due": self.due,
            "category": self.category,
        }


@dataclass(frozen=True)
class Meeting(Entity):
    council: str | None
    committee: str | None
    date: str | None  # ISO 8601
    attendees: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    kind: ClassVar[EntityKind] = EntityKind.MEETING

    def attributes(self) -> dict[str, AttributeValue]:
        return {
            "council": self.council,
            "committee": self.committee,
            "date": self.date,
            "attendees": self.attendees,
            "items": self.items,
            "decisions": self.decisions,
        }


@dataclass(frozen=True)
class Committee(Entity):
    council: str | None = None
    kind: ClassVar[EntityKind] = EntityKind.COMMITTEE
    global_scope: ClassVar[bool] = True

    def attributes(self) -> dict[str, AttributeValue]:
        return {"council": self.council}


@dataclass(frozen=True)
class Council(Entity):
    kind: ClassVar[EntityKind] = EntityKind.COUNCIL
    global_scope: ClassVar[bool] = True


@dataclass(frozen=True)
class Organisation(Entity):
    aliases: tuple[str, ...] = ()
    identifier: str | None = None
    kind: ClassVar[EntityKind] = EntityKind.ORGANISATION
    global_scope: ClassVar[bool] = True

    def attributes(self) -> dict[str, AttributeValue]:
        return {"aliases": self.aliases, "identifier": self.identifier}


@dataclass(frozen=True)
class Person(Entity):
    roles: tuple[str, ...] = ()
    kind: ClassVar[EntityKind] = EntityKind.PERSON
    global_scope: ClassVar[bool] = True

    def attributes(self) -> dict[str, AttributeValue]:
        return {"roles": self.roles}


@dataclass(frozen=True)
class Theme(Entity):
    concept_uri: str
    score: float = 1.0
    kind: ClassVar[EntityKind] = EntityKind.THEME
    global_scope: ClassVar[bool] = True

    def attributes(self) -> dict[str, AttributeValue]:
        return {"concept": self.concept_uri, "score": self.score}


@dataclass(frozen=True)
class Case(Entity):
    aliases: tuple[str, ...] = ()
    kind: ClassVar[EntityKind] = EntityKind.CASE
    global_scope: ClassVar[bool] = True

    def attributes(self) -> dict[str, AttributeValue]:
        return {"aliases": self.aliases}


@dataclass(frozen=True)
class Link:
    source_key: str
    kind: LinkKind
    target_key: str


@dataclass(frozen=True)
class Mention:
    """Where a resolved entity is named in the text; ``repaired_from`` records a
    transcript mis-hearing that was corrected (e.g. "child queue" -> Child Q)."""

    entity_key: str
    span: Span
    surface: str
    repaired_from: str | None = None


@dataclass(frozen=True)
class Extraction:
    entities: tuple[Entity, ...] = ()
    links: tuple[Link, ...] = ()
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
