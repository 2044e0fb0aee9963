"""Train the event-location weights (data/event_location_weights.csv) on the 70% of the
event-location development sentences that benchmarks/eval_event_location.py does not hold out.
Logistic regression (scikit-learn, the `train` extra) over geo.events.where.features: one row
per candidate place, positive when it overlaps a marked LOCATION span.

    python benchmarks/train_event_location.py [--shared DIR] [--out data/event_location_weights.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from eval_event_location import SHARED, held_out, read_sentences, right, with_candidates  # noqa: E402

from geo.events.where import WEIGHTS_CSV, features  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=WEIGHTS_CSV)
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    path = args.shared / "event-location" / "dev.jsonl"
    if not path.is_file():
        print(f"train_event_location: {path} is absent; nothing trained")
        return 1
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("train_event_location: needs scikit-learn (pip install '.[train]')")
        return 1
    sentences = [s for s in with_candidates(read_sentences(path)) if not held_out(s["id"]) and s["locations"]]
    rows, labels = [], []
    for s in sentences:
        cands = s["candidates"]
        if not any(right(s, c) for c in cands):
            continue   # nothing to learn where no candidate is right
        for k, c in enumerate(cands):
            rows.append(features(s["text"], s["trigger"], cands, k))
            labels.append(int(right(s, c)))
    vec = DictVectorizer()
    model = LogisticRegression(C=args.C, max_iter=2000).fit(vec.fit_transform(rows), labels)
    weights = dict(zip(vec.get_feature_names_out(), model.coef_[0]))
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["feature", "weight"])
        for name in sorted(weights):
            writer.writerow([name, f"{weights[name]:.4f}"])
    print(f"trained on {len(sentences)} sentences, {len(rows)} candidates; {len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
