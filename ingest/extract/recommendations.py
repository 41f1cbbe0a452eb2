"""Recommendations, responses and findings written as prose and lists.

Response tables are read by ``tables``; this module reads everything else:

* labelled paragraphs ("Recommendation 3:", "R3", "Rec 3", "Recommendation Three") with
  the field lines under them ("Response: Accepted.", "Status: Agreed", "Lead officer: …",
  "Timescale: March 2025", "RAG: Amber");
* numbered, lettered or bulleted items (1, 1.1, (a), ii, •) under a heading or an
  introduction that says what they are: "Recommendations", "The Committee recommends:",
  "Cabinet is recommended to:", "RESOLVED that the following recommendations …",
  "Findings", "Conclusions", or "Conclusions and recommendations" (as in Commons
  committee reports, where each numbered conclusion is a finding and the sentences that
  recommend — "We recommend …", "… should …" — are a recommendation);
* single sentences: "The review recommends that …" (a recommendation the document does
  not number), "The review found that …" (a finding);
* statements of a response to a numbered recommendation anywhere in the text:
  "(a) recommendation 1 is accepted", "Recommendations 2 and 4 were agreed", "we are unable
  to support recommendation 4", "approved subject to recommendation 4 being amended";
* a table keyed by number ("No. | Response | Lead | Timescale") answering recommendations
  set out above it.

A recommendation's owner is the one its fields, an addressee in brackets ("(to the ICB):")
or a line over its list ("For the Police:") name, else whom its own words ask to act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from scrutiny.ingest.extract.records import (
    Entity,
    Extraction,
    Finding,
    Link,
    LinkKind,
    Recommendation,
    Response,
)
from scrutiny.ingest.extract.tables import (
    _MONTH,
    _is_contents_entry,
    _listed_recommendations,
    _prose_recommendations,
    due_in_text,
    due_of,
    is_page_furniture,
    is_table_line,
    keyed_responses,
    normalise_number,
    normalise_status,
    parse_table_rows,
    progress_of,
    split_organisations,
    status_from_response,
    strip_markup,
    table_recommendations,
)
from scrutiny.ingest.records import Span

# --- what a block of items is ----------------------------------------------------------


class Context(StrEnum):
    RECOMMENDATIONS = "recommendations"
    FINDINGS = "findings"
    MIXED = "mixed"  # conclusions and recommendations


_MAX_HEADING = 100
_MIXED_HEADING = re.compile(
    r"\b(?:conclusions?|findings?)\b.{0,30}\brecommendations?\b|"
    r"\brecommendations?\b.{0,30}\b(?:conclusions?|findings?)\b",
    re.I,
)
_RECOMMENDATIONS_HEADING = re.compile(
    r"^(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:the\s+)?[\w -]{1,40}?(?:'s|’s|s'|s’)\s+)?"
    r"(?:(?:summary|list|schedule) of |key |our |the |main |"
    r"final |panel |committee |scrutiny |review |inquiry |task and finish group )*"
    r"recommendations?(?:\s+(?:of|from|to|for|made by)\s+[\w ,'’&-]{1,60})?\s*:?-?$",
    re.I,
)
_FINDINGS_HEADING = re.compile(
    r"^(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:summary of |key |our |the |main |overall |"
    r"principal |review |panel |headline )*(?:findings|conclusions|key messages|what we found|"
    r"what (?:people|you|residents|patients|children and young people) told us|what we heard|"
    r"(?:the )?matters of concern|(?:areas of )?strengths?)"
    r"(?:\s+(?:of|from)\s+[\w ,'’&-]{1,60})?\s*:?-?$",
    re.I,
)
# Introductions: a line that ends by announcing the list ("… recommends:", "… recommended to:").
_RECOMMEND_INTRO = re.compile(
    r"\brecommend\w*\b(?:\s+(?:that|to|the following|as follows))?(?:\s+(?:that|the following))?"
    r"[^.\n]{0,60}?(?::-?|—|–)?\s*$",
    re.I,
)
_FINDING_INTRO = re.compile(
    r"\b(?:found|finds|concluded|concludes|findings|conclusions|"
    r"key messages|learning points|matters of concern|what people told us)\b[^.\n]{0,80}"
    r"(?::-?|—)\s*$",
    re.I,
)
_OTHER_SECTION = re.compile(
    r"^(?:#+\s*)?(?:(?:\d+(?:\.\d+)*\.?|[A-Z]\.|Part \w+:?|Chapter \w+:?)\s+)?"
    r"(?:introduction|background|appendix|appendices|annex|formal minutes|witnesses|"
    r"published written evidence|list of (?:reports|witnesses)|glossary|contents|references|"
    r"membership|terms of reference|methodology|acknowledgements|minutes|attendance|apologies|"
    r"declarations? of interest|any other business|date of next meeting|next steps|"
    r"executive summary|summary|foreword|purpose|"
    r"reasons? for (?:the )?(?:decision|recommendation)s?|"
    r"options considered|financial implications|legal implications|risk management|"
    r"equalities|consultation|background papers|"
    r"areas? for (?:consideration|improvement|development|action)|what happens next)\b",
    re.I,
)
# A decision notice's line over the recommendations it decided ("Recommendations agreed
# subject to the following amendments", "Decision: Recommendations approved"): the items
# below are recommendations, each with that response.
_DECIDED_RECOMMENDATIONS = re.compile(
    r"^\W*(?:decisions?\s*[:\-–—]?\s*)?(?:the\s+|all\s+)?recommendations?\s+"
    r"(?:(?:were|was|are|is|have been|has been)\s+)?"
    r"(?P<status>(?:not\s+)?(?:agreed|approved|accepted|endorsed|adopted|rejected|deferred))\b",
    re.I,
)
_RESOLVED = re.compile(r"^\W*(?:it was\s+)?(?:resolved|agreed|decision)\b", re.I)

# --- items -----------------------------------------------------------------------------

_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)"
_LABEL_WORDS = r"(?:Recommendation|Rec\.?|R)"
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
_LABELLED_ITEM = re.compile(
    rf"^[ \t\-*•·#>]*(?:\*\*)?(?:{_LABEL_WORDS})\s*"
    rf"(?P<number>\d{{1,3}}(?:\.\d{{1,2}}){{0,2}}[a-z]?(?:\s*\((?:{_ROMAN}|[a-z])\))?|{_NUMBER_WORDS}\b|"
    rf"\((?:{_ROMAN}|[a-z])\))"
    r"(?![\w/])[ \t]*(?:\*\*)?[ \t]*(?:[:.)\-–—](?!\d))?(?:\*\*)?[ \t]*(?P<text>.*)$",
    re.I,
)
_NUMBERED_ITEM = re.compile(
    r"^[ \t]*(?:[-*•·▪◦‣][ \t]*)?(?:\*\*)?(?:"
    r"(?P<number>\d{1,3}(?:\.\d{1,2}){0,2})(?:[.):](?:[ \t]+|(?=[A-Z“\"‘'(]))|[ \t]+(?=[A-Z])|"
    r"(?<=\.\d)[ \t]+(?=[a-z])|(?<=\.\d\d)[ \t]+(?=[a-z]))"
    rf"|\(?(?P<letter>[a-z]|{_ROMAN})\)[ \t]*|(?P<bare_letter>[a-z]|{_ROMAN})\.[ \t]+(?=[A-Za-z])"
    r"|\((?P<bracketed>\d{1,2})\)[ \t]+(?=[A-Z“\"‘']))"
    r"(?:\*\*)?(?P<text>\S.*)$"
)
_BULLET_ITEM = re.compile(r"^[ \t]*[-*•·▪◦‣–][ \t]+(?P<text>\S.*)$")
_FIELD_NAME = (
    r"(?:(?:(?:council|cabinet|executive|government|management|officer|department|service|"
    r"partnership|board|member|portfolio holder|lead|mayor|ministerial|scrutiny)(?:'s|’s)?\s+)"
    r"{0,3}(?:response|status|decision|agreed\??|accepted\??|position)|"
    r"lead(?:\s+(?:officer|member|agency|organisation|director))?|owner|"
    r"responsible(?:\s+(?:officer|person|lead|body|organisation|service))?|action(?:ed)? by|"
    r"(?:for the )?attention of|accountable(?:\s+officer)?|by whom|who|"
    r"timescales?|target(?:\s+(?:implementation\s+|completion\s+)?date)?|by when|"
    r"due(?:\s+date)?|deadline|(?:implementation|completion)\s+date|"
    r"timeframe|date|when|rag(?:\s+(?:rating|status))?|progress(?:\s+update)?|update|"
    r"comments?)"
)
_FIELD = re.compile(
    rf"^[ \t]*(?:\*\*)?(?P<name>{_FIELD_NAME})"
    # "Update (October 2024):", "Progress as at March 2025:"
    r"(?:[ \t]*\([^()\n]{1,40}\)|[ \t]+as at(?:[ \t]+\w+){1,3})?"
    r"(?:\*\*)?[ \t]*[:\-–—](?:\*\*)?[ \t]*(?P<value>.*)$",
    re.I,
)
# "Response (Agreed)": the value in brackets after the field's name.
_BRACKETED_FIELD = re.compile(
    rf"^[ \t]*(?:\*\*)?(?P<name>{_FIELD_NAME})(?:\*\*)?[ \t]*\((?P<value>[^()\n]{{2,40}})\)"
    r"[ \t]*\.?[ \t]*$",
    re.I,
)
# The field's name alone on its line ("Cabinet Response"), its value in the lines below.
_FIELD_HEADING = re.compile(rf"^[ \t]*(?:\*\*|#+\s*)?(?P<name>{_FIELD_NAME})(?:\*\*)?[ \t]*$", re.I)
# A line that opens by naming a numbered recommendation ("Recommendation 2 is not accepted").
_NAMES_A_RECOMMENDATION = re.compile(
    r"^[ \t\-*•·]*(?:recommendations?|rec\.?)\s+(?:(?:\d{1,3}(?:\.\d{1,2})?[a-z]?|"
    rf"{_NUMBER_WORDS})\b|\((?:[a-z]|{_ROMAN})\)|{_ROMAN}(?=\s+(?:is|are|was|were)\b))",
    re.I,
)
_PARAGRAPH_REF = re.compile(r"\s*\((?:Paragraphs?|paras?\.?)\s[\d\s,–\-and]+\)\s*$", re.I)
_RECOMMENDING = re.compile(
    r"\b(?:we|i|the (?:committee|panel|group|review|board|commission|inquiry|report))\s+"
    r"(?:\w+\s+){0,2}recommends?\b|\brecommend(?:s|ed)? that\b|\bshould\b|\bmust\b|\burges?\b|"
    r"\bcalls? (?:on|upon|for)\b|\bought to\b|\bwe ask\b|\bwe invite\b",
    re.I,
)
# A sentence that says it recommends (not merely "should"): what turns a paragraph under
# a conclusions heading into a recommendation.
_RECOMMENDS_EXPLICITLY = re.compile(
    r"\b(?:we|i|the (?:committee|panel|group|review|board|commission|inquiry|report|"
    r"working group|task group|task and finish group))\s+(?:\w+\s+){0,2}recommends?\s+that\b",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'”’)]*|$)\s*")
_PROCEDURAL = re.compile(
    r"^(?:that\s+)?(?:the\s+[\w ]{0,60}?\s+(?:is|are|be)\s+"
    r"(?:asked|recommended|requested|invited)\s+to\s+)?"
    r"(?:note|receive|consider|comment on|agree the minutes)\b|"
    r"^(?:members|councillors|the (?:committee|board|panel))\s+(?:may|might)\s+"
    r"(?:wish|find|like)\b|"
    r"^(?:that\s+)?(?:the\s+)?(?:minutes|report|update|item|presentation|information|"
    r"contents?|attendance|apologies|declarations?)\b.{0,60}\b(?:be|is|are|was|were)\s+"
    r"(?:noted|received|approved|agreed|signed|confirmed)\b",
    re.I,
)


@dataclass
class Item:
    """One numbered, lettered, labelled or bulleted item and what was said under it."""

    number: str  # normalised; "" for a bullet
    start: int  # span of the item's own words
    end: int
    context: Context | None  # None: a labelled recommendation outside any list
    section: str | None
    labelled: bool = False
    fields: dict[str, tuple[str, Span]] = field(default_factory=dict)
    children: list[Item] = field(default_factory=list)
    intro: str = ""  # the line that announced the list ("The Panel recommends that the …:")

    def text(self, source: str) -> str:
        return _PARAGRAPH_REF.sub("", strip_markup(source[self.start : self.end])).strip("* ")


@dataclass
class _Line:
    start: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _scan(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(_Line(offset, raw))
        offset += len(raw) + 1
    return lines


# "1.<TAB>Local authorities …": a list item whose marker a word processor ended with a
# tab, not a two-column table row.
_TABBED_LIST_ITEM = re.compile(
    rf"^[ \t]*(?:\(?(?:\d{{1,3}}(?:\.\d{{1,2}}){{0,2}}|[a-z]|{_ROMAN})[.):]?|[-*•·▪◦‣–])\t+"
    r"[^\t]*\S[^\t]*$"
)


def _is_table_line(line: str) -> bool:
    return is_table_line(line) and not _TABBED_LIST_ITEM.match(line)


_CONTEXT_WORDS = (
    "recommend", "finding", "conclu", "found", "finds", "key messages", "learning", "told us",
    "we heard", "concern", "strength",
)  # fmt: skip


def _heading_context(stripped: str) -> Context | None:
    """What a heading or an introduction line announces, if anything."""
    if len(stripped) > 600:
        return None
    low = stripped.lower()
    if not any(word in low for word in _CONTEXT_WORDS):
        return None
    plain = strip_markup(stripped).strip("*#_ ")
    if not plain or len(plain) > 400 or _BULLET_ITEM.match(stripped):
        return None
    numbered = _NUMBERED_ITEM.match(plain)
    if numbered and numbered.group("number"):
        plain = numbered.group("text").strip("*#_ ")
    short = len(plain) <= _MAX_HEADING and not plain.endswith((".", "?", "!"))
    if short and _MIXED_HEADING.search(plain) and len(plain.split()) <= 12:
        return Context.MIXED
    if short and _RECOMMENDATIONS_HEADING.match(plain):
        return Context.RECOMMENDATIONS
    if short and _FINDINGS_HEADING.match(plain):
        return Context.FINDINGS
    if _DECIDED_RECOMMENDATIONS.match(plain) and len(plain) <= 200:
        return Context.RECOMMENDATIONS
    ends_open = plain.endswith((":", ":-", "—", "–")) or re.search(r"\brecommends?$", plain)
    if ends_open and _MIXED_HEADING.search(plain):
        return Context.MIXED
    if ends_open and _RECOMMEND_INTRO.search(plain) and not _negated(plain):
        return Context.RECOMMENDATIONS
    if ends_open and _FINDING_INTRO.search(plain):
        return Context.FINDINGS
    return None


def _last_words(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` (with the space after them)."""
    words = text.split()
    return " ".join(words[-count:]) + " " if words else ""


