"""The `qa` command: facts and checks now; build, search and ask over an index as they land.

Heavy libraries (sentence-transformers, faiss) are imported only by the subcommands that need them, so
`qa facts` starts fast."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from qa import output

DEFAULT_INDEX = Path(".index")


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

    p = sub.add_parser("build", help="从报告文件夹建立（或增量更新）索引")
    p.add_argument("corpus", type=Path, help="报告文件夹")
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX, help=f"索引文件夹（默认 {DEFAULT_INDEX}）")
    p.add_argument("--model", help="向量模型：本地文件夹或已在本地缓存中的模型名（默认随包模型；也可设 QA_MODEL）")
    emb = p.add_mutually_exclusive_group()
    emb.add_argument("--embed", dest="embed", action="store_true", default=None, help="一定计算向量")
    emb.add_argument("--no-embed", dest="embed", action="store_false", help="不计算向量")
    p.add_argument("--json", action="store_true", help="以 JSON 输出建库摘要")
    p.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="用 Ray 集群读取、抽取、切段、向量化（ADDRESS 如 ray://head:10001 或 auto；"
                        "省略则用 $RAY_ADDRESS 或本机新起的 Ray）；需 pip install .[cluster]")
    p.add_argument("--compact", action="store_true",
                   help="把增量加入的分段与墓碑合并成一个新的完整索引（分段多于 8 个时也会自动合并）")
    p.add_argument("--only", nargs="+", type=Path, metavar="FILE",
                   help="只处理文件夹中这些新增、改动或删除的文件，其余沿用现有索引（不遍历文件夹）")
    p.set_defaults(run=_build)

    p = sub.add_parser("search", help="检索段落（关键词 + 向量融合）")
    p.add_argument("query")
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--agency", help="只在这个单位的报告中检索（可写简称）")
    p.add_argument("--year", type=int)
    p.add_argument("--part", choices=["一", "二", "三", "四", "五", "六"])
    p.add_argument("--mode", choices=["hybrid", "keyword", "dense"], default="hybrid")
    p.add_argument("--model", help="向量模型（须与建库时相同）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_search)

    p = sub.add_parser("ask", help="用中文提问，得到带出处的确切回答（不给问题则逐行读标准输入，可追问）")
    p.add_argument("question", nargs="?", help="问题，例如：哪个单位行政处罚最多")
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    p.add_argument("--model", help="向量模型（须与建库时相同）")
    p.add_argument("--json", action="store_true", help="输出 Answer 的 JSON")
    p.set_defaults(run=_ask)

    args = parser.parse_args(argv)
    from index.errors import ReportError

    try:
        return args.run(args)
    except ReportError as err:
        print(f"qa: {err}", file=sys.stderr)
        return 2
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


def _build(args: argparse.Namespace) -> int:
    from index.build import build_index, summary_json

    summary = build_index(args.corpus, args.index, model=args.model, embed=args.embed,
                          progress=output.progress_bar(sys.stderr), ray=args.ray, compact=args.compact,
                          only=args.only)
    if args.json:
        print(summary_json(summary))
    else:
        from ui.reasons import chinese  # the app's one table of reasons: the same words in the summary

        print("\n".join(summary.lines(chinese)))
    return 1 if summary.manifest.skipped else 0  # as for facts and check: 1 when some file was not read


def _search(args: argparse.Namespace) -> int:
    from qa.retrieve import Retriever, result_json

    agency = args.agency
    retriever = Retriever(args.index, model=args.model)
    if agency:
        found = retriever.resolve_agency(agency)
        if found is None:
            print(f"qa: 索引中没有这个单位的报告：{agency}", file=sys.stderr)
            return 2
        if found.ambiguous:
            print(f"qa: 「{agency}」可指：{'、'.join(found.agencies)}，请写全称", file=sys.stderr)
            return 2
        agency = found.agencies[0]
    result = retriever.search(_text(args.query), k=args.k, agency=agency, year=args.year, part=args.part,
                              mode=args.mode)
    if args.json:
        print(result_json(result))
    else:
        output.search_text(result, sys.stdout)
    return 0


def _ask(args: argparse.Namespace) -> int:
    from qa.engine import QA

    qa = QA(args.index, model=args.model)
    questions = [_text(args.question)] if args.question is not None else _stdin_lines()
    conversation = None
    failed = 0
    out = sys.stdout if args.json else _Printable(sys.stdout)
    try:
        for q in questions:
            if args.question is None and not q:
                continue
            try:
                answer, conversation = qa.ask(q, conversation)
            except Exception as err:  # noqa: BLE001 - one question must not end the conversation
                failed += 1
                print(f"qa: 问题无法回答（{type(err).__name__}）：{_PRINTABLE_ONLY.sub('', q)[:80]}", file=sys.stderr)
                continue
            if args.json:
                print(answer.model_dump_json())
            else:
                if args.question is None:
                    out.write(f"问：{q}\n")
                output.ask_text(answer, out)
                if args.question is None:
                    out.write("\n")
            sys.stdout.flush()
    finally:
        qa.close()
    return 1 if failed else 0


def _text(value: str) -> str:
    """A command-line argument as text: bytes that are not UTF-8 (surrogates in argv) become U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _stdin_lines():
    """Questions from standard input, one per line, decoded with repair: a line with bytes that are not
    UTF-8 is still asked (with U+FFFD for them) and the lines after it are not lost."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", "replace").strip()


# What must not reach a terminal from a report or a question: C0 controls but tab and newline (ESC starts
# terminal escape sequences), DEL, C1 controls, and bidirectional overrides that reorder what is shown.
_PRINTABLE_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _Printable:
    """A text stream that drops control characters on the way to the terminal (text mode only: JSON
    escapes them itself)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(_PRINTABLE_ONLY.sub("", text))

    def flush(self) -> None:
        self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
