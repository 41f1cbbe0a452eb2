"""Run every extractor over one document and resolve what they name into one Extraction.

Owners, leads and who made or must act on a commitment are written as free text by
the extractors; here they are resolved to organisation entities (the gazetteer first,
then names that read as a body, e.g. "… Service", "… Team") and linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from scrutiny.ingest.extract.cases import find_cases
from scrutiny.ingest.extract.commitments import GOVERNMENT_RESPONSE, Author, extract_commitments
from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.meetings import extract_meeting
from scrutiny.ingest.extract.organisations import (
    DEFAULT_GAZETTEER_PATH,
    OrganisationGazetteer,
    find_organisations,
    slugify,
)
from scrutiny.ingest.extract.people import find_people
from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import (
    Commitment,
    Entity,
    Extraction,
    Finding,
    Link,
    LinkKind,
    Mention,
    Organisation,
    Recommendation,
    Response,
    Theme,
)
from scrutiny.ingest.extract.themes import LabelledConcept, assign_themes, theme_extraction
from scrutiny.ingest.metadata import CouncilDirectory, document_publisher, infer_committee
from scrutiny.ingest.records import DocumentMetadata, Span

UNLISTED_BODY_CONFIDENCE = 0.5
_HEADING_CHARS = 600  # the opening read for whose response a document is
_BODY_NAME = re.compile(
    r"^(?:[A-Z][\w'’&-]*\s+(?:(?:and|of|for|&|the)\s+)*){0,7}"
    r"(?:Service|Services|Team|Board|Directorate|Partnership|Panel|Council|Committee|"
    r"Commission|Department|Unit|Hub|Office|Trust|Authority|Agency|Police)$"
)


class DocumentExtractor:
    """Every extractor, with the curated data they need, loaded once."""

    def __init__(
        self,
        gazetteer: OrganisationGazetteer,
        concepts: Sequence[LabelledConcept],
        councils: CouncilDirectory | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.concepts = tuple(concepts)
        self._councils = councils

    @property
    def councils(self) -> CouncilDirectory:
        if self._councils is None:
            self._councils = CouncilDirectory.from_gazetteer(DEFAULT_GAZETTEER_PATH)
        return self._councils

    def extract(
        self, text: str, title: str | None = None, *, metadata: DocumentMetadata | None = None
    ) -> Extraction:
        """``metadata``, when given, says whose document it is; otherwise that is read from
        the text as ingest reads it (the publisher named in its title or heading)."""
        author = self.author(text, title, metadata)
        parts = [
            extract_recommendations(text),
            extract_findings(text),
            extract_meeting(text, title),
            extract_commitments(text, author),
            find_organisations(text, self.gazetteer),
            find_people(text, self.gazetteer),
            find_cases(text),
            theme_extraction(assign_themes(text, self.concepts)),
        ]
        merged = merge(parts)
        return merge([merged, self._resolve_named_bodies(merged.entities)])

    def author(
        self, text: str, title: str | None, metadata: DocumentMetadata | None = None
    ) -> Author:
        """Whose document it is: who "we" are when no speaker is named."""
        heading = "\n".join([title or "", text[:_HEADING_CHARS]])
        responding = bool(GOVERNMENT_RESPONSE.search(heading))
        if metadata is not None:
            return Author(metadata.council, metadata.body, metadata.committee, responding)
        publisher = document_publisher(text, self.councils)
        committee = infer_committee(text, title or "", self.councils)
        return Author(publisher.council, publisher.body, committee, responding)

    def _resolve_named_bodies(self, entities: Iterable[Entity]) -> Extraction:
        resolved: list[Entity] = []
        links: list[Link] = []

        def link_all(
            source: Entity, names: Iterable[str], kind: LinkKind, *, named_as_body: bool
        ) -> None:
            for name in names:
                body = self.organisation_for(name, source.span, named_as_body=named_as_body)
                if body is not None:
                    resolved.append(body)
                    links.append(Link(source.key, kind, body.key))

        for entity in entities:
            if isinstance(entity, Response):
                link_all(entity, entity.owners, LinkKind.OWNED_BY, named_as_body=True)
            elif isinstance(entity, Finding):
                link_all(entity, entity.leads, LinkKind.LED_BY, named_as_body=True)
            elif isinstance(entity, Commitment):
                link_all(entity, entity.made_by, LinkKind.MADE_BY, named_as_body=False)
                link_all(entity, entity.actor, LinkKind.ACTOR, named_as_body=False)
            elif isinstance(entity, Recommendation):
                # Who a recommendation addresses (its response's owners are linked above).
                link_all(entity, entity.owners, LinkKind.OWNED_BY, named_as_body=False)
                # A table's section row ("Care Leavers") names the theme of the rows under it.
                for hit in assign_themes(entity.section, self.concepts) if entity.section else ():
                    resolved.append(
                        Theme(hit.concept_key, hit.label, entity.span, hit.score, hit.concept_uri)
                    )
                    links.append(Link(entity.key, LinkKind.HAS_THEME, hit.concept_key))
        return Extraction(entities=tuple(resolved), links=tuple(links))

    def organisation_for(
        self, name: str, span: Span, *, named_as_body: bool = False
    ) -> Organisation | None:
        """The organisation a name as written refers to, or None if it reads as no body.

        ``named_as_body`` is for names from a column that holds organisations (a response
        table's owners, a findings table's leads): any name there is taken as a body.
        """
        name = " ".join(name.split()).strip(" ,;/")
        if not name:
            return None
        known = self.gazetteer.resolve(name)
        if known is not None:
            return replace(known, span=span)
        if named_as_body or _BODY_NAME.match(name):
            return Organisation(
                key=f"organisation:{slugify(name)}",
                label=name,
                span=span,
                confidence=UNLISTED_BODY_CONFIDENCE,
            )
        return None


def merge(parts: Iterable[Extraction]) -> Extraction:
    """One Extraction: entities by key (first wins, aliases united), links and mentions once."""
    entities: dict[str, Entity] = {}
    links: dict[Link, None] = {}
    mentions: dict[Mention, None] = {}
    for part in parts:
        for entity in part.entities:
            existing = entities.get(entity.key)
            if existing is None:
                entities[entity.key] = entity
            elif isinstance(existing, Organisation) and isinstance(entity, Organisation):
                aliases = tuple(dict.fromkeys((*existing.aliases, *entity.aliases)))
                entities[entity.key] = replace(existing, aliases=aliases)
        links.update(dict.fromkeys(part.links))
        mentions.update(dict.fromkeys(part.mentions))
    return Extraction(tuple(entities.values()), tuple(links), tuple(mentions))