def _markdown_level(line: str) -> int:
    """The level of a markdown heading ("## Findings": 2); 0 for any other line."""
    marks = len(line) - len(line.lstrip("#"))
    return marks if marks and line[marks : marks + 1] == " " else 0


def _negated(plain: str) -> bool:
    return bool(re.search(r"\b(?:not|no)\s+(?:to\s+)?recommend", plain, re.I))


def _looks_like_heading(stripped: str) -> bool:
    if stripped.startswith("#"):
        return True
    if len(stripped) > 4 * _MAX_HEADING or stripped.endswith((".", ",", ";", ":", "?", "!")):
        return False
    plain = (strip_markup(stripped) if "<" in stripped or "&" in stripped else stripped).strip(
        "*#_ "
    )
    words = plain.split()
    return (
        0 < len(plain) <= _MAX_HEADING
        and len(words) <= 14
        and not plain.endswith((".", ",", ";", ":", "?", "!"))
        and plain[:1].isupper()
    ) or stripped.startswith("#")


def _numbered_heading(lines: list[_Line], index: int) -> bool:
    """A numbered line that heads a section: capitals, a known section name, or
    sub-numbered paragraphs (3.1, 3.2) under it."""
    numbered = _NUMBERED_ITEM.match(lines[index].text)
    if numbered is None or not numbered.group("number"):
        return False
    words = strip_markup(numbered.group("text")).strip("*#_ ")
    if not _looks_like_heading(words) or len(words.split()) > 8:
        return False
    if words.isupper() or _OTHER_SECTION.match(words) or _heading_context(words):
        return True
    following = _next_filled(lines, index + 1)
    number = numbered.group("number")
    return following is not None and bool(
        re.match(rf"^[ \t\-*•]*{re.escape(number.rstrip('.'))}\.1\b", lines[following].text)
    )


def _item_match(line: str, in_context: bool) -> tuple[str, int, bool] | None:
    """(number, offset of the item's words, labelled) when a line opens an item."""
    labelled = _LABELLED_ITEM.match(line)
    if labelled and not (
        labelled.group("text")[:1].islower()
        and not re.search(r"[:.)\-–—]\s*$", line[: labelled.start("text")])
    ):
        return normalise_number(labelled.group("number")), labelled.start("text"), True
    if not in_context:
        return None
    numbered = _NUMBERED_ITEM.match(line)
    if numbered:
        number = (
            numbered.group("number")
            or numbered.group("letter")
            or numbered.group("bare_letter")
            or numbered.group("bracketed")
        )
        return normalise_number(number or ""), numbered.start("text"), False
    bullet = _BULLET_ITEM.match(line)
    if bullet:
        return "", bullet.start("text"), False
    return None


