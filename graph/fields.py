"""Typed fields of each kind of graph node.

``Node.attributes`` holds a node's kind-specific fields as the store keeps them: a JSON
object. This module gives each node kind a frozen record of those fields
(``RecommendationFields``, ``CommitmentFields``, ...), reads one from a stored mapping
(``fields_of`` for a node, ``fields_for`` for a kind and a mapping, as the service's
results carry them) and writes one back (``to_attributes``). The builder writes nodes
through these records, and the services, pages and RDF export read named, typed fields,
while the stored JSON and the API's ``attributes`` object keep their shape.

Reading is tolerant of older or hand-made stores: a missing key reads as ``None`` (``()``
for a list), and a key the record does not know, or a value of a type it cannot read (a
status outside ``ResponseStatus``, a number where a list belongs), is kept as stored in
``extra``. ``to_attributes`` writes ``extra`` back over the typed fields, so nothing
stored is lost.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from scrutiny.graph.model import AttributeValue, Node
from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import ResponseStatus

__all__ = [
    "CaseFields",
    "CommitmentFields",
    "CommitteeFields",
    "CouncilFields",
    "DocumentFields",
    "FindingFields",
    "MeetingFields",
    "NodeFields",
    "OrganisationFields",
    "PassageFields",
    "PersonFields",
    "RecommendationFields",
    "ResponseFields",
    "ThemeFields",
    "aliases_of",
    "fields_for",
    "fields_of",
    "status_of",
    "status_text",
]

#: What a reader returns for a stored value it cannot read (the value goes to ``extra``).
_UNREADABLE = object()


def _read_text(value: object) -> object:
    """A text field: a string as stored, a number as its text, null as None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return _UNREADABLE


def _read_strings(value: object) -> object:
    """A list field: a list of strings as a tuple, one non-empty string as a tuple of
    one, null or an empty string as ``()``."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return _UNREADABLE


def _read_flag(value: object) -> object:
    """A yes/no field: a boolean, or null as None."""
    return value if value is None or isinstance(value, bool) else _UNREADABLE


def _read_status(value: object) -> object:
    """A response status: a ``ResponseStatus`` value, or null or empty as None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return _UNREADABLE
    try:
        return ResponseStatus(value)
    except ValueError:
        return _UNREADABLE


#: How a stored value is read, by the type of the field it fills.
_READERS: dict[object, Callable[[object], object]] = {
    str | None: _read_text,
    tuple[str, ...]: _read_strings,
    bool | None: _read_flag,
    ResponseStatus | None: _read_status,
}


@dataclass(frozen=True, kw_only=True)
class _Fields:
    """What every kind's record has: the stored keys it does not read, as stored."""

    extra: Mapping[str, AttributeValue] = field(default_factory=dict, hash=False)

    #: Fields ``to_attributes`` leaves out when None or empty (it writes the others always).
    OMITTED_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def from_attributes(cls, attributes: Mapping[str, Any]) -> Self:
        """The record a stored attribute mapping holds (see the module docstring)."""
        readers = _readers(cls)
        values: dict[str, Any] = {}
        extra: dict[str, AttributeValue] = {}
        for key, value in attributes.items():
            reader = readers.get(key)
            read = _UNREADABLE if reader is None else reader(value)
            if read is _UNREADABLE:
                extra[key] = value
            else:
                values[key] = read
        return cls(**values, extra=extra)

    def to_attributes(self) -> dict[str, AttributeValue]:
        """The attribute mapping to store: every field by name (statuses as their text),
        those in ``OMITTED_WHEN_EMPTY`` only when set, then ``extra`` as it was read."""
        attributes: dict[str, AttributeValue] = {}
        for each in dataclasses.fields(self):
            value = getattr(self, each.name)
            if each.name == "extra":
                continue
            if each.name in self.OMITTED_WHEN_EMPTY and (value is None or value == ()):
                continue
            attributes[each.name] = value.value if isinstance(value, ResponseStatus) else value
        attributes.update(self.extra)
        return attributes


#: Each record class's readers by field name, built on first use.
_READERS_OF: dict[type[_Fields], dict[str, Callable[[object], object]]] = {}


def _readers(cls: type[_Fields]) -> dict[str, Callable[[object], object]]:
    """A record's readers by field name, chosen by each field's declared type."""
    readers = _READERS_OF.get(cls)
    if readers is None:
        hints = typing.get_type_hints(cls)
        readers = {
            each.name: _READERS[hints[each.name]]
            for each in dataclasses.fields(cls)
            if each.name != "extra"
        }
        _READERS_OF[cls] = readers
    return readers


@dataclass(frozen=True, kw_only=True)
class DocumentFields(_Fields):
    """A document node: its metadata as ingest inferred it."""

    council: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO 8601 meeting date
    source_path: str | None = None
    source_url: str | None = None
    body: str | None = None  # the publishing body when it is not a council


@dataclass(frozen=True, kw_only=True)
class PassageFields(_Fields):
    """A passage: no fields of its own."""


