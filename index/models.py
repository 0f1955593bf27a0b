"""How much each embedding model is trusted, by measurement, and whether a build embeds with it.

The weight is the dense list's weight in the reciprocal rank fusion with keyword search. It comes from
the retrieval evaluation over the seeds (tests/test_retrieval_eval.py prints the figures, per group: the
project's lexical queries and the paraphrase queries): a model that does not raise paraphrase recall
without lowering lexical recall gets weight 0, and a build does not spend time embedding with it unless
asked (`qa build --embed`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from index.dense import DEFAULT_MODEL_NAME, MODEL_ENV

# Measured over the seeds, all passages (prose and table rows) embedded: 78 lexical queries
# (tests/retrieval_queries.json) and 20 paraphrase queries (tests/paraphrase_queries.json), R@5 / MRR.
# Keyword search alone: lexical 1.00 / 1.000, paraphrase 0.50 / 0.291.
MEASURED_WEIGHTS: dict[str, float] = {
    # dense alone: lexical 0.99 / 0.923, paraphrase 0.90 / 0.693. Fused at 0.25 / 0.5 / 0.75 / 1.0:
    # lexical R@5 stays 1.00 (MRR 0.994 / 0.987 / 0.987 / 0.981), paraphrase 0.80 / 0.85 / 0.90 / 0.90
    # (MRR 0.566 / 0.584 / 0.618 / 0.618); overall MRR is highest at 0.75 (0.912, keyword alone 0.855).
    DEFAULT_MODEL_NAME: 0.75,
    # dense alone: lexical 0.96 / 0.861, paraphrase 0.80 / 0.581. At 0.5 and above it pushes a lexical
    # answer out of the top 5 (q04); at 0.25 lexical 1.00 / 0.990, paraphrase 0.85 / 0.561.
    "use-multilingual-v3": 0.25,
    # English vocabulary: 55% of Chinese tokens are [UNK]. Alone R@5 0.33, MRR 0.22; fused with keyword
    # search (R@1 1.00, MRR 1.00) at 0.1 / 0.25 / 0.5 / 1.0 it lowers R@1 to 0.85 / 0.62 / 0.49 / 0.40.
    "sentence-transformers/all-MiniLM-L6-v2": 0.0,
    "all-MiniLM-L6-v2": 0.0,
}
UNMEASURED_WEIGHT = 0.5  # a model the user names and nobody measured yet: heard, but below keyword search


@dataclass
class DensePolicy:
    model: str | None
    embed: bool
    weight: float
    reason: str
    info: dict


def model_weight(name: str) -> float:
    return MEASURED_WEIGHTS.get(name, UNMEASURED_WEIGHT)


def dense_policy(model: str | None, embed: bool | None) -> DensePolicy:
    """Resolve the model (no loading) and decide whether this build embeds with it."""
    from index.dense import resolve_model

    spec = model or os.environ.get(MODEL_ENV) or None
    ref = resolve_model(spec)
    weight = model_weight(ref.name)
    info = {"name": ref.name, "id": ref.model_id, "weight": weight}
    if embed is False:
        return DensePolicy(spec, False, 0.0, "未向量化：按要求跳过（--no-embed）", info | {"weight": 0.0})
    if embed is None and weight == 0:
        return DensePolicy(spec, False, 0.0, f"未向量化：模型 {ref.name} 在评测中不提升检索（权重0），"
                                            "只用关键词检索；需要时用 --embed", info)
    why = (f"按要求向量化（--embed）；融合权重仍为评测所得的 {weight}" if embed
           else f"模型 {ref.name} 的融合权重为 {weight}")
    return DensePolicy(spec, True, weight, why, info)