def scan_items(text: str) -> list[Item]:
    """Every item of every recommendations, findings or conclusions list, and every
    labelled recommendation, with its field lines."""
    lines = _scan(text)
    items: list[Item] = []
    context: Context | None = None
    context_intro = ""
    section: str | None = None
    current: Item | None = None
    parent: Item | None = None  # an item ending with ":" whose lettered children follow
    prose_run = 0
    intro_opened = False  # a list announced by a sentence ends at its first paragraph
    level = 0  # the markdown level of the heading that opened the list ("## Findings": 2)
    addressee: tuple[str, Span] | None = None  # "For the Police:" over the items it owns
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.stripped
        index += 1
        if not stripped:
            continue
        if _is_table_line(line.text):
            current = parent = None
            continue
        found = _item_match(line.text, context is not None)
        answered = False
        if found is None and context is None:
            # a numbered paragraph with "Response: Accepted." under it is a recommendation
            listed = _item_match(line.text, True)
            if listed is not None and listed[0] and _answered_below(lines, index):
                found, answered = listed, True
        if found is not None and not found[2] and _numbered_heading(lines, index - 1):
            # "3. BACKGROUND", "4. Summary of findings": a section heading
            context = _heading_context(stripped)
            intro_opened = False
            current = parent = None
            section = strip_markup(stripped).strip("*#_ ")[:120]
            continue
        if (
            found is not None
            and found[2]
            and line.text[found[1] :].strip()
            and _is_contents_entry(text, line.start)
        ):
            continue
        field_match = None
        if current is not None and found is None:
            field_match = (
                _FIELD.match(line.text)
                or _BRACKETED_FIELD.match(line.text)
                or _FIELD_HEADING.match(line.text)
            )
        if field_match is not None and current is not None:
            value = (field_match.groupdict().get("value") or "").strip()
            span = Span(line.start + field_match.end("name"), line.end)
            if value:
                span = Span(line.start + field_match.start("value"), line.end)
            else:
                # the value is the paragraph under the field's name
                below = _next_filled(lines, index)
                if below is not None and (
                    _NAMES_A_RECOMMENDATION.match(lines[below].text)
                    or _STATUS_STATEMENT.search(lines[below].text)
                ):
                    # "Cabinet response" over "Recommendation 1 is accepted. …" or "Decision"
                    # over "RESOLVED that recommendations (a) and (c) be approved": a heading
                    # over responses to every recommendation, not the last one's field
                    section = strip_markup(stripped).strip("*#_ ")[:120]
                    current = parent = None
                    continue
                if below is not None and not _is_field_or_item(lines[below].text):
                    start = lines[below].start + _indent(lines[below].text)
                    end, index = _continue_item(lines, below + 1, lines[below].end, wrap_only=False)
                    value, span = text[start:end], Span(start, end)
            if value:
                name = field_match.group("name").lower()
                for kind, part, part_span in _inline_fields(_field_kind(name), text, span):
                    current.fields.setdefault(kind, (strip_markup(part), part_span))
            continue
        if found is not None:
            number, offset, labelled = found
            if not line.text[offset:].strip() and not labelled:
                continue
            item_context = Context.RECOMMENDATIONS if answered else context
            if labelled and not line.text[offset:].strip() and index < len(lines):
                # "Recommendation One" on its own line: the paragraph under it is the text
                # (not "… as set out in / Recommendation 2." wrapped from a sentence).
                above = lines[index - 2].stripped if index >= 2 else ""
                if stripped.endswith((".", ",", ")", ";")) or _wraps_on(above):
                    continue
                nxt = _next_filled(lines, index)
                if nxt is None or _is_field_or_item(lines[nxt].text):
                    continue
                start = lines[nxt].start + _indent(lines[nxt].text)
                end, index = _continue_item(lines, nxt + 1, lines[nxt].end, wrap_only=False)
            else:
                start, end = line.start + offset, line.end
                end, index = _continue_item(
                    lines, index, end, wrap_only=labelled and context is None
                )
            item = Item(number, start, end, item_context, section, labelled=labelled)
            item.intro = context_intro if context is not None else ""
            if addressee is not None and item_context is Context.RECOMMENDATIONS:
                item.fields.setdefault("owner", addressee)
            is_sub = bool(
                parent is not None and number and not number[0].isdigit() and not labelled
            )
            if is_sub and parent is not None:
                parent.children.append(item)
            else:
                items.append(item)
                parent = item if text[start:end].rstrip().endswith((":", ":-")) else None
            current = item
            prose_run = 0
            continue
        if (
            current is not None
            and "status" not in current.fields
            and (current.labelled or current.context is Context.RECOMMENDATIONS)
            and _states_a_response(stripped)
        ):
            # "The Executive accepts this recommendation." under the recommendation
            start = line.start + _indent(line.text)
            end, index = _continue_item(lines, index, line.end, wrap_only=False)
            current.fields["status"] = (strip_markup(text[start:end]), Span(start, end))
            continue
        if (
            current is not None
            and "status" in current.fields
            and "comment" not in current.fields
            and (current.labelled or current.context is Context.RECOMMENDATIONS)
            and not _looks_like_heading(stripped)
            and _heading_context(stripped) is None
        ):
            # the response's own words under its status ("Response: Accepted" over "The
            # Force will …"): the item goes on, and a "Lead:" line below is still its own
            start = line.start + _indent(line.text)
            end, index = _continue_item(lines, index, line.end, wrap_only=False)
            current.fields["comment"] = (strip_markup(text[start:end]), Span(start, end))
            continue
        addressed = _FOR_BODY.match(stripped) if context is Context.RECOMMENDATIONS else None
        if addressed is not None:
            addressee = (addressed.group("body"), Span(line.start, line.end))
            current = parent = None
            continue
        announced = _heading_context(stripped)
        if announced is not None:
            addressee = None
            # An introduction right under a heading of its kind keeps the heading's reach.
            continues = context in (announced, Context.MIXED) and prose_run == 0
            context, context_intro = announced if not continues else context, stripped
            if not continues:
                level = _markdown_level(stripped)
            intro_opened = not _looks_like_heading(stripped) and not continues
            current = parent = None
            prose_run = 0
            if context is Context.RECOMMENDATIONS and _RESOLVED.match(stripped):
                context_intro = stripped
            continue
        if context is not None and (
            _OTHER_SECTION.match(strip_markup(stripped)) or _RESOLVED.match(stripped)
        ):
            context = None
            current = parent = None
            continue
        if _looks_like_heading(stripped):
            section = strip_markup(stripped).strip("*#_ ")[:120]
            current = parent = None
            if context is not None and 0 < _markdown_level(stripped) <= level:
                context = None  # "## Management actions" after "## Summary of findings"
            elif context is not None and _markdown_level(stripped) > level > 0:
                prose_run = 0  # a theme's sub-heading inside the list: the list goes on
            continue
        if context is not None and stripped.startswith(">"):
            continue  # a quotation beside the list's items
        # Prose between items: three paragraphs in a row close the list. Under a
        # "Conclusions" or "Conclusions and recommendations" heading the prose itself
        # states them.
        if context in (Context.MIXED, Context.FINDINGS) and not intro_opened and prose_run < 3:
            start = line.start + _indent(line.text)
            end, index = _continue_item(lines, index, line.end, wrap_only=False)
            if end - start >= 40:
                items.append(Item("", start, end, context, section))
            current = parent = None
            prose_run += 1
            continue
        current = parent = None
        prose_run += 1
        if context is not None and (prose_run >= 3 or intro_opened):
            context = None
    return items


_THIS_RECOMMENDATION = re.compile(r"\b(?:this|the) recommendation\b(?!s)", re.I)
_STATUS_CLAUSE = re.compile(
    r"^(?:(?:not|partially|partly)\s+)?[A-Za-z]+(?:\s+in\s+(?:part|principle|full))?"
    r"(?=\s*(?:[.;:,–—]|\s-\s|$))",
    re.I,
)


def _states_a_response(line: str) -> bool:
    """A paragraph that answers the recommendation above it: "The Executive accepts this
    recommendation.", "Agreed – the council will …", "Not accepted."."""
    if _THIS_RECOMMENDATION.search(line) and status_from_response(line) is not None:
        return True
    clause = _STATUS_CLAUSE.match(line)
    return clause is not None and normalise_status(clause.group(0)) is not None


_OPEN_ENDING = re.compile(
    r"\b(?:in|of|to|see|and|or|under|at|by|with|from|per|as|the|our|its|their)$", re.I
)


def _wraps_on(line: str) -> bool:
    """Whether a line is a sentence wrapped onto the next line ("… as set out in" over
    "Recommendation 2."), not a title or heading that happens to end in lowercase."""
    return line[-1:].islower() and (len(line) >= 60 or bool(_OPEN_ENDING.search(line)))


def _answered_below(lines: list[_Line], index: int) -> bool:
    """Whether the paragraph starting above ``index`` is followed (after its wrapped lines
    and at most one blank line) by a status field that states a response, or by a
    sentence answering "this recommendation"."""
    blanks = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.stripped:
            blanks += 1
            if blanks > 1:
                return False
            continue
        field_match = _FIELD.match(line.text) or _BRACKETED_FIELD.match(line.text)
        if field_match is not None:
            value = field_match.group("value")
            return _field_kind(field_match.group("name").lower()) == "status" and (
                normalise_status(value) is not None or status_from_response(value) is not None
            )
        if _THIS_RECOMMENDATION.search(line.text) and status_from_response(line.text):
            return True  # "The Government accepts this recommendation. …"
        if blanks or _item_match(line.text, True) is not None or _is_table_line(line.text):
            return False
    return False


def _is_field_or_item(line: str) -> bool:
    return bool(
        _FIELD.match(line)
        or _BRACKETED_FIELD.match(line)
        or _FIELD_HEADING.match(line)
        or _item_match(line, True) is not None
    )


_INLINE_FIELD = re.compile(rf"(?<=[.;])[ \t]+(?P<name>{_FIELD_NAME})[ \t]*:[ \t]*", re.I)


def _inline_fields(kind: str, text: str, span: Span) -> list[tuple[str, str, Span]]:
    """A field's value cut where another field follows on its line ("Response: Agreed. …
    Lead officer: Head of Housing Needs. Target date: March 2025."): each field's kind,
    value and span."""
    value = text[span.start : span.end]
    out: list[tuple[str, str, Span]] = []
    start = 0
    for match in _INLINE_FIELD.finditer(value):
        if match.group("name").lower() in ("date", "when", "who", "update", "comments", "comment"):
            continue  # too common a word to open a field inside a sentence
        out.append(
            (
                kind,
                value[start : match.start()],
                Span(span.start + start, span.start + match.start()),
            )
        )
        kind, start = _field_kind(match.group("name").lower()), match.end()
    out.append((kind, value[start:], Span(span.start + start, span.end)))
    return [(k, v.strip().rstrip("."), s) for k, v, s in out if v.strip()]


def _field_kind(name: str) -> str:
    if re.search(r"response|status|decision|agreed|accepted|position", name):
        return "status"
    if re.search(r"\brag\b|progress|update", name):  # before "date", which "update" holds
        return "progress"
    if re.search(r"time|target|when|due|deadline|date", name):
        return "due"
    if name.startswith("comment"):
        return "comment"
    return "owner"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _next_filled(lines: list[_Line], index: int) -> int | None:
    while index < len(lines):
        if lines[index].stripped:
            return index
        index += 1
    return None


def _continue_item(lines: list[_Line], index: int, end: int, *, wrap_only: bool) -> tuple[int, int]:
    """Extend an item over the lines that continue it (a wrapped line; for list items,
    any line up to a blank line). Returns the new end and the next line's index."""
    while index < len(lines):
        line = lines[index]
        stripped = line.stripped
        if not stripped:
            break
        if (
            _is_table_line(line.text)
            or _FIELD.match(line.text)
            or _BRACKETED_FIELD.match(line.text)
            or _FIELD_HEADING.match(line.text)
            or _item_match(line.text, True) is not None
            or _heading_context(stripped) is not None
        ):
            break
        if wrap_only and not stripped[:1].islower():
            break
        end = line.end
        index += 1
    return end, index


# --- from items to entities --------------------------------------------------------------


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.start(), match.end()
        chunk = text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        if e > s:
            spans.append((s, e))
    return spans


