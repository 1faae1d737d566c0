"""What the preview serves after edits is what a build from nothing writes, and the server
keeps only what the next build needs: a real server on loopback, real files, real watcher."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest
from sitefiles import example_project, site_files

from timeline.config import load_config
from timeline.pipeline.build import build_site
from timeline.preview.livereload import EventStreamClient, inject
from timeline.preview.memory import WHOLE_PAGES
from timeline.preview.serve import PreviewServer

STORIES = {
    "harbour-vote": ("Harbour council votes on the ferry timetable", "The Coast Ledger",
                     "2021-03-04",
                     "The harbour council voted on Tuesday to keep the winter ferry timetable.\n\n"
                     "Members will meet again on March 18 to hear from the crews.\n"),
    "harbour-crews": ("Ferry crews answer the council", "Island Radio", "2021-03-19",
                      "The ferry crews told the harbour council on Thursday that the winter "
                      "timetable left no time for repairs.\n\nA decision is expected in April.\n"),
}



@pytest.fixture
def project(tmp_path: Path) -> Path:
    return example_project(tmp_path / "project", STORIES)



def get(server: PreviewServer, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 200, path
        return response.read()
    finally:
        connection.close()


def edit_and_wait(server: PreviewServer, events: EventStreamClient, path: Path,
                  text: str) -> None:
    seen = server.broker.state.build
    with path.open("a", encoding="utf-8") as out:
        out.write(text)
    for state in events.states():
        if state["build"] > seen:
            assert state["problems"] == []
            return
    raise AssertionError("the event stream closed before the rebuild")


def test_after_edits_the_preview_serves_what_a_cold_build_writes(project, tmp_path):
    server = PreviewServer(load_config(project), "127.0.0.1", 0)
    server.start()
    events = EventStreamClient("127.0.0.1", server.port)
    try:
        events.next_state()
        edited = project / "content" / "harbour-vote.md"
        edit_and_wait(server, events, edited,
                      "\nThe harbour master resigned on Wednesday after the vote.\n")
        edit_and_wait(server, events, project / "content" / "harbour-crews.md",
                      "\nThe union said on Friday it would strike in May.\n")
        served_page = get(server, "/sources/harbour-vote.html")
        served_index = get(server, "/")
        state = server.broker.state
        preview = site_files(server.site_dir)
        memo_kinds = {kind for kind, _ in server.cache.pages._entries}
        records = list(server.builds)
    finally:
        events.close()
        server.stop()

    cold_site = tmp_path / "cold" / "site"
    from timeline.site import exports, feeds  # texts remembered by the server's builds

    exports._EVENT_ITEMS.clear()
    feeds._ATOM_ENTRIES.clear()
    exports._EVENTS_TEXT._texts = {}
    feeds._SLIDES_TEXT._texts = {}
    cold = build_site(load_config(project, output_dir=str(cold_site)))
    assert cold.written
    expected = site_files(cold_site)
    assert sorted(preview) == sorted(expected)
    assert [name for name in expected if preview[name] != expected[name]] == []
    # what a reloading browser gets: the cold build's page with the live-reload snippet
    assert served_page == inject(expected["sources/harbour-vote.html"], state)
    assert served_index == inject(expected["index.html"], state)
    assert b"harbour master resigned" in served_page

    assert memo_kinds and not memo_kinds & WHOLE_PAGES  # whole pages stay on disk only
    if Path("/proc/self/status").is_file():
        assert all(record.memory_mb for record in records)
    assert all("merge" in record.cpu for record in records)


def test_the_open_page_reloads_once_written_while_the_rest_of_the_build_goes_on(
        project, monkeypatch):
    """A page open in a browser (its event stream names it) is reloaded as soon as the build
    has written it: the state arrives and the new pages are served while the build is still
    writing its exports (held here by an exporter that waits to be let go); the build's
    final state then asks for no second reload."""
    import threading

    from timeline.site import exports

    server = PreviewServer(load_config(project), "127.0.0.1", 0)
    server.start()
    events = EventStreamClient("127.0.0.1", server.port, page="/")
    reached, go_on = threading.Event(), threading.Event()

    def held_export(out_dir, events, config, event_pages=None):
        reached.set()
        go_on.wait(120)
        target = out_dir / "held.txt"
        target.write_text("held\n", encoding="utf-8")
        return target

    try:
        first = events.next_state()
        monkeypatch.setattr(exports, "EXPORTERS", [*exports.EXPORTERS, held_export])
        with (project / "content" / "harbour-vote.md").open("a", encoding="utf-8") as out:
            out.write("\nThe lighthouse keepers joined the talks on Friday.\n")
        early = events.next_state()
        assert early["build"] == first["build"] + 1 and early["output"] != first["output"]
        assert reached.wait(120) and len(server.builds) == 1  # the build is not over
        assert b"lighthouse keepers" in get(server, "/sources/harbour-vote.html")
        assert b"/__timeline__/" in get(server, "/")  # with the live-reload snippet
        go_on.set()
        record = server.wait_for_build(2, timeout=120)
        # nothing new to say: the state stays the early one
        assert record.output_replaced and server.broker.state.output == early["output"]
        assert b"lighthouse keepers" in get(server, "/sources/harbour-vote.html")
    finally:
        go_on.set()
        events.close()
        server.stop()


def test_problems_found_after_the_early_reload_still_reach_the_open_page(project):
    """The early state knows no problems yet; the build's final state brings them (same
    site, so the page shows the overlay without reloading again)."""
    server = PreviewServer(load_config(project), "127.0.0.1", 0)
    server.start()
    events = EventStreamClient("127.0.0.1", server.port, page="/")
    try:
        first = events.next_state()
        (project / "content" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n",
                                                       encoding="utf-8")
        early = events.next_state()
        final = early if early["problems"] else events.next_state()
        assert early["output"] != first["output"] and final["output"] == early["output"]
        assert any("broken.md" in problem["file"] for problem in final["problems"])
    finally:
        events.close()
        server.stop()
