"""How much each embedding model is trusted, by measurement, and whether a build embeds with it.

The weight is the dense list's weight in the reciprocal rank fusion with keyword search. It comes from
the retrieval evaluation over the seeds (tests/test_retrieval_eval.py prints the figures): a model that
does not raise hybrid recall over keyword search alone gets weight 0, and a build does not spend time
embedding with it unless asked (`qa build --embed`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from index.dense import DEFAULT_MODEL_NAME, MODEL_ENV

# Measured on the seed question set (tests/retrieval_queries.json, 78 questions; tests/test_retrieval_eval.py
# prints the table and asserts the configured weight is not worse than keyword search alone).
MEASURED_WEIGHTS: dict[str, float] = {
    # English vocabulary: 55% of Chinese tokens are [UNK]. Alone R@5 0.33, MRR 0.22; fused with keyword
    # search (R@1 1.00, MRR 1.00) at 0.1 / 0.25 / 0.5 / 1.0 it lowers R@1 to 0.85 / 0.62 / 0.49 / 0.40.
    DEFAULT_MODEL_NAME: 0.0,
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