def _split_conclusion(text: str, item: Item) -> tuple[list[Span], Span | None]:
    """(finding parts, recommendation part) of a "Conclusions and recommendations" item:
    the sentences that recommend, and the runs of other sentences before and after them."""
    sentences = _sentences(text, item.start, item.end)
    recommending = [i for i, (s, e) in enumerate(sentences) if _RECOMMENDING.search(text[s:e])]
    if not recommending:
        return [Span(item.start, item.end)], None
    first, last = recommending[0], recommending[-1]
    recommendation = Span(sentences[first][0], sentences[last][1])
    findings = []
    if first > 0:
        findings.append(Span(sentences[0][0], sentences[first - 1][1]))
    if last < len(sentences) - 1:
        findings.append(Span(sentences[last + 1][0], sentences[-1][1]))
    return findings, recommendation


@dataclass
class _Built:
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    recommendation_numbers: set[str] = field(default_factory=set)
    finding_numbers: set[str] = field(default_factory=set)
    unnumbered_recommendations: int = 0
    unnumbered_findings: int = 0
    covered: list[Span] = field(default_factory=list)


# A line naming whom the recommendations below it are for: "For the Police:".
_FOR_BODY = re.compile(
    r"^\W*(?:For|To)\s+(?:the\s+)?(?!(?:Note|Example|Information|Consideration|Decision|"
    r"Approval|Action|Agree|Discuss)\b)(?P<body>[A-Z][\w'’&,() -]{1,60}?)\s*:\s*$"
)
# A recommendation's addressee in brackets before its words: "(to the ICB): …".
_ADDRESSED_TO = re.compile(
    r"^\(\s*(?:to|for)\s+(?:the\s+)?(?P<body>[^()\n]{2,80}?)\s*\)\s*[:.\-–—]?\s*", re.I
)


def _clean_text(text: str, span: Span) -> str:
    cleaned = _PARAGRAPH_REF.sub("", strip_markup(span.slice(text)))
    return cleaned.lstrip("-*•·▪◦‣– ").rstrip("* ")


def _add_recommendation(
    built: _Built,
    text: str,
    number: str,
    span: Span,
    confidence: float,
    section: str | None,
    fields: dict[str, tuple[str, Span]] | None = None,
    body: str | None = None,
    intro: str = "",
) -> None:
    body = body if body is not None else _clean_text(text, span)
    addressed = _ADDRESSED_TO.match(body)
    if addressed:  # "Recommendation 2 (to the ICB): The ICB should …"
        fields = {**(fields or {}), "owner": (addressed.group("body"), span)}
        body = body[addressed.end() :]
    if len(body.split()) < 4 or (number and number in built.recommendation_numbers):
        return
    if not number and any(isinstance(e, Recommendation) and e.text == body for e in built.entities):
        return  # the same words set out again (in the body and in a summary list)
    if _PROCEDURAL.match(body) and not (intro and _ANNOUNCED_NOTING.match(body)):
        return  # (an item "note …" of a list announced by its introduction is asked for)
    opening = _ONLY_A_STATEMENT.match(body)
    if opening is not None and _STATUS_STATEMENT.match(body, opening.end()):
        return  # a response to a recommendation (read by ``_stated_responses``)
    if number:
        built.recommendation_numbers.add(number)
        key = f"recommendation-{number}"
    else:
        built.unnumbered_recommendations += 1
        key = f"recommendation-u{built.unnumbered_recommendations}"
    fields = fields or {}
    owner_text = fields.get("owner", ("", span))[0]
    owners = split_organisations(owner_text) if owner_text else addressee(body)
    if not owners and intro:
        owners = addressee(intro.rstrip(" :-–—") + " act.")
    if not owners and (intro or re.match(r"\W*that\b", body, re.I)):
        owners = _item_subject(body)
    due = due_of(fields.get("due", (None, span))[0]) or due_in_text(body)
    progress = fields.get("progress", (None, span))[0]
    status_field = fields.get("status")
    status = None
    if status_field is not None:
        status = normalise_status(status_field[0]) or status_from_response(status_field[0])
        if status is None and progress is None and progress_of(status_field[0]):
            progress = status_field[0]
    label = f"Recommendation {number}" if number else f"Recommendation: {body[:60]}"
    recommendation = Recommendation(
        key=key,
        label=label,
        span=span,
        confidence=confidence,
        number=number,
        text=body,
        section=section,
        due=due,
        owners=owners,
        progress=progress,
    )
    built.entities.append(recommendation)
    built.covered.append(span)
    if status is not None and status_field is not None:
        response_key = key.replace("recommendation-", "response-", 1)
        comment = fields.get("comment", (status_field[0], status_field[1]))[0]
        built.entities.append(
            Response(
                key=response_key,
                label=f"Response to {label}",
                span=status_field[1],
                confidence=0.85,
                recommendation_key=key,
                status=status,
                status_text=status_field[0],
                owners=owners,
                comment=comment,
            )
        )
        built.links.append(Link(response_key, LinkKind.RESPONDS_TO, key))


_BODY = (
    r"(?:(?:the|all|each|every)\s+)?(?:"
    r"(?:(?:[A-Z][\w'’&-]*|of|for|and|&|the|on|in)\s+){0,8}[A-Z][\w'’&-]*"
    r"|(?:government|local authorities|local authority|local councils?|councils?|schools|"
    r"police(?: forces)?|"
    r"partnership|partners|agencies|providers|commissioners|ministers?|departments?|officers|"
    r"services|cabinet|executive|board|committee)\b)"
)
_SHOULD = re.compile(
    r"(?:^|[,;:]\s+|\b[Tt]hat\s+|\.\s+|\b(?:believe|think|consider|expect)\s+)"
    rf"(?P<who>{_BODY}(?:,?\s+(?:together with|with|and)\s+{_BODY})?),?"
    r"\s+(?:should|must|needs? to|ought to|is asked to|are asked to|(?:is|are) urged to|"
    r"(?:is|are) recommended to|to)\b"
)
_RECOMMEND_WHO = re.compile(
    rf"\b(?:recommends?|recommended|urges?|calls? (?:on|upon)|asks?|invites?|is that)\s+"
    rf"(?:that\s+)?(?P<who>{_BODY})\s+(?=[a-z])"
)
# "We recommend that when the Government makes changes, it should …"
_RECOMMEND_LATER = re.compile(
    r"\brecommend\w*\s+that\b[^.;]{0,80}?\b(?P<who>(?:the\s+)?[A-Z][\w'’&-]*"
    r"(?:\s+(?:(?:of|for|and|&|the|on)\s+)*[A-Z][\w'’&-]*){0,6})"
)
# "Those cases must be monitored by local authorities": who acts is the passive's agent.
_PASSIVE_BY = re.compile(
    r"\b(?:should|must|needs? to|ought to|shall)\s+(?:\w+ly\s+|also\s+|now\s+|then\s+)?"
    r"be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|ade|et|eld|one|un|ought|ept|ent)\s+"
    r"(?:(?:jointly|together|locally|nationally|directly)\s+)?"
    rf"by\s+(?P<who>{_BODY}(?:\s+(?:government|councils?|authorities|trusts|boards|"
    r"partnerships?|partners|services|forces))?)(?=[\s,.;:)]|$)"
)
# The same, for any agent written in lower case ("… should be given by the national
# healthcare administrations in England, …"), up to a comma, a bracket or "to".
_PASSIVE_AGENT = re.compile(
    r"\b(?:should|must|needs? to|ought to|shall)\s+(?:\w+ly\s+|also\s+|now\s+|then\s+)?"
    r"be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|ade|et|eld|one|un|ought|ept|ent)\s+by\s+"
    r"(?P<who>[^,;.()]{3,120}?)(?=\s*[,;.()]|\s+(?:to|in order|so that|as|when)\b|$)"
)
_PASSIVE_AFTER = re.compile(
    r"\s+(?:\w+ly\s+|also\s+)?be\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|ade|et|eld|one|un|ought|ept)\b"
)
_NOT_A_BODY = re.compile(
    r"^(?:the\s+)?(?:we|i|it|this|that|there|these|those|they|he|she|you|in|on|of|and|for|"
    r"however|but|also|further|finally|therefore|recommendations?|reports?|reviews?)\b",
    re.I,
)


# The subject of a sentence's first modal: "The governments of the UK, Scotland, Wales and
# Northern Ireland should each …", "The UK government, working with the devolved
# administrations, should …", "For all exercises, the four health departments must …".
_MODAL = re.compile(
    r"\s+(?:should|must|ought to|needs? to|shall|(?:is|are) (?:asked|urged|invited) to)\b"
)
_SENTENCE_OPENING = re.compile(
    r"^[\W\d]*(?:(?:we|the\s+\w+)\s+(?:therefore\s+|also\s+|further\s+)?"
    r"recommends?\s+that\s+|it\s+is\s+recommended\s+that\s+|that\s+)?",
    re.I,
)
# An opening phrase set off by a comma ("For all civil emergency exercises, …").
_LEADING_PHRASE = re.compile(
    r"^(?:for|in|by|within|when|where|as|following|to|after|before|from|with|given|"
    r"once|until|if|during|at)\b[^,]{0,120},\s*",
    re.I,
)
# Who can be asked to act: the word a public body's or a profession's name ends on.
_BODY_HEAD = re.compile(
    r"(?:governments?|administrations?|departments?|authorit(?:y|ies)|councils?|"
    r"councillors|boards?|partnerships?|partners|agenc(?:y|ies)|services|trusts?|"
    r"committees?|panels?|cabinet|executive|ministers?|secretar(?:y|ies)|"
    r"officers?|directors?|schools|academies|colleges|providers?|commissioners?|police|"
    r"forces?|inspectorates?|regulators?|bodies|organisations|employers|office|"
    r"commission|leaders|practitioners|professionals|hospitals|parliament|assembly|"
    r"nhs|ofsted|chairs?|governors|headteachers|clinicians|workers|ccgs|icbs|gps)",
    re.I,
)
# Where a subject's head noun phrase ends: a preposition or a relative pronoun after it.
_AFTER_HEAD = re.compile(
    r"\s+(?:of|in|for|on|at|across|within|with|who|which|that|responsible|concerned)\b"
)
_MINOR_WORDS = frozenset({"of", "for", "and", "the", "&", "or", "in", "where", "appropriate"})


