"""The Ray backfill on a real two-node cluster (loopback only, in a private
network namespace): the same stories, members and digests as `storyline
ingest` of the same 20,000+ articles (WARC and JSONL, with repeats,
republished copies and bad records), compared through `storyline export`,
also when the worker node is killed mid-way.

Needs Ray (`pip install "./crates/python[ray]"`) and `unshare`; in CI
(CI set) a missing one fails the test, elsewhere it is skipped."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))

import backfill_inputs  # noqa: E402


def need(ok: bool, what: str) -> None:
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing: the Ray backfill test cannot run")
        pytest.skip(f"{what} is missing")


def cli() -> str:
    path = os.environ.get("STORYLINE_BIN") or str(ROOT / "target" / "debug" / "storyline")
    if not os.path.exists(path):
        pytest.fail(f"no storyline binary at {path}: run `cargo build -p storyline` first")
    return path


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    try:
        import ray  # noqa: F401

        has_ray = True
    except ImportError:
        has_ray = False
    need(has_ray, "the ray package")
    need(shutil.which("unshare") is not None and shutil.which("ip") is not None, "unshare/ip (util-linux, iproute2)")
    need(pathlib.Path(backfill_inputs.TRAIN).exists(), f"{backfill_inputs.TRAIN}")
    work = tmp_path_factory.mktemp("ray")
    inputs = work / "inputs"
    made = backfill_inputs.make(str(inputs), 20000)
    p = subprocess.run(
        ["unshare", "-rn", sys.executable, str(HERE / "ray_cluster.py"), "scenario",
         "--storyline", cli(), "--inputs", str(inputs), "--work", str(work / "run")],
        capture_output=True, text=True, timeout=1500,
    )
    assert p.returncode == 0, p.stderr[-6000:]
    found = json.loads(p.stdout.strip().splitlines()[-1])
    found["made"] = made
    # The figures, for `pytest -s`.
    print(json.dumps({k: {x: y for x, y in v.items() if "stderr" not in x} for k, v in found.items() if k != "made"}))
    return found


def test_backfill_on_two_nodes_equals_ingest(scenario):
    run = scenario["run"]
    assert run["reference_stories"] > 5000
    assert run["equal"], f"first differing story line: {run['first_difference']}; {run['import_stderr']}"
    assert run["stories"] == run["reference_stories"]
    # Every record read and accounted for, as by ingest.
    acct = run["account"]
    made = scenario["made"]
    assert acct["records"] >= made["records"] + made["repeats"] + made["republished"]
    assert acct["added"] >= 20000
    assert acct["duplicates"] >= made["republished"] // 2
    assert sum(acct["skipped"].values()) >= made["bad"]
    assert run["digests"] > 0 and acct["digests"] == run["digests"]
    # The map ran on both nodes.
    assert run["nodes"] == 2, run["stderr"]


def test_backfill_survives_a_killed_worker_node(scenario):
    killed = scenario["killed"]
    assert killed["raylets_killed"] >= 1, "the worker node was not killed"
    assert killed["equal"], f"first differing story line: {killed['first_difference']}"
    assert killed["account"] == scenario["run"]["account"]
