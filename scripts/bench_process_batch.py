"""process_batch's Python overhead: the per-article step over the same input
files through Python and Arrow (read_records batches -> process_batch), to
compare with `storyline bench prepare` (the same step in Rust alone).

    RAYON_NUM_THREADS=2 python scripts/bench_process_batch.py INPUT... [--runs 3]
"""

import argparse
import time

import storyline
from storyline import _storyline


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("inputs", nargs="+")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--rows", type=int, default=1000)
    a = p.parse_args()
    batches = []
    for path, err in _storyline.expand_paths(a.inputs):
        if path is not None:
            batches.extend(_storyline.RecordReader(path, a.rows))
    records = sum(b.num_rows for b in batches)
    best = float("inf")
    for _ in range(a.runs):
        t = time.perf_counter()
        for b in batches:
            storyline.process_batch(b)
        best = min(best, time.perf_counter() - t)
    print(f"{records} records through process_batch in {best:.3f} s: {records / best:.0f} records/s (best of {a.runs})")


if __name__ == "__main__":
    main()