def _names_a_body(subject: str) -> bool:
    """Whether a subject names who can act: its first conjunct's head noun is a body's
    or a profession's ("The governments of the UK …", "The UK government and devolved
    administrations"), or every word of it is capitalised ("PACAC", "HM Government")."""
    words = subject.split()
    if len(words) == 1:
        # A lone word opening a sentence is capitalised whatever it is ("Children should
        # …"): only an acronym names a body by its capitals ("PACAC", "NHS").
        if re.fullmatch(r"[A-Z]{2,}[a-z]?", words[0].strip("'’()")):
            return True
    elif all(w.lstrip("('\"‘“")[:1].isupper() for w in words if w.lower() not in _MINOR_WORDS):
        return True
    cut = _AFTER_HEAD.search(subject)
    phrase = subject[: cut.start()] if cut else subject
    first = re.split(r",\s*|\s+(?:and|or)\s+", phrase, maxsplit=1)[0].split()
    head = first[-1].strip("'’()") if first else ""
    return _BODY_HEAD.fullmatch(head) is not None


def _modal_subject(text: str) -> tuple[str, ...]:
    """The subject before the first sentence's modal verb, when it names who acts."""
    sentence = re.split(r"(?<=[.;:!?])\s+", text.strip(), maxsplit=1)[0]
    modal = _MODAL.search(sentence)
    if modal is None or _PASSIVE_AFTER.match(sentence, modal.end()):
        return ()
    subject = sentence[: modal.start()]
    opening = _SENTENCE_OPENING.match(subject)
    subject = subject[opening.end() :] if opening else subject
    subject = _LEADING_PHRASE.sub("", subject)
    subject = subject.strip(" ,;:-–—")
    words = subject.split()
    if not words or len(words) > 24 or _NOT_A_BODY.match(subject):
        return ()
    if not (words[0][:1].isupper() or words[0].lower() in {"the", "all", "each", "every"}):
        return ()
    return (subject,) if _names_a_body(subject) else ()


def addressee(text: str) -> tuple[str, ...]:
    """Who a recommendation asks to act: "… must be monitored by local authorities",
    "The Department … should …", "The governments of the UK, Scotland, Wales and Northern
    Ireland should each …", "We recommend that the Government publish …", "… urges local
    authorities to …"."""
    for match in _PASSIVE_BY.finditer(text):
        who = match.group("who").strip(" ,")
        if who and not _NOT_A_BODY.match(who) and len(who.split()) <= 14:
            return (who,)
    for match in _PASSIVE_AGENT.finditer(text):
        who = match.group("who").strip(" ,")
        if len(who.split()) <= 14 and not _NOT_A_BODY.match(who) and _names_a_body(who):
            return (who,)
    subject = _modal_subject(text)
    if subject:
        return subject
    for pattern in (_SHOULD, _RECOMMEND_WHO, _RECOMMEND_LATER):
        for match in pattern.finditer(text):
            if pattern is _SHOULD and _PASSIVE_AFTER.match(text, match.end()):
                continue  # "Treatment should be provided by …": the subject does not act
            who = re.sub(r"^(?:that|then|and|but)\s+", "", match.group("who"), flags=re.I)
            who = who.strip(" ,")
            if pattern is _SHOULD and len(who.split()) == 1 and not _names_a_body(who):
                continue  # a lone capitalised word opening a sentence ("Children should …")
            if who and not _NOT_A_BODY.match(who) and len(who.split()) <= 14:
                return (who,)
    return ()


# An item completing "The Panel recommends that:" or worded "That the Executive ensures …":
# its subject is who is asked to act.
_ITEM_SUBJECT = re.compile(
    rf"^[\W\d]*(?:[Tt]hat\s+)?(?P<who>{_BODY})\s+(?:[a-z]+s|be|should|must|to|will|works?)\b"
)


def _item_subject(body: str) -> tuple[str, ...]:
    match = _ITEM_SUBJECT.match(body)
    if match is None:
        return ()
    who = match.group("who").strip(" ,")
    if (
        _NOT_A_BODY.match(who)
        or len(who.split()) > 10
        or (not who[:1].isupper() and not who.lower().startswith(("the ", "all ", "each ")))
    ):
        return ()
    return (who,)


def _is_statement(sentence: str) -> bool:
    """A whole sentence in ordinary case: not a fragment cut from a column or an address."""
    letters = [c for c in sentence if c.isalpha()]
    return (
        (sentence[:1].isupper() or sentence[:1] in "\"“‘'(")
        and sentence.rstrip("\"”’') ").endswith((".", "!", "?", ";"))
        and sum(c.isupper() for c in letters) <= len(letters) / 2
    )


def _add_finding(built: _Built, text: str, number: str, span: Span, confidence: float) -> None:
    subject = _clean_text(text, span)
    if len(subject) < 20 or (number and number in built.finding_numbers):
        return
    if _ABOUT_THE_LIST.search(subject) or _ANNOUNCES.match(subject):
        return
    if len(re.findall(r"[A-Za-z]{2,}", subject)) < 5 or re.match(
        r"^\W*(?:https?://|www\.)", subject
    ):
        return  # a link or a label, not a statement
    if not number and not _is_statement(subject):
        return
    if number:
        built.finding_numbers.add(number)
        key = f"finding-{number}"
    else:
        built.unnumbered_findings += 1
        key = f"finding-u{built.unnumbered_findings}"
    label = f"Finding {number}" if number else f"Finding: {subject[:60]}"
    built.entities.append(
        Finding(
            key=key,
            label=label,
            span=span,
            confidence=confidence,
            number=number,
            subject=subject,
            leads=(),
            no_recommendation=False,
        )
    )
    built.covered.append(span)


def _decided_status(item: Item) -> dict[str, tuple[str, Span]]:
    """The item's fields, with the status its decision notice's introduction gave every
    recommendation below it, when the item states none of its own."""
    decided = _DECIDED_RECOMMENDATIONS.match(strip_markup(item.intro)) if item.intro else None
    if decided is None or "status" in item.fields:
        return item.fields
    return {**item.fields, "status": (decided.group("status"), Span(item.start, item.end))}


def _from_items(text: str, items: list[Item], built: _Built, taken: set[str]) -> None:
    for item in items:
        built.recommendation_numbers |= taken
        item.fields = _decided_status(item)
        if item.labelled or item.context is Context.RECOMMENDATIONS:
            if item.children and text[item.start : item.end].rstrip().endswith(":"):
                for child in item.children:
                    number = f"{item.number}{child.number}" if item.number else child.number
                    span = Span(child.start, child.end)
                    _add_recommendation(
                        built, text, number, span, 0.7, item.section,
                        child.fields or item.fields, intro=item.intro,
                    )  # fmt: skip
                continue
            confidence = 0.8 if item.labelled else (0.7 if item.number else 0.6)
            _add_recommendation(
                built, text, item.number, Span(item.start, item.end), confidence,
                item.section, item.fields, intro=item.intro,
            )  # fmt: skip
            for child in item.children:
                number = f"{item.number}{child.number}" if item.number else child.number
                _add_recommendation(
                    built, text, number, Span(child.start, child.end), 0.6, item.section,
                    child.fields, intro=item.intro,
                )  # fmt: skip
        elif item.context is Context.FINDINGS and _RECOMMENDS_EXPLICITLY.search(
            text, item.start, item.end
        ):
            # "We recommend that …" under a "Conclusions" heading: the recommending
            # sentences are a recommendation, the others findings.
            _from_conclusion(text, item, built)
        elif item.context is Context.FINDINGS and _ADVISES.match(
            strip_markup(text[item.start : item.end])
        ):
            continue  # "The trust must ensure …" listed with what was found: a requirement
        elif item.context is Context.FINDINGS:
            _add_finding(built, text, item.number, Span(item.start, item.end), 0.7)
            for child in item.children:
                _add_finding(built, text, f"{item.number}{child.number}",
                             Span(child.start, child.end), 0.6)  # fmt: skip
        elif item.context is Context.MIXED:
            _from_conclusion(text, item, built)


_SHORT_SENTENCE = 60
# An item that asks for action: its subject then "must", "should", "needs to".
_ADVISES = re.compile(
    r"^\W*(?:[\w'’-]+\s+){1,6}?(?:must|should|needs?\s+to|ought\s+to)\s+(?!have\b|be\b)"
    r"|^\W*(?:we|i|the\s+[\w'’-]+(?:\s+[\w'’-]+)?)\s+will\s+",  # or says what will be done
    re.I,
)


def _from_conclusion(text: str, item: Item, built: _Built) -> None:
    """A "Conclusions and recommendations" item: its recommending sentences make one
    recommendation; each other sentence is a finding (a short one joins the one before)."""
    sentences = _sentences(text, item.start, item.end)
    recommending = {i for i, (s, e) in enumerate(sentences) if _RECOMMENDING.search(text[s:e])}
    if recommending:
        first, last = min(recommending), max(recommending)
        body = " ".join(_clean_text(text, Span(*sentences[i])) for i in sorted(recommending))
        span = Span(sentences[first][0], sentences[last][1])
        _add_recommendation(
            built, text, item.number, span, 0.7, item.section, item.fields, body.strip()
        )
    runs: list[Span] = []
    for i, (s, e) in enumerate(sentences):
        if i in recommending:
            continue
        short = e - s < _SHORT_SENTENCE
        if (
            runs
            and (i - 1) not in recommending
            and (short or runs[-1].end - runs[-1].start < _SHORT_SENTENCE)
        ):
            runs[-1] = Span(runs[-1].start, e)
        else:
            runs.append(Span(s, e))
    numbered = bool(item.number)
    for run in runs:
        _add_finding(built, text, item.number if numbered else "", run, 0.7)
        numbered = False


# --- single sentences ----------------------------------------------------------------------

