"""A logistic regression shipped as data: the learned flag scorers' weights, the scaling
of each feature and the threshold, read from a model card in `models/` (no pickle)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import mul, sub, truediv

from .. import models


@dataclass(frozen=True, slots=True)
class Model:
    version: str
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def probability(self, x: list[float]) -> float:
        if len(x) != len(self.weights):
            raise ValueError(f"{self.version}: {len(x)} features, {len(self.weights)} weights")
        # each term is weight * (value - mean) / scale, summed in feature order (as a generator
        # would, without a frame per feature)
        z = self.bias + sum(map(truediv, map(mul, self.weights, map(sub, x, self.mean)), self.scale))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def load(name: str, features: tuple[str, ...]) -> Model | None:
    """The shipped model `name` (None when no card is shipped, or it was trained on other
    features than `features`: the rule then works alone)."""
    try:
        card = models.card(name)
    except KeyError:
        return None
    if list(card["features"]) != list(features):
        return None
    return Model(f"{name}-v{card['release']}", tuple(card["weights"]), float(card["bias"]), tuple(card["mean"]),
                 tuple(card["scale"]), float(card["threshold"]))
