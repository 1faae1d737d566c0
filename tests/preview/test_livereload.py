"""Live-reload states, the event stream and the injected snippet (escaping, placement)."""

from __future__ import annotations

import json
import re
import threading
from html.parser import HTMLParser

import pytest

from timeline.preview.livereload import (
    SCRIPT_PATH,
    STYLE_PATH,
    BuildProblem,
    BuildState,
    EventBroker,
    inject,
    overlay_html,
    snippet,
    stream,
)

HOSTILE = '</script><img src=x onerror=alert(1)> & "quotes" <!--'


class Tags(HTMLParser):
    """Every start tag of a document, as (tag, attrs)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def test_the_snippet_goes_before_the_last_closing_body_tag():
    page = b"<html><body><p>a</p><pre>&lt;/body&gt;</pre></BODY >\n</html>"
    result = inject(page, BuildState(1, "x"))
    assert result.startswith(b"<html><body><p>a</p><pre>&lt;/body&gt;</pre>")
    assert result.endswith(b"</BODY >\n</html>")
    assert SCRIPT_PATH.encode() in result


def test_a_page_without_body_gets_the_snippet_appended():
    assert inject(b"<p>fragment</p>", BuildState(1, "x")).startswith(b"<p>fragment</p><script")


def test_the_snippet_needs_no_inline_script_or_style():
    # The site's CSP forbids both; only a JSON data block and same-origin files are used.
    tags = Tags(snippet(BuildState(3, "x", (BuildProblem("bad", "t.html", 2),)))).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "__timeline-state"},
                       {"src": SCRIPT_PATH}]
    assert ("link", {"rel": "stylesheet", "href": STYLE_PATH}) in tags
    assert all("style" not in attrs for _, attrs in tags)


def test_hostile_problem_text_cannot_escape_the_state_block_or_the_overlay():
    state = BuildState(2, "x", (BuildProblem(HOSTILE, f"content/{HOSTILE}.md", 1, HOSTILE),))
    text = snippet(state)
    parsed = Tags(text)
    # No tag came from the message: only the snippet's own elements.
    assert [tag for tag, _ in parsed.tags] == ["script", "link", "div", "strong", "pre", "script"]
    block = re.search(r'id="__timeline-state">(.*?)</script>', text, re.S).group(1)
    assert json.loads(block)["problems"][0]["message"] == HOSTILE
    assert HOSTILE in "".join(parsed.data)  # shown to the reader as text


def test_no_problems_means_no_overlay():
    assert overlay_html(()) == ""
    assert "__timeline-overlay" not in snippet(BuildState(1, "x")).split("</script>", 1)[1]


def test_state_json_names_where_each_problem_is():
    state = BuildState(4, "abc-4", (BuildProblem("m", "content/a.md", 7, "fix it"),
                                    BuildProblem("n")), css_from=None)
    data = json.loads(state.to_json())
    assert data["build"] == 4 and data["output"] == "abc-4" and data["css_from"] is None
    assert [p["where"] for p in data["problems"]] == ["content/a.md:7", ""]


def test_broker_wakes_waiters_on_publish_and_on_close():
    broker = EventBroker(BuildState(1, "a"))
    got = []
    waiter = threading.Thread(target=lambda: got.append(broker.wait_newer(1, 30)))
    waiter.start()
    broker.publish(BuildState(2, "b"))
    waiter.join(30)
    assert got == [BuildState(2, "b")]
    assert broker.wait_newer(2, 0.05) is None  # nothing newer: times out
    closer = threading.Thread(target=lambda: got.append(broker.wait_newer(2, 30)))
    closer.start()
    broker.close()
    closer.join(30)
    assert got[-1] is None and not closer.is_alive()


def test_stream_sends_the_current_state_then_each_new_one_until_closed():
    broker = EventBroker(BuildState(1, "a"))
    chunks: list[bytes] = []
    sent = threading.Condition()

    def write(data: bytes) -> None:
        with sent:
            chunks.append(data)
            sent.notify_all()

    thread = threading.Thread(target=stream, args=(broker, write), kwargs={"keepalive": 30})
    thread.start()
    with sent:
        assert sent.wait_for(lambda: len(chunks) == 1, 30)
    broker.publish(BuildState(2, "b"))
    with sent:
        assert sent.wait_for(lambda: len(chunks) == 2, 30)
    broker.close()
    thread.join(30)
    assert not thread.is_alive()
    text = b"".join(chunks).decode()
    assert text.startswith("retry: ")
    messages = [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]
    assert [m["output"] for m in messages] == ["a", "b"]
    assert "event: state" in text and "id: 2" in text


def test_a_gone_client_ends_the_stream_with_the_write_error():
    broker = EventBroker(BuildState(1, "a"))

    def write(_data: bytes) -> None:
        raise BrokenPipeError  # what a socket does once the tab was closed

    with pytest.raises(BrokenPipeError):
        stream(broker, write)  # propagates (the server ends the response) instead of looping