_RECOMMENDS_THAT = re.compile(
    r"(?<!the )(?<!these )(?<!those )(?<!its )(?<!their )(?<!all )"
    r"\b(?:recommends?|recommended|recommendation (?:is|was)|we would recommend)\s+"
    r"(?:that\b|the (?:government|council|department|committee|board|partnership|cabinet)\b|"
    r"(?:a|an|new|further|proposals?|changes?|options?)\b)",
    re.I,
)
# "… (recommendation 7)." after a recommendation quoted from another report.
_TRAILING_REFERENCE = re.compile(
    r"\((?:recommendation|rec\.?)\s+(?P<number>\d{1,3}[a-z]?)\)[\s.;:]*$", re.I
)
# "The Committee felt that the Government must …": a committee's view that someone must act.
_COMMITTEE_VIEW = re.compile(
    r"\b(?:we|the (?:committee|panel|review|inquiry|commission|board|group|working group))\s+"
    r"(?:\w+ly\s+)?(?:felt|feels|believes?|believed|considers?|considered|thinks?|thought|"
    r"(?:is|was|are|were) of the (?:view|opinion)|(?:is|are|was|were) clear)\s+that\b"
    r"(?=[^.]{0,200}\b(?:should|must|needs? to|ought to)\b)",
    re.I,
)
# An item of an announced list ("Cabinet is recommended to: … (d) note the outcome …").
_ANNOUNCED_NOTING = re.compile(r"^(?:that\s+)?(?:note|consider|receive|comment on)\s+\w", re.I)
_IS_RECOMMENDED = re.compile(r"\b(?:is|are) recommended to\b", re.I)
_PASSIVE_REPORT = re.compile(r"\b(?:it|this) (?:was|had been|has been) recommended\b", re.I)
_LIST_MARKER = re.compile(r"^[\s\-*•·▪◦‣]*(?:\(?(?:\d{1,3}(?:\.\d{1,2}){0,2}|[a-z])[.)]?\s+)?")
_FINDS_THAT = re.compile(
    r"\b(?:(?:is|was) clear from\b[^.]{0,80}?\bthat|"
    r"(?:provided|gave|gives|reached|reaches|made|makes) (?:an? )?(?:overall |clear )?"
    r"(?:judge?ment|conclusion|finding|verdict)s? that|"
    r"found|finds|concluded|concludes|identified|identifies|revealed|reveals|learn(?:ed|t)|"
    r"highlighted|highlights|showed|shows|says|said|pointed to|points to|judged|judges|"
    r"(?:is|are|was|were|remains?|remained)\s+(?:very\s+|fully\s+|not\s+)?"
    r"(?:satisfied|concerned|convinced)\s+that|"
    r"had seen|makes? clear|made clear|is clear|underlines|emphasises|warns)"
    r"(?:\s+that)?\b",
    re.I,
)
_REVIEWER = re.compile(
    r"\b(?:review|report|inquiry|inspection|inspectors?|investigation|panel|committee|"
    r"audit|evaluation|ofsted|scr|serious case review|analysis|survey|research|evidence|"
    r"study|commission|inspectorate|data|(?:task|working|review|scrutiny) group|peer team)\b",
    re.I,
)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:it|they|this|the (?:report|review))\b", re.I)
_REPORTED_ONLY = re.compile(r"\b(?:if|whether|would|could)\b", re.I)
_MAX_SENTENCE = 500
# "This is one of the significant conclusions of a report …": the paragraph before holds it.
_ANNOUNCES = re.compile(
    r"^\W*(?:this|these|that|those|other)\s+(?:is|are|was|were|include|includes)?\s*"
    r"(?:one|some|among|amongst|two|three|four|five)?[^.]{0,40}\b(?:conclusions?|findings?)\b",
    re.I,
)
_ABOUT_THE_LIST = re.compile(
    r"\b(?:findings|recommendations|conclusions|areas for improvement)\b.{0,40}"
    r"\b(?:set out|below|above|listed|following)\b|^\W*\d+\s+(?:findings|recommendations)\b",
    re.I,
)


def _inside(span: Span, covered: list[Span]) -> bool:
    return any(c.start <= span.start < c.end or span.start <= c.start < span.end for c in covered)


_SENTENCE_WORDS = (
    "recommend", "found", "finds", "conclu", "finding", "identif", "reveal", "highlight",
    "show", "says", "said", "point", "judg", "seen", "clear", "underline", "emphasis", "warn",
    "felt", "feel", "believ", "consider", "think", "thought", "view", "opinion", "satisf",
    "concerned", "convinced", "learn",
)  # fmt: skip


