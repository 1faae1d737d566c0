"""A job run on a thread while the builder works, or in the builder when never started
(timeline.pipeline.meanwhile)."""

from __future__ import annotations

import threading

import pytest

from timeline.pipeline.meanwhile import Meanwhile


def test_a_started_job_runs_on_another_thread_once():
    ran: list[threading.Thread] = []
    job = Meanwhile(lambda: ran.append(threading.current_thread()))
    job.start()
    job.start()  # once only
    job.finish()
    job.finish()
    assert len(ran) == 1 and ran[0] is not threading.current_thread()


def test_a_job_never_started_runs_in_finish():
    ran: list[threading.Thread] = []
    job = Meanwhile(lambda: ran.append(threading.current_thread()))
    job.finish()
    assert ran == [threading.current_thread()]


def test_the_jobs_error_is_raised_by_finish_in_the_builder():
    def broken() -> None:
        raise OSError(28, "No space left on device")

    job = Meanwhile(broken)
    job.start()
    job.wait()  # waiting alone raises nothing: the builder may be failing already
    with pytest.raises(OSError, match="No space"):
        job.finish()
