// Marks the passage named in the URL fragment (#<passage id>) in the document text.
// Offsets come from the page's embedded JSON; they count Unicode code points, as
// Python does, so they are converted to UTF-16 indexes for the DOM.
(function () {
  "use strict";

  var MARK_CLASS = "cited-passage";

  function codePointLength(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) i++;
      count++;
    }
    return count;
  }

  function utf16Index(text, codePoints) {
    var i = 0;
    for (var seen = 0; seen < codePoints && i < text.length; seen++) {
      var unit = text.charCodeAt(i);
      i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? 2 : 1;
    }
    return i;
  }

  function clearMarks(container) {
    var marks = container.querySelectorAll("mark." + MARK_CLASS);
    marks.forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    });
    container.normalize();
  }

  function textNodes(container) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // Wraps the code-point range [start, end) of the container's text in marks (one per
  // text node it crosses) and returns them.
  function markRange(container, start, end) {
    var marks = [];
    var position = 0;
    textNodes(container).forEach(function (node) {
      var length = codePointLength(node.data);
      var from = Math.max(start, position);
      var to = Math.min(end, position + length);
      if (from < to) {
        var piece = node;
        var head = utf16Index(node.data, from - position);
        if (head > 0) piece = piece.splitText(head);
        piece.splitText(utf16Index(piece.data, to - from));
        var mark = document.createElement("mark");
        mark.className = MARK_CLASS;
        piece.parentNode.insertBefore(mark, piece);
        mark.appendChild(piece);
        marks.push(mark);
      }
      position += length;
    });
    return marks;
  }

  function showStatus(passageId, range) {
    var status = document.getElementById("cited-status");
    if (!status) return;
    status.textContent = "";
    status.appendChild(document.createTextNode("Cited passage "));
    var code = document.createElement("code");
    code.textContent = passageId;
    status.appendChild(code);
    status.appendChild(document.createTextNode(
      ", characters " + range[0] + "\u2013" + range[1] + ", is marked below."));
  }

  function markFromHash() {
    var container = document.getElementById("document-text");
    var data = document.getElementById("passage-offsets");
    if (!container || !data || location.hash.length < 2) return;
    var passageId;
    try {
      passageId = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var offsets = JSON.parse(data.textContent);
    var range = offsets[passageId];
    if (!range) return;
    clearMarks(container);
    var marks = markRange(container, range[0], range[1]);
    if (marks.length) {
      var anchor = document.getElementById(passageId);
      (anchor || marks[0]).scrollIntoView({ block: "start" });
      showStatus(passageId, range);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markFromHash);
  } else {
    markFromHash();
  }
  window.addEventListener("hashchange", markFromHash);
})();
