"""A search hit shows its window with the cited passage marked inside it, all escaped."""

from __future__ import annotations

from scrutiny.web.rendering import cited_window


def test_the_cited_passage_is_marked_inside_its_window() -> None:
    text = "Context before. <b>The answer</b> about housing. Context after."
    start = 100
    focus = (100 + text.index("<b>"), 100 + text.index(" Context after"))
    html = str(cited_window(text, start, focus, "housing"))
    assert html.startswith('Context before. <strong class="cited-in-window">')
    assert "&lt;b&gt;The answer&lt;/b&gt; about <mark>housing</mark>.</strong>" in html
    assert html.endswith(" Context after.")


def test_a_window_that_is_its_passage_is_not_marked() -> None:
    html = str(cited_window("Only passage.", 5, (5, 18), "passage"))
    assert "cited-in-window" not in html and "<mark>passage</mark>" in html
    assert "cited-in-window" not in str(cited_window("No focus.", 0, None, "focus"))


def test_a_passage_reaching_past_the_window_is_clipped() -> None:
    html = str(cited_window("abc def", 10, (4, 14), "x"))
    assert html == '<strong class="cited-in-window">abc </strong>def'