def _unwrapped(lines: list[_Line]) -> list[_Line]:
    """``lines`` with a hard-wrapped paragraph's lines joined into one (text laid out at a
    fixed width, as PDFs and plain-text exports give it): a line joins the next when it
    ends without a sentence's closing mark and the next opens in lower case, or it ends
    on a comma or a word no sentence ends with ("in", "the", "and")."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and line.stripped and _continues_wrapped(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [
        group[0] if len(group) == 1 else _Line(group[0].start, "\n".join(g.text for g in group))
        for group in groups
    ]


def _continues_wrapped(previous: _Line, line: _Line) -> bool:
    """Whether ``line`` goes on the sentence the line ``previous`` leaves open."""
    last = previous.stripped
    if not last or last.endswith((".", "!", "?", ":", ";")) or _is_table_line(line.text):
        return False
    if _item_match(line.text, True) is not None or _is_table_line(last):
        return False
    opens_lower = line.stripped[:1].islower()
    return opens_lower or last.endswith(",") or bool(_OPEN_ENDING.search(last))


def _sentence_items(text: str, built: _Built) -> None:
    """ "… recommends that …" sentences and "The review found that …" sentences, read
    across the lines of a hard-wrapped paragraph."""
    lines = _unwrapped(_scan(text))
    # One pass for the words every pattern below needs; a line without them is skipped.
    lowered = text.lower()
    previous: _Line | None = None
    for line in lines:
        if not line.stripped or _is_table_line(line.text) or len(line.stripped) < 30:
            continue
        prior, previous = previous, line
        low = lowered[line.start : line.end]
        if not any(word in low for word in _SENTENCE_WORDS):
            continue  # nothing a recommending or finding sentence is made of
        sentences = _sentences(text, line.start, line.end)
        for position, (s, e) in enumerate(sentences):
            if _ANNOUNCES.match(text[s:e]):
                # "This is one of the significant conclusions of the report": what was said
                # just before (in this paragraph, else the one before) is a finding.
                stated = sentences[:position]
                if not stated and prior is not None:
                    stated = _sentences(text, prior.start, prior.end)
                for ss, se in stated:
                    if not _inside(Span(ss, se), built.covered) and se - ss <= _MAX_SENTENCE:
                        _add_finding(built, text, "", Span(ss, se), 0.5)
                break
        for s, e in sentences:
            sentence = text[s:e]
            span = Span(s, e)
            if _inside(span, built.covered) or len(sentence) > _MAX_SENTENCE:
                continue
            body = sentence[_LIST_MARKER.match(sentence).end() :]  # type: ignore[union-attr]
            if _PROCEDURAL.match(body):
                continue
            reference = _TRAILING_REFERENCE.search(sentence)
            if reference and len(sentence.split()) >= 8:
                number = normalise_number(reference.group("number"))
                if number not in built.recommendation_numbers:
                    body_end = s + reference.start()
                    _add_recommendation(built, text, number, Span(s, body_end), 0.6, None)
                    continue
            recommends = (
                _RECOMMENDS_THAT.search(sentence)
                or _IS_RECOMMENDED.search(sentence)
                or _COMMITTEE_VIEW.search(sentence)
            )
            if (
                recommends
                and not _negated(sentence)
                and not _PASSIVE_REPORT.search(sentence)
                and not sentence.rstrip().endswith(":")
            ):
                tail = sentence[recommends.end() :]
                if len(tail.split()) >= 5 and not re.match(
                    r"^\W*(?:the )?(?:report|update|minutes)\s+(?:be|is)\s+noted", tail, re.I
                ):
                    _add_recommendation(built, text, "", span, 0.55, None)
                    continue
            finds = _FINDS_THAT.search(sentence)
            before = sentence[: finds.start()] if finds else ""
            if finds is None:
                continue
            if not finds.group(0).lower().endswith("that") and re.search(
                r"\b(?:we|i|you|they)\s+\w*\s*$", before, re.I
            ):
                continue  # "what we found is …": speech, not a finding
            # without "that" the verb may be a participle ("risks identified in the
            # assessment"): its reviewer is then its subject, a few words before it
            near = (
                before[-80:] if finds.group(0).lower().endswith("that") else _last_words(before, 4)
            )
            by_reviewer = (
                bool(_REVIEWER.search(near + finds.group(0)))
                or bool(  # "The group found that …" in a task group's report
                    finds.group(0).lower().endswith("that")
                    and re.search(r"\bthe\s+group\s+$", before, re.I)
                )
                or bool(re.search(r"\bwe\s+(?:\w+\s+)?$", before, re.I))
                or bool(
                    _PRONOUN_SUBJECT.match(before)
                    and len(before.split()) <= 3
                    and _REVIEWER.search(text[max(0, s - 300) : s])
                )
            )
            rest = sentence[finds.end() :] if finds else ""
            if not finds.group(0).lower().endswith("that") and re.match(
                r"\s*(?:at|on|in|with|after|before|when|during|matters)\b", rest, re.I
            ):
                continue  # "The investigation concluded at the end of the inquest"
            if _ABOUT_THE_LIST.search(rest):
                continue  # "The review identified 8 findings which are set out below"
            if (
                finds
                and by_reviewer
                and len(rest.split()) >= 5
                and not _REPORTED_ONLY.search(before)
            ):
                _add_finding(built, text, "", span, 0.5)


# --- responses stated in prose -------------------------------------------------------------

_NUMBER = (
    r"(?:\d{1,3}(?:\.\d{1,2})?[a-z]?|" + _NUMBER_WORDS + rf"|\((?:[a-z]|{_ROMAN})\)|"
    rf"(?<![\w(])(?:{_ROMAN}|[a-h])(?![\w’')]))"
)
_NUMBER_LIST = rf"{_NUMBER}(?:\s*(?:,|and|&|to|-|–|or)\s*{_NUMBER})*"
_STATUS_PHRASE = (
    r"(?:(?:accepted|agreed|supported|approved) in (?:part|principle)|"
    r"(?:partially|partly) (?:accepted|agreed|supported|approved)|"
    r"not accepted|not agreed|not supported|not approved|"
    r"accepted|agreed|approved|supported|endorsed|rejected|declined|noted|deferred|"
    r"under consideration|already in place)"
)
_STATUS_STATEMENT = re.compile(
    rf"\brecommendations?\s+(?P<numbers>{_NUMBER_LIST})\s*(?:\([^)]{{0,80}}\)\s*)?"
    r"(?:(?:is|are|was|were|be|has been|have been|remains?|remained)\s+"
    rf"(?:(?!partially|partly)\w+ly\s+)?(?P<status>{_STATUS_PHRASE})\b|"
    # "Recommendation 2 – not agreed.", "Recommendations 3 and 4: accepted"
    rf"[ \t]*[:\-–—][ \t]*(?P<labelled>{_STATUS_PHRASE})(?=[ \t]*(?:[.;,:–—\-]|\n|$)))",
    re.I,
)
# An item that only states a response ("Recommendation 2 – not agreed."): not a recommendation.
_ONLY_A_STATEMENT = re.compile(r"^\W*(?:that\s+)?(?=recommendations?\s)", re.I)
_VERB_STATEMENT = re.compile(
    rf"\b(?P<status>accepted|agreed|approved|supported|endorsed|rejected|declined|noted|"
    rf"deferred|accepts?|agrees?|rejects?|notes?|supports?)\s+recommendations?\s+"
    rf"(?P<numbers>{_NUMBER_LIST})\b"
    r"(?P<part>\s+in part)?",
    re.I,
)


# "approved subject to recommendation 4 being amended to read …": accepted as amended.
_AMENDED_STATEMENT = re.compile(
    rf"\bsubject to (?:the )?recommendations?\s+(?P<numbers>{_NUMBER_LIST})\s+being\s+"
    r"(?P<status>amended|modified|revised|deleted|removed|withdrawn)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|cannot|unable\s+to)\s+(?:\w+ly\s+)?$|n['’]t\s+$", re.I)
_SUBORDINATE = re.compile(
    r"\b(?:as|since|because|having|which|when|where|if|unless|whether|once)\s+(?:\w+\s+){0,2}$",
    re.I,
)


def _numbers(listed: str) -> list[str]:
    parts = re.findall(_NUMBER, listed, re.I)
    numbers = [normalise_number(p) for p in parts]
    ranged = re.search(rf"({_NUMBER})\s*(?:to|-|–)\s*({_NUMBER})", listed, re.I)
    if ranged:
        low, high = normalise_number(ranged.group(1)), normalise_number(ranged.group(2))
        if low.isdigit() and high.isdigit() and 0 < int(high) - int(low) < 40:
            numbers += [str(n) for n in range(int(low), int(high) + 1)]
    return list(dict.fromkeys(numbers))


def _statements(text: str) -> list[re.Match[str]]:
    """Matches of both statement patterns, looked for only where "recommendation" is."""
    lowered = text.lower()
    found: dict[tuple[int, int], re.Match[str]] = {}
    position = lowered.find("recommendation")
    while position >= 0:
        forward = _STATUS_STATEMENT.match(text, position)
        if forward is not None:
            found.setdefault(forward.span(), forward)
        backward = _VERB_STATEMENT.search(text, max(0, position - 30), position + 200)
        if backward is not None and backward.start("numbers") > position:
            found.setdefault(backward.span(), backward)
        amended = _AMENDED_STATEMENT.search(text, max(0, position - 30), position + 120)
        if amended is not None and amended.start("numbers") > position:
            found.setdefault(amended.span(), amended)
        position = lowered.find("recommendation", position + 14)
    return [found[key] for key in sorted(found)]


def _stated_responses(text: str, built: _Built) -> None:
    """Responses stated in a sentence, attached to the recommendation they number (one is
    made from the statement when the document does not set the recommendation out)."""
    responded = {e.recommendation_key for e in built.entities if isinstance(e, Response)}
    for match in _statements(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if _is_table_line(text[line_start : line_end if line_end >= 0 else len(text)]):
            continue
        if _SUBORDINATE.search(text[max(line_start, match.start() - 40) : match.start()]):
            continue
        phrase = match.group("status") or match.groupdict().get("labelled") or ""
        if match.groupdict().get("part"):
            phrase += " in part"
        if phrase.lower() in ("note", "notes"):
            phrase = "noted"
        if re.match(r"\s+subject\s+to\b", text[match.end() : match.end() + 20], re.I):
            phrase = f"{phrase} in part"  # "Recommendation 2 was agreed subject to funding"
        if match.re is _AMENDED_STATEMENT:
            amended = phrase.lower() in ("amended", "modified", "revised")
            phrase = "accepted in part" if amended else "rejected"
        if match.re is _VERB_STATEMENT and _NEGATION.search(
            text[max(line_start, match.start() - 30) : match.start()]
        ):
            phrase = f"not {phrase}"  # "we do not accept recommendation 4"
        status = normalise_status(phrase) or status_from_response(f"is {phrase}")
        if status is None:
            continue
        statement = _statement_span(text, match.start(), match.end())
        for number in _numbers(match.group("numbers")):
            key = f"recommendation-{number}"
            if key in responded:
                continue
            if number not in built.recommendation_numbers:
                built.recommendation_numbers.add(number)
                built.entities.append(
                    Recommendation(
                        key=key,
                        label=f"Recommendation {number}",
                        span=statement,
                        confidence=0.5,
                        number=number,
                        text=strip_markup(statement.slice(text)),
                    )
                )
            response_key = f"response-{number}"
            responded.add(key)
            built.entities.append(
                Response(
                    key=response_key,
                    label=f"Response to Recommendation {number}",
                    span=statement,
                    confidence=0.7,
                    recommendation_key=key,
                    status=status,
                    status_text=phrase,
                    owners=(),
                    comment=strip_markup(statement.slice(text)),
                )
            )
            built.links.append(Link(response_key, LinkKind.RESPONDS_TO, key))


def _statement_span(text: str, start: int, end: int) -> Span:
    """The clause around a match: from the line's start (or the last sentence end) to the
    next sentence end or line end."""
    line_start = text.rfind("\n", 0, start) + 1
    stop = max(text.rfind(". ", line_start, start) + 2, text.rfind("; ", line_start, start) + 2)
    begin = max(line_start, stop if stop > 1 else line_start)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    close = [p for p in (text.find(". ", end, line_end), text.find(";", end, line_end)) if p >= 0]
    finish = min(close) + 1 if close else line_end
    return Span(begin, finish)


# --- entry points ------------------------------------------------------------------------


# --- tables flattened by a PDF reader ------------------------------------------------------
#
# A PDF table read in content order loses its columns: each line is the cells of one
# visual line joined by single spaces ("1 The partnership should commission Accepted
# Community Safety March 2025"), and a wrapped cell continues on the next line. Under a
# header line that names the columns, a numbered line is cut at its status phrase (what
# comes before is the recommendation) and its trailing date (the due date); the words
# between are the owner.

_FLAT_HEADER = re.compile(r"\brecommendations?\b", re.I)
_FLAT_HEADER_ROLES = re.compile(
    r"\b(?:response|decision|status|agreed|accept\w*|lead|owner|responsible|action by|"
    r"timescale|target|by when|due|deadline)\b",
    re.I,
)
_FLAT_ROW = re.compile(
    r"^[ \t]*(?:R|Rec\.?[ \t]*)?(?P<number>\d{1,3}(?:\.\d{1,2})?[a-z]?)[.)]?[ \t]+(?P<rest>\S.*)$"
)
_FLAT_STATUS = re.compile(
    r"(?<=\s)(?:Accepted in (?:part|principle)|Agreed in (?:part|principle)|"
    r"Partially (?:accepted|agreed|supported)|Not (?:accepted|agreed|supported)|"
    r"Accepted|Agreed|Supported|Approved|Rejected|Declined|Noted|Deferred|Partially|Partly|"
    r"Under consideration|Already in place)(?=\s|$|[.;,])"
)
_FLAT_PROGRESS_HEADER = re.compile(r"\b(?:RAG|progress)\b", re.I)
_FLAT_PROGRESS = re.compile(
    r"\s(?P<progress>Red|Amber|Green|Complete[d]?|On track|Off track|Not started|In progress|"
    r"Delayed|Ongoing)\s*$"
)
_HEADER_WRAP = re.compile(r"^[A-Za-z()/?&'’]+(?:\s+[A-Za-z()/?&'’]+){0,4}$")
_STATUS_CLOSE = re.compile(r"(?<!\S)(?:agreed|accepted|supported)(?!\S)")
_FLAT_DUE = re.compile(
    rf"\s(?P<due>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+\d{{4}}|Q[1-4]\s+\d{{4}}(?:/\d{{2}})?|"
    r"(?:19|20)\d{2}(?:/\d{2,4})?|Ongoing|Immediate(?:ly)?|TBC|n/a|N/A)\s*$"
)


def _flattened_rows(text: str, built: _Built) -> None:
    lines = _scan(text)
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        stripped = line.stripped
        if (
            not stripped
            or len(stripped) > 160
            or _is_table_line(line.text)
            or not _FLAT_HEADER.search(stripped)
            or len(_FLAT_HEADER_ROLES.findall(stripped)) < 2
            or stripped.endswith((".", ":"))
        ):
            continue
        progress = bool(_FLAT_PROGRESS_HEADER.search(stripped))
        index = _read_flat_table(text, lines, index, built, progress=progress, header=stripped)


def _read_flat_table(
    text: str, lines: list[_Line], index: int, built: _Built, *, progress: bool, header: str
) -> int:
    rows: list[dict[str, object]] = []
    header_lines = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.stripped
        if rows and (stripped == header or is_page_furniture(stripped)):
            index += 1  # a page break: its page number and the header repeated on the next page
            continue
        if not stripped:
            following = _next_filled(lines, index)
            if following is None:
                index = len(lines)  # the table ends the document
                break
            nxt = lines[following].stripped
            if not (_FLAT_ROW.match(lines[following].text) or nxt[:1].islower()):
                # a page footer ("Page 2 of 4") may sit between the parts of a table
                if nxt == header:
                    index = following
                    continue
                if not re.match(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", nxt, re.I):
                    break
                index = following + 1
                continue
            index = following
            continue
        row = _FLAT_ROW.match(line.text)
        if row is None and not rows and header_lines < 2 and _HEADER_WRAP.match(stripped):
            header_lines += 1  # the header's cells wrapping ("response   officer")
            index += 1
            continue
        if (row is not None and _FLAT_STATUS.search(" " + row.group("rest")) is not None) or (
            row is not None and rows and _FLAT_DUE.search(" " + row.group("rest"))
        ):
            rows.append(_flat_row(line, row, progress=progress))
        elif rows and not _FIELD.match(line.text) and len(stripped) <= 160:
            _continue_flat_row(rows[-1], line)
        else:
            break
        index += 1
    for found in rows:
        number = str(found["number"])
        rec_span = found["rec"]
        assert isinstance(rec_span, Span)
        fields = {
            k: (strip_markup(str(v[0])), v[1])  # type: ignore[index]
            for k, v in found.items()
            if k in ("status", "owner", "due", "progress") and v
        }
        pieces = found["pieces"]
        assert isinstance(pieces, list)
        body = strip_markup(" ".join(pieces))
        _add_recommendation(built, text, number, rec_span, 0.7, None, fields, body)
    return index


def _flat_row(line: _Line, row: re.Match[str], *, progress: bool) -> dict[str, object]:
    rest_start = line.start + row.start("rest")
    rest = row.group("rest")
    found: dict[str, object] = {"number": normalise_number(row.group("number"))}
    rated = _FLAT_PROGRESS.search(rest) if progress else None
    if rated is not None:  # the last cell of a table with a RAG or progress column
        ps, pe = rated.start("progress"), rated.end("progress")
        found["progress"] = (rest[ps:pe], Span(rest_start + ps, rest_start + pe))
        rest = rest[: rated.start()]
    status = _FLAT_STATUS.search(" " + rest)
    cut = len(rest)
    if status is not None:
        s, e = status.start() - 1, status.end() - 1
        found["status"] = (rest[s:e], Span(rest_start + s, rest_start + e))
        found["status_open"] = rest[s:e] in ("Partially", "Partly")
        cut = s
        tail_start = e
    else:
        tail_start = len(rest)
    tail = rest[tail_start:]
    due = _FLAT_DUE.search(tail)
    if due is None and status is None:
        due = _FLAT_DUE.search(" " + rest)
        if due is not None:
            cut = due.start() - 1
            tail, tail_start = "", len(rest)
    if due is not None and tail:
        ds, de = tail_start + due.start("due"), tail_start + due.end("due")
        found["due"] = (rest[ds:de], Span(rest_start + ds, rest_start + de))
        owner = tail[: due.start()].strip(" ,;")
    else:
        owner = tail.strip(" ,;")
    if owner:
        o = rest.index(owner, tail_start)
        found["owner"] = (owner, Span(rest_start + o, rest_start + o + len(owner)))
    found["rec"] = Span(rest_start, rest_start + len(rest[:cut].rstrip()))
    found["pieces"] = [rest[:cut].rstrip()]
    found["complete"] = rest[:cut].rstrip().endswith((".", "!", "?"))
    return found


def _continue_flat_row(found: dict[str, object], line: _Line) -> None:
    """A wrapped line: the recommendation's words go on until its sentence ends; what
    follows a sentence end is the owner's cell wrapping."""
    content = line.stripped
    start = line.start + _indent(line.text)
    rec = found["rec"]
    assert isinstance(rec, Span)
    closing = _STATUS_CLOSE.search(content) if found.get("status_open") else None
    if closing is not None:
        # "Partially" on the row's line, "agreed" wrapped under it between the cells
        found["status_open"] = False
        status = found["status"]
        assert isinstance(status, tuple)
        found["status"] = (f"{status[0]} {closing.group(0)}", status[1])
        owner_words = content[closing.end() :].strip()
        before = content[: closing.start()].rstrip()
        if before:
            _continue_flat_row(found, _Line(start, before))
        _extend_owner(found, owner_words, start + closing.end() + 1)
        return
    if found.get("complete"):
        _extend_owner(found, content, start)
        return
    end_of_sentence = re.search(r"[.!?](?=\s+[A-Z])", content)
    if end_of_sentence is not None:
        found["rec"] = Span(rec.start, start + end_of_sentence.end())
        found["pieces"].append(content[: end_of_sentence.end()])  # type: ignore[attr-defined]
        found["complete"] = True
        _extend_owner(
            found, content[end_of_sentence.end() :].strip(), start + end_of_sentence.end() + 1
        )
    else:
        found["rec"] = Span(rec.start, start + len(content))
        found["pieces"].append(content)  # type: ignore[attr-defined]
        found["complete"] = content.endswith((".", "!", "?"))


