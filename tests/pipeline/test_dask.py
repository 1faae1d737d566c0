"""The per-article stage on a real Dask distributed cluster (LocalCluster, two worker
processes): the same site byte for byte as a local build; clear errors without a scheduler."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from test_workers import build_with, site_bytes, write_collection

from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.pipeline import workers
from timeline.pipeline.build import build_site

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


@pytest.fixture
def collection(tmp_path):
    project = tmp_path / "project"
    write_collection(project / "content", 30)
    return project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_dask_cluster_builds_the_same_site_as_one_process(cluster, collection):
    local = build_with(collection, "site-local", jobs=1)
    config = load_config(collection, output_dir="site-dask", scheduler=cluster.scheduler_address)
    on_dask = build_site(config)
    done = cluster.scheduler.task_prefixes.get("process_chunk")
    assert done is not None and done.state_counts["memory"] == 4  # 31 files in chunks of 8
    assert [str(d) for d in on_dask.diagnostics.items] == [str(d) for d in local.diagnostics.items]
    assert site_bytes(on_dask.output) == site_bytes(local.output)
    pooled = build_with(collection, "site-pool", jobs=2)
    assert site_bytes(pooled.output) == site_bytes(on_dask.output)


def test_an_unreachable_scheduler_is_a_clear_error(collection, monkeypatch):
    monkeypatch.setattr(workers, "CONNECT_TIMEOUT", 2)
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(TimelineError, match="cannot reach the Dask scheduler") as caught:
        build_site(load_config(collection, scheduler=address))
    assert address in str(caught.value) and "--scheduler" in str(caught.value)
    assert not (collection / "site").exists()


def test_without_the_dask_extra_the_error_says_what_to_install(collection, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(TimelineError, match=r"pip install 'timeline\[dask\]'"):
        build_site(load_config(collection, scheduler="tcp://127.0.0.1:8786"))


def test_cli_scheduler_error_is_one_line(collection):
    address = f"tcp://127.0.0.1:{free_port()}"
    (collection / "timeline.toml").write_text(f'scheduler = "{address}"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--quiet"],
                          cwd=collection, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error:") and "cannot reach the Dask scheduler" in line
