"""``python -m storyline.ray backfill INPUT... --out DIR``: see ``storyline.ray``."""

from __future__ import annotations

import argparse
import sys

from . import backfill, format_account


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.ray",
        description="storyline on a Ray cluster: backfills equal to `storyline ingest`.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser(
        "backfill",
        help="prepare, place and digest inputs on Ray; load the output with `storyline import --db FILE DIR`",
        description="Reads INPUT... (WARC, JSONL, HTML or text files and folders, gzip or not) on the Ray "
        "cluster and writes Parquet to DIR (articles by day, stories, digests) that "
        "`storyline import --db FILE DIR` turns into the store `storyline ingest INPUT... --db FILE` makes. "
        "A rerun with the same DIR redoes only the input files not prepared yet.",
    )
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    b.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused by a rerun)")
    b.add_argument("--address", default=None, help="Ray cluster address (default: RAY_ADDRESS, else a local Ray)")
    b.add_argument("--batch", type=int, default=500, help="input records per ingest batch (as `ingest --batch`)")
    b.add_argument("--words", type=int, default=100, help="digest word budget (as `ingest --words`)")
    b.add_argument("--window", type=int, default=None, help="sliding window in articles (as `ingest --window`)")
    b.add_argument("--threshold", type=float, default=None, help="clustering threshold (as `ingest --threshold`)")
    b.add_argument("--rows", type=int, default=1000, help="records per Arrow batch in the map")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bars and no account")
    args = parser.parse_args(argv)
    try:
        account = backfill(
            args.inputs,
            args.out,
            address=args.address,
            batch=args.batch,
            words=args.words,
            window=args.window,
            threshold=args.threshold,
            rows=args.rows,
            quiet=args.quiet,
        )
    except (ValueError, OSError) as e:
        print(f"storyline: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(format_account(account), file=sys.stderr)
        print(
            f"storyline: {account['files']} file(s), {account['files_redone']} prepared in this run, "
            f"on {account['nodes']} node(s), {account['seconds']:.1f} s; load it with "
            f"`storyline import --db FILE {args.out}`",
            file=sys.stderr,
        )
    # 3: some inputs were skipped, as `storyline ingest` says it.
    return 3 if sum(account.get("skipped", {}).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