def _extend_owner(found: dict[str, object], words: str, start: int) -> None:
    if not words:
        return
    owner = found.get("owner")
    if isinstance(owner, tuple):
        text, span = owner
        found["owner"] = (f"{text} {words}", Span(span.start, start + len(words)))
    else:
        found["owner"] = (words, Span(start, start + len(words)))


# --- one small table per recommendation ----------------------------------------------------
#
# | Recommendation 3 | That the council … |
# | Cabinet response | Agreed …           |
# | Lead officer     | Head of …          |
# | Timescale        | March 2025         |

_KEY_LABEL = re.compile(
    rf"^\W*(?:{_LABEL_WORDS})\s*(?P<number>\d{{1,3}}(?:\.\d{{1,2}})?[a-z]?|{_NUMBER_WORDS})?\W*$",
    re.I,
)
_KEY_FIELD = re.compile(rf"^\W*(?P<name>{_FIELD_NAME})\W*$", re.I)


def _key_value_tables(text: str, built: _Built) -> None:
    current: tuple[str, Span, str] | None = None
    fields: dict[str, tuple[str, Span]] = {}

    def flush() -> None:
        if current is not None:
            number, span, body = current
            _add_recommendation(built, text, number, span, 0.8, None, dict(fields), body)
        fields.clear()

    for row in parse_table_rows(text):
        filled = row.filled
        if len(filled) != 2 or filled[0] is not row.cells[0]:
            flush()
            current = None
            continue
        key, value = filled
        label = _KEY_LABEL.match(key.text)
        if label is not None and len(value.text.split()) >= 4:
            flush()
            current = (normalise_number(label.group("number") or ""), value.span, value.text)
            continue
        named = _KEY_FIELD.match(key.text) if current is not None else None
        if named is not None:
            fields.setdefault(_field_kind(named.group("name").lower()), (value.text, value.span))
            continue
        flush()
        current = None
    flush()


@lru_cache(maxsize=2)  # extract_recommendations and extract_findings read the same text
def _build(text: str) -> _Built:
    built = _Built()
    taken: set[str] = set()
    table_entities, table_links = table_recommendations(text, taken)
    built.entities.extend(table_entities)
    built.links.extend(table_links)
    built.recommendation_numbers |= taken
    built.covered.extend(e.span for e in table_entities)
    _flattened_rows(text, built)
    _key_value_tables(text, built)
    taken |= built.recommendation_numbers
    _from_items(text, scan_items(text), built, taken)
    taken |= built.recommendation_numbers
    for recommendation in _prose_recommendations(text, taken):
        built.entities.append(recommendation)
    for recommendation in _listed_recommendations(text, taken):
        built.entities.append(recommendation)
    built.recommendation_numbers |= taken
    _sentence_items(text, built)
    _stated_responses(text, built)
    _keyed_responses(text, built)
    return built


def _keyed_responses(text: str, built: _Built) -> None:
    """Responses from a table keyed by number, given to the recommendations set out
    elsewhere in the document with those numbers (with the lead, due date and progress
    the row states where the recommendation has none)."""
    rows = {row.number: row for row in keyed_responses(text)}
    if not rows:
        return
    responded = {e.recommendation_key for e in built.entities if isinstance(e, Response)}
    for index, entity in enumerate(built.entities):
        if not isinstance(entity, Recommendation) or entity.key in responded:
            continue
        row = rows.get(entity.number)
        if row is None:
            continue
        built.entities[index] = replace(
            entity,
            owners=entity.owners or row.owners,
            due=entity.due or row.due,
            progress=entity.progress or row.progress,
        )
        response_key = entity.key.replace("recommendation-", "response-", 1)
        built.entities.append(
            Response(
                key=response_key,
                label=f"Response to {entity.label}",
                span=row.span,
                confidence=row.confidence,
                recommendation_key=entity.key,
                status=row.status,
                status_text=row.status_text,
                owners=row.owners or entity.owners,
                comment=row.comment,
            )
        )
        built.links.append(Link(response_key, LinkKind.RESPONDS_TO, entity.key))
        responded.add(entity.key)


def extract_recommendations(text: str) -> Extraction:
    """Recommendations with their responses, from tables, lists, labelled paragraphs and
    sentences; findings are left to ``extract_findings``."""
    built = _build(text)
    entities = _with_addressees([e for e in built.entities if not isinstance(e, Finding)])
    return Extraction(entities=tuple(entities), links=tuple(built.links))


def _with_addressees(entities: list[Entity]) -> list[Entity]:
    """A recommendation read with no owner (a table without an owner column, a list
    item) is owned by whom its own words ask to act, and so is its response."""
    owners: dict[str, tuple[str, ...]] = {}
    out: list[Entity] = []
    for entity in entities:
        if isinstance(entity, Recommendation) and not entity.owners and entity.text:
            found = addressee(entity.text)
            if found:
                owners[entity.key] = found
                entity = replace(entity, owners=found)
        out.append(entity)
    return [
        replace(e, owners=owners[e.recommendation_key])
        if isinstance(e, Response) and not e.owners and e.recommendation_key in owners
        else e
        for e in out
    ]


def prose_findings(text: str) -> list[Finding]:
    """Findings from findings/conclusions lists and "… found that …" sentences."""
    built = _build(text)
    return [e for e in built.entities if isinstance(e, Finding)]
