"""The `qa` command: facts and checks now; build, search and ask over an index as they land.

Heavy libraries (sentence-transformers, faiss) are imported only by the subcommands that need them, so
`qa facts` starts fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from qa import output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qa", description="政府信息公开工作年度报告：事实抽取、核对、检索与问答")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("facts", help="每份报告抽取出的事实（数字）")
    p.add_argument("paths", nargs="+", type=Path, help="报告文件或文件夹")
    p.add_argument("--json", action="store_true", help="JSON Lines，一行一个事实")
    p.set_defaults(run=_facts)

    p = sub.add_parser("check", help="抽取警告与勾稽关系核对结果")
    p.add_argument("paths", nargs="+", type=Path, help="报告文件或文件夹")
    p.add_argument("--json", action="store_true", help="JSON Lines，一行一份报告")
    p.add_argument("--all", action="store_true", help="也列出通过（PASS）的核对")
    p.set_defaults(run=_check)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `qa facts … | head`
        return 0
    except KeyboardInterrupt:
        return 130


def _extract(args: argparse.Namespace):
    from index.corpus import extract_many

    result = extract_many(args.paths)
    for err in result.errors:
        print(f"qa: {err}", file=sys.stderr)
    return result


def _facts(args: argparse.Namespace) -> int:
    result = _extract(args)
    out = sys.stdout
    for report in result.reports:
        if args.json:
            output.facts_jsonl(report, out)
        else:
            output.facts_text(report, out)
    return 1 if result.errors else 0


def _check(args: argparse.Namespace) -> int:
    result = _extract(args)
    for report in result.reports:
        cross = [f for f in result.cross_year if f.doc == report.meta.doc]
        if args.json:
            output.check_json(report, cross, sys.stdout)
        else:
            output.check_text(report, cross, sys.stdout, show_pass=args.all)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
