"""Train the event-location weights (data/event_location_weights.csv) on the 70% of the
event-location development sentences that benchmarks/eval_event_location.py does not hold out.

The model is a conditional logit over geo.events.where.features: within one sentence, the
probability that candidate k is where the trigger's event happened is softmax(w . x_k) over that
sentence's candidates, so a weight only has to say which candidate beats the others, not how
likely a place is on its own. L2-regularised (strength 1/C), fitted with L-BFGS (scipy, which
the `train` extra brings with scikit-learn). `--cv N` prints an N-fold cross-validated accuracy
on the training part only (folds by a second hash of the id), for choosing C and features
without looking at the held-out sentences.

    python benchmarks/train_event_location.py [--shared DIR] [--C 0.3] [--cv 5] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import zlib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from eval_event_location import SHARED, held_out, read_sentences, right, with_candidates  # noqa: E402

from geo.events.where import WEIGHTS_CSV, features  # noqa: E402

DEFAULT_C = 0.8     # chosen by 5-fold cross-validation on the training part


def fit(sentences: list[dict], c_value: float) -> dict[str, float]:
    """Weights of the conditional logit on sentences whose candidates include a right one."""
    import numpy as np
    from scipy import optimize, sparse
    from sklearn.feature_extraction import DictVectorizer

    groups = [s for s in sentences if len(s["candidates"]) > 1 and any(s["labels"])]
    vec = DictVectorizer()
    x = vec.fit_transform([f for s in groups for f in s["features"]]).tocsr()
    y = np.array([v for s in groups for v in s["labels"]], dtype=float)
    owner = np.repeat(np.arange(len(groups)), [len(s["candidates"]) for s in groups])
    total = sparse.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(len(groups), len(owner)))

    def loss(w):
        z = x @ w
        top = np.full(len(groups), -np.inf)
        np.maximum.at(top, owner, z)
        e = np.exp(z - top[owner])
        every, good = total @ e, total @ (e * y)       # all candidates, the right ones
        value = -np.sum(np.log(good / every)) + 0.5 / c_value * (w @ w)
        grad = x.T @ (e / every[owner] - e * y / good[owner]) + w / c_value
        return value, grad

    w = optimize.minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 5000}).x
    return {name: float(v) for name, v in zip(vec.get_feature_names_out(), w) if abs(v) >= 5e-5}


def accuracy(sentences: list[dict], weights: dict[str, float]) -> float:
    """Share of sentences whose best-scored candidate is right (no candidate counts as wrong)."""
    hits = 0
    for s in sentences:
        if s["candidates"]:
            scores = [sum(weights.get(n, 0.0) * v for n, v in f.items()) for f in s["features"]]
            hits += s["labels"][scores.index(max(scores))]
    return hits / max(len(sentences), 1)


def cross_validate(sentences: list[dict], c_value: float, folds: int) -> list[float]:
    fold = [zlib.crc32(("cv" + s["id"]).encode("utf-8")) % folds for s in sentences]
    return [accuracy([s for s, f in zip(sentences, fold) if f == k],
                     fit([s for s, f in zip(sentences, fold) if f != k], c_value)) for k in range(folds)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=WEIGHTS_CSV)
    parser.add_argument("--C", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    parser.add_argument("--cv", type=int, default=0, help="print N-fold cross-validation on the training part")
    args = parser.parse_args()
    path = args.shared / "event-location" / "dev.jsonl"
    if not path.is_file():
        print(f"train_event_location: {path} is absent; nothing trained")
        return 1
    try:
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        print("train_event_location: needs scikit-learn and scipy (pip install '.[train]')")
        return 1
    sentences = [s for s in with_candidates(read_sentences(path)) if not held_out(s["id"]) and s["locations"]]
    for s in sentences:
        s["features"] = [features(s["text"], s["trigger"], s["candidates"], k) for k in range(len(s["candidates"]))]
        s["labels"] = [int(right(s, c)) for c in s["candidates"]]
    if args.cv:
        scores = cross_validate(sentences, args.C, args.cv)
        print(f"C={args.C}: {args.cv}-fold cross-validated accuracy on the training part "
              f"{sum(scores) / len(scores):.3f} ({' '.join(f'{v:.3f}' for v in scores)})")
    weights = fit(sentences, args.C)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["feature", "weight"])
        for name in sorted(weights):
            writer.writerow([name, f"{weights[name]:.4f}"])
    print(f"trained on {len(sentences)} sentences; {len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
