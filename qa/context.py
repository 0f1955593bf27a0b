"""Conversation context: a follow-up (那行政许可呢？ 前五名呢 济南呢 最少的呢 2021年呢) reuses the previous
question's reading with the part that changed. The UI keeps one Conversation per chat session."""

from __future__ import annotations

from pydantic import BaseModel, Field

from qa.lexicon import COLUMN_GROUPS, items, measure
from qa.understand import AGGREGATES, Plan, Reader, is_followup

MAX_TURNS = 20


class Turn(BaseModel):
    question: str
    plan: Plan
    focus: list[str] = Field(default_factory=list)  # the agencies the answer was about (for 它 / 该单位)


class Conversation(BaseModel):
    turns: list[Turn] = Field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def add(self, question: str, plan: Plan, focus: list[str]) -> Conversation:
        """A new conversation with this turn appended (the old one is left as it was)."""
        return Conversation(turns=[*self.turns[-(MAX_TURNS - 1):], Turn(question=question, plan=plan, focus=focus)])


def _short(plan: Plan) -> bool:
    return len(plan.text) <= 10


def resolve(plan: Plan, conversation: Conversation | None, reader: Reader) -> Plan:
    """The plan to execute: the question's own, or the previous one with what this question changes."""
    last = conversation.last if conversation else None
    if last is None or plan.operation in ("invalid",):
        return plan
    prev = last.plan
    if plan.pronoun and not plan.agencies and last.focus:
        plan.agencies = list(last.focus)
        plan.agency_mentions = [plan.agency_mentions[0] if plan.agency_mentions else "它"]
        plan.candidates = []
        if plan.operation in ("prose", "out_of_scope") and not plan.item:
            plan.operation, plan.prose = "prose", True
        elif plan.operation in AGGREGATES and not plan.op_explicit:
            plan.operation = "value"
        return plan
    marked = is_followup(plan.text) or _short(plan)
    if not marked or prev.operation in ("invalid", "corpus"):
        return plan
    new = prev.model_copy(deep=True)
    new.question, new.text, new.followup = plan.question, plan.text, True
    new.notes = list(plan.notes)
    changed = False
    # the measure
    if plan.item and plan.item != prev.item and not (plan.op_explicit and plan.operation not in ("value",)
                                                     and not marked):
        new.item, new.item_word, new.extra_items = plan.item, plan.item_word, plan.extra_items
        keep_col = prev.column if prev.column_explicit and measure(plan.item, prev.column or "") else None
        if plan.column_explicit:
            new.column, new.column_explicit, new.column_word = plan.column, True, plan.column_word
            new.defaults = [d for d in plan.defaults]
        elif keep_col:
            new.column, new.column_explicit = keep_col, True
            new.defaults = []
        else:
            new.column, new.column_explicit, new.defaults = plan.column, False, list(plan.defaults)
        changed = True
    elif plan.item and plan.column_explicit and plan.column != prev.column:
        new.column, new.column_explicit, new.column_word = plan.column, True, plan.column_word
        new.defaults = [d for d in new.defaults if not d.startswith("未指明")]
        changed = True
    elif not plan.item and plan.column_words and prev.item:
        item = items()[prev.item]
        for target in plan.column_words:
            table, col = target.split(":")
            if table == item.table and (col in item.columns or col in COLUMN_GROUPS) and measure(prev.item, col):
                new.column, new.column_explicit = col, True
                new.defaults = [d for d in new.defaults if not d.startswith("未指明")]
                changed = True
                break
    # the agencies
    if plan.agencies and plan.agencies != prev.agencies:
        new.agencies, new.agency_mentions = list(plan.agencies), list(plan.agency_mentions)
        new.candidates, new.kind, new.kind_agencies = [], None, []
        if new.operation in AGGREGATES or new.operation == "mixed":
            new.operation = "prose" if new.operation == "mixed" else "value"
            new.n, new.comparison, new.absent_only = None, None, False
        if len(new.agencies) >= 2 and new.operation == "value":
            new.operation = "compare"
        if len(new.agencies) == 1 and new.operation == "compare":
            new.operation = "value"
        changed = True
    elif plan.candidates or plan.unknown_agency:
        new.candidates, new.ambiguous_mention = plan.candidates, plan.ambiguous_mention
        new.unknown_agency, new.agencies = plan.unknown_agency, []
        if new.operation in AGGREGATES:
            new.operation = "value"
        changed = True
    # years
    if plan.years and plan.years != prev.years:
        new.years, new.all_years = list(plan.years), False
        changed = True
    elif plan.all_years and not prev.all_years:
        new.all_years = True
        changed = True
    # the operation
    op = plan.operation if plan.op_explicit and plan.operation in AGGREGATES | {"compare", "change"} else \
        plan.bare_op if prev.item else None
    if op:
        if op in ("top", "bottom"):
            new.n = plan.n
        new.operation = op
        new.order = plan.order
        if plan.comparison or plan.absent_only:
            new.comparison, new.absent_only = plan.comparison, plan.absent_only
        if op in ("max", "min", "top", "bottom", "rank", "sum", "avg") and not plan.agencies:
            new.agencies, new.agency_mentions = [], []
        changed = True
    if not changed:
        return plan
    if new.agencies:
        new.defaults = [d for d in new.defaults if not d.startswith("未指明单位")]
    return new