@dataclass(frozen=True, kw_only=True)
class MeetingFields(_Fields):
    council: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO 8601
    attendees: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CommitteeFields(_Fields):
    council: str | None = None


@dataclass(frozen=True, kw_only=True)
class CouncilFields(_Fields):
    """A council: no fields of its own."""


@dataclass(frozen=True, kw_only=True)
class RecommendationFields(_Fields):
    """A recommendation, with what its response in the same document says of it."""

    number: str | None = None  # "" for a recommendation the document does not number
    section: str | None = None
    due: str | None = None  # timescale or target date as written
    owners: tuple[str, ...] = ()  # who must act: as the response names them, else as written
    progress: str | None = None  # a RAG rating or progress note
    status: ResponseStatus | None = None  # the response's status
    comment: str | None = None  # the response's comment

    OMITTED_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"progress"})


@dataclass(frozen=True, kw_only=True)
class ResponseFields(_Fields):
    status: ResponseStatus | None = None
    status_text: str | None = None  # the status as written
    owners: tuple[str, ...] = ()
    comment: str | None = None


@dataclass(frozen=True, kw_only=True)
class FindingFields(_Fields):
    number: str | None = None
    subject: str | None = None
    leads: tuple[str, ...] = ()
    no_recommendation: bool | None = None


@dataclass(frozen=True, kw_only=True)
class CommitmentFields(_Fields):
    """A commitment (a promised action) or a decision (what a meeting resolved)."""

    made_by: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()  # who must act
    due: str | None = None
    category: str | None = None  # "commitment" or "decision"
    status: ResponseStatus | None = None
    progress: str | None = None

    OMITTED_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"status", "progress"})

    @property
    def is_decision(self) -> bool:
        """Whether the node records a decision rather than a promise."""
        return (self.category or "").strip().lower() == "decision"


@dataclass(frozen=True, kw_only=True)
class OrganisationFields(_Fields):
    aliases: tuple[str, ...] = ()
    identifier: str | None = None


@dataclass(frozen=True, kw_only=True)
class PersonFields(_Fields):
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ThemeFields(_Fields):
    concept: str | None = None  # the SKOS concept's IRI


@dataclass(frozen=True, kw_only=True)
class CaseFields(_Fields):
    aliases: tuple[str, ...] = ()


NodeFields = (
    DocumentFields
    | PassageFields
    | MeetingFields
    | CommitteeFields
    | CouncilFields
    | RecommendationFields
    | ResponseFields
    | FindingFields
    | CommitmentFields
    | OrganisationFields
    | PersonFields
    | ThemeFields
    | CaseFields
)

#: How each kind's record is read from its stored attributes.
_READ_BY_KIND: dict[NodeKind, Callable[[Mapping[str, Any]], NodeFields]] = {
    NodeKind.DOCUMENT: DocumentFields.from_attributes,
    NodeKind.PASSAGE: PassageFields.from_attributes,
    NodeKind.MEETING: MeetingFields.from_attributes,
    NodeKind.COMMITTEE: CommitteeFields.from_attributes,
    NodeKind.COUNCIL: CouncilFields.from_attributes,
    NodeKind.RECOMMENDATION: RecommendationFields.from_attributes,
    NodeKind.RESPONSE: ResponseFields.from_attributes,
    NodeKind.FINDING: FindingFields.from_attributes,
    NodeKind.COMMITMENT: CommitmentFields.from_attributes,
    NodeKind.ORGANISATION: OrganisationFields.from_attributes,
    NodeKind.PERSON: PersonFields.from_attributes,
    NodeKind.THEME: ThemeFields.from_attributes,
    NodeKind.CASE: CaseFields.from_attributes,
}


def fields_for(kind: NodeKind | str, attributes: Mapping[str, Any]) -> NodeFields:
    """The typed record of a node of ``kind`` whose stored attributes are ``attributes``
    (a node kind's name is accepted, as the service's results carry it)."""
    return _READ_BY_KIND[NodeKind(kind)](attributes)


def fields_of(node: Node) -> NodeFields:
    """The typed record of a node's attributes."""
    return fields_for(node.kind, node.attributes)


def status_of(fields: NodeFields) -> ResponseStatus | None:
    """The response status a record states: a recommendation's (from its response), a
    response's or a commitment's; None for other kinds or when none is recorded."""
    if isinstance(fields, RecommendationFields | ResponseFields | CommitmentFields):
        return fields.status
    return None


def status_text(fields: NodeFields) -> str | None:
    """The status a record states, as text: its ``ResponseStatus`` value, or a stored
    status outside that vocabulary as it was stored (``extra`` keeps it); None when the
    record states none."""
    if not isinstance(fields, RecommendationFields | ResponseFields | CommitmentFields):
        return None
    if fields.status is not None:
        return fields.status.value
    kept = fields.extra.get("status")
    return kept if isinstance(kept, str) and kept else None


def aliases_of(fields: NodeFields) -> tuple[str, ...]:
    """Other names of an organisation or a case; none for other kinds."""
    if isinstance(fields, OrganisationFields | CaseFields):
        return fields.aliases
    return ()
