"""What the blind suites share: text made comparable, and a one-to-one matching of
expected records to extracted ones."""

from __future__ import annotations

from collections.abc import Sequence


def plain(text: str, dashes: bool = False) -> str:
    """Lower case, straight apostrophes and single spaces (a line break is a space); with
    ``dashes``, en and em dashes as hyphens."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if dashes:
        text = text.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.lower().split())


def distinct_matches(holds: Sequence[Sequence[int]]) -> list[int | None]:
    """For each expected record (``holds[e]``: the extracted records that fit it), the
    index of a distinct extracted record: a maximum matching, so one record covering two
    expected ones counts once."""
    owner: dict[int, int] = {}

    def assign(e: int, seen: set[int]) -> bool:
        for i in holds[e]:
            if i not in seen:
                seen.add(i)
                if i not in owner or assign(owner[i], seen):
                    owner[i] = e
                    return True
        return False

    for e in range(len(holds)):
        assign(e, set())
    by_expected = {e: i for i, e in owner.items()}
    return [by_expected.get(e) for e in range(len(holds))]
