"""A two-node Ray cluster on loopback, for the backfill test and benchmark.

Run inside a private network namespace (``unshare -rn``), where only ``lo``
exists: nothing the cluster opens can be reached from outside, whatever
address Ray binds. ``Cluster`` brings ``lo`` up, starts a head node and a
worker node (``ray start``, each with its own CPUs and a resource naming
it), and stops both on exit.

    python ray_cluster.py scenario --storyline BIN --inputs DIR --work DIR
        backfill on 2 nodes, then again while the worker node is killed,
        each imported and compared with `storyline ingest` through
        `storyline export`; prints the findings as JSON.
    python ray_cluster.py bench --storyline BIN --inputs DIR --work DIR
        articles per second: ingest, backfill on 1 node, on 2 nodes.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time

PY = sys.executable
RAY = os.path.join(os.path.dirname(PY), "ray")


def in_private_netns() -> bool:
    """True when the only network interface is loopback."""
    import socket

    try:
        return [name for _, name in socket.if_nameindex()] == ["lo"]
    except OSError:
        return False


class Cluster:
    def __init__(self, work: str, nodes: int = 2, port: int = 6390):
        self.work = work
        self.port = port
        self.nodes = nodes
        self.address = f"127.0.0.1:{port}"
        self.temp = os.path.join(work, "ray")
        # Token authentication between the nodes and the driver (Ray's
        # `RAY_AUTH_MODE=token`), with a fresh token per cluster.
        import secrets

        self.env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", RAY_DEDUP_LOGS="0",
                        RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32))
        self.worker_port = port + 11

    def _ray(self, *args: str) -> None:
        p = subprocess.run([RAY, *args], env=self.env, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"ray {' '.join(args)} failed: {p.stdout[-2000:]}{p.stderr[-3000:]}")

    def __enter__(self) -> "Cluster":
        if not in_private_netns():
            raise SystemExit("refusing to start Ray outside a private network namespace: run under `unshare -rn`")
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        common = ["--node-ip-address=127.0.0.1", "--num-cpus=1", "--disable-usage-stats"]
        self._ray("start", "--head", f"--port={self.port}", "--include-dashboard=false",
                  f"--temp-dir={self.temp}", '--resources={"head": 1}', *common)
        if self.nodes > 1:
            self._ray("start", f"--address={self.address}", f"--node-manager-port={self.worker_port}",
                      '--resources={"worker": 1}', *common)
        return self

    def kill_worker(self) -> int:
        """SIGKILLs the worker node's raylet (its workers die with it)."""
        out = subprocess.run(["pgrep", "-f", f"raylet.*node_manager_port={self.worker_port}"],
                             capture_output=True, text=True).stdout.split()
        for pid in out:
            os.kill(int(pid), signal.SIGKILL)
        return len(out)

    def __exit__(self, *exc) -> None:
        subprocess.run([RAY, "stop", "--force"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def ingest(storyline: str, inputs: list, db: str) -> float:
    t = time.monotonic()
    p = run([storyline, "ingest", *inputs, "--db", db, "--quiet"])
    if p.returncode not in (0, 3):
        raise SystemExit(f"ingest failed: {p.stderr}")
    return time.monotonic() - t


def backfill(cluster: Cluster, inputs: list, out: str, kill_after: int = 0) -> tuple:
    """Runs the backfill; with ``kill_after``, kills the worker node once
    that many files are prepared. Returns (seconds, stderr, killed)."""
    t = time.monotonic()
    p = subprocess.Popen(
        [PY, "-m", "storyline.ray", "backfill", *inputs, "--out", out, "--address", cluster.address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cluster.env,
    )
    killed = 0
    if kill_after:
        while p.poll() is None and not killed:
            if len(glob.glob(os.path.join(out, "prepared", "_done", "*.json"))) >= kill_after:
                killed = cluster.kill_worker()
            time.sleep(0.05)
    _, err = p.communicate()
    if p.returncode not in (0, 3):
        raise SystemExit(f"backfill failed ({p.returncode}): {err[-4000:]}")
    return time.monotonic() - t, err, killed


def export(storyline: str, db: str) -> list:
    p = run([storyline, "export", "--all", "--db", db])
    if p.returncode != 0:
        raise SystemExit(f"export failed: {p.stderr}")
    return p.stdout.splitlines()


def compare(storyline: str, out: str, db: str, reference: list) -> dict:
    if os.path.exists(db):
        os.remove(db)
    p = run([storyline, "import", "--db", db, out])
    if p.returncode != 0:
        raise SystemExit(f"import failed: {p.stderr}")
    lines = export(storyline, db)
    first_diff = next((i for i, (a, b) in enumerate(zip(lines, reference)) if a != b), None)
    stories = [json.loads(line) for line in lines]
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    return {
        "equal": lines == reference,
        "stories": len(lines),
        "reference_stories": len(reference),
        "first_difference": first_diff,
        "articles": sum(len(s.get("articles", [])) for s in stories),
        "digests": sum(1 for s in stories if s.get("digest")),
        "account": manifest["account"],
        "nodes": len({json.load(open(m)).get("node") for m in glob.glob(os.path.join(out, "prepared", "_done", "*.json"))}),
        "import_stderr": p.stderr[-2000:],
    }


def scenario(a) -> dict:
    inputs = [os.path.join(a.inputs, "jsonl"), os.path.join(a.inputs, "warc")]
    ref_db = os.path.join(a.work, "ingest.db")
    ingest(a.storyline, inputs, ref_db)
    reference = export(a.storyline, ref_db)
    result = {}
    with Cluster(a.work) as cluster:
        out = os.path.join(a.work, "out")
        secs, err, _ = backfill(cluster, inputs, out)
        result["run"] = dict(compare(a.storyline, out, os.path.join(a.work, "backfill.db"), reference),
                             seconds=secs, stderr=err[-3000:])
        out2 = os.path.join(a.work, "out-killed")
        secs, err, killed = backfill(cluster, inputs, out2, kill_after=2)
        result["killed"] = dict(compare(a.storyline, out2, os.path.join(a.work, "killed.db"), reference),
                                seconds=secs, raylets_killed=killed, stderr=err[-3000:])
    return result


def bench(a) -> dict:
    """Articles per second: ingest, then the backfill on 1 node and on 2."""
    inputs = [os.path.join(a.inputs, "jsonl"), os.path.join(a.inputs, "warc")]
    db = os.path.join(a.work, "bench-ingest.db")
    secs = ingest(a.storyline, inputs, db)
    articles = sum(len(json.loads(line).get("articles", [])) for line in export(a.storyline, db))
    result = {"articles": articles, "ingest": {"seconds": round(secs, 2), "articles_per_s": round(articles / secs)}}
    for nodes in (1, 2):
        with Cluster(a.work, nodes=nodes, port=6390 + 100 * nodes) as cluster:
            out = os.path.join(a.work, f"bench-out-{nodes}")
            shutil.rmtree(out, ignore_errors=True)
            secs, _, _ = backfill(cluster, inputs, out)
            result[f"backfill_{nodes}_node"] = {"seconds": round(secs, 2), "articles_per_s": round(articles / secs)}
    result["scaling_2_over_1"] = round(result["backfill_1_node"]["seconds"] / result["backfill_2_node"]["seconds"], 2)
    return result


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["scenario", "bench"])
    p.add_argument("--storyline", required=True)
    p.add_argument("--inputs", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    print(json.dumps(scenario(a) if a.what == "scenario" else bench(a)))


if __name__ == "__main__":
    main()
