"""A fact and a text ask in one sentence (济南收了多少申请，存在什么问题 / 平潭2024年行政复议几件，下一步怎么改进):
the number from the tables first, then the text from the same report, each with its own citations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer
from qa.lexicon import Measure
from qa.op_prose import answer_prose
from qa.op_value import answer_value
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

CLAUSE = re.compile(r"[，,；;。？?！!]")


def text_clause(question: str) -> str | None:
    """The clause of a two-part question that asks for text (存在什么问题), when another clause asks a number."""
    from qa.prose import asks_how, asks_number, asks_shortfalls

    clauses = [c.strip() for c in CLAUSE.split(question) if len(c.strip()) >= 3]
    if len(clauses) < 2 or not any(asks_number(c) for c in clauses):
        return None
    return next((c for c in clauses if not asks_number(c) and (asks_shortfalls(c) or asks_how(c))), None)


def answer_fact_text(qa: QA, plan: Plan, m: Measure) -> Answer:
    fact = answer_value(qa.ctx, plan.model_copy(update={"operation": "value", "prose": False}), m)
    clause = plan.prose_text
    agency = plan.agencies[0] if plan.agencies else None
    if not clause or agency is None or fact.status not in ("answered", "absent"):
        return fact
    named = (plan.agency_mentions[0] if plan.agency_mentions else agency) + \
        (f"{plan.years[0]}年" if len(plan.years) == 1 else "")
    asked = qa.reader.read(named + clause)  # the text ask read on its own, for the same report
    if asked.operation not in ("prose", "out_of_scope"):
        return fact
    text = answer_prose(qa, asked, agency=agency, lead=fact.text.rstrip() + "\n")
    text.citations = fact.citations + text.citations
    text.derived = fact.derived + text.derived
    text.table = fact.table
    return text
