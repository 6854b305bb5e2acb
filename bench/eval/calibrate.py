#!/usr/bin/env python3
"""Fits a logistic map from the bot's confidence to the chance the quote is right, checked by leave-one-article-out.

    python3 bench/eval/calibrate.py [--sets seed,squad-dev,books] [--set KEY=VALUE ...]

Every question is answered once at threshold 0 (so every quote has a confidence). For each article, the map
p = 1 / (1 + exp(-(a * confidence + b))) is fitted on the quotes of all other articles and applied to that article's
quotes; the reliability tables before and after, over the held-out quotes, show whether the map makes the confidence
mean what it says. It also prints the map fitted on everything (the constants to ship) and the threshold on p that
the cross-validated objective of cv.py prefers.
"""
import argparse
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hbeval  # noqa: E402


def fit(points, iterations=200):
    """Logistic regression of right (0/1) on confidence by Newton's method, lightly regularised."""
    a, b = 1.0, 0.0
    for _ in range(iterations):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in points:
            p = 1 / (1 + math.exp(-(a * x + b)))
            w = p * (1 - p)
            ga += (p - y) * x
            gb += p - y
            haa += w * x * x
            hab += w * x
            hbb += w
        ga += 1e-3 * a
        haa += 1e-3
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return a, b


def apply(results, a, b):
    out = []
    for r in results:
        if r["confidence"] is None:
            out.append(r)
        else:
            out.append(dict(r, confidence=1 / (1 + math.exp(-(a * r["confidence"] + b)))))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="squad-dev,seed,books")
    parser.add_argument("--bin", default=os.environ.get("HISTORYBOT_BIN", "/tmp/hb/historybot.dll"))
    parser.add_argument("--set", action="append", metavar="KEY=VALUE")
    parser.add_argument("--retrieval", default="hybrid")
    parser.add_argument("--cache", default="/tmp/historybot-eval/cache")
    parser.add_argument("--index-root", default="/tmp/historybot-eval/index")
    args = parser.parse_args()
    suite = hbeval.load_suite()
    settings = dict(item.split("=", 1) for item in args.set or [])
    settings["Retrieval:MinimumConfidence"] = "0"
    results = []
    for name in args.sets.split(","):
        results += hbeval.run_set(name, suite[name], settings, args.retrieval, args.bin, args.cache, args.index_root)

    quoted = [r for r in results if r["answered"] and r["confidence"] is not None]
    held_out = []
    for fold in sorted({r["fold"] for r in quoted}):
        a, b = fit([(r["confidence"], 1.0 if r["hit"] else 0.0) for r in quoted if r["fold"] != fold])
        held_out += apply([r for r in quoted if r["fold"] == fold], a, b)
    print("every quote at threshold 0, raw confidence:")
    print(hbeval.format_reliability(*hbeval.reliability(quoted)))
    print("\nthe same quotes, confidence mapped by the logistic fitted on the other articles:")
    print(hbeval.format_reliability(*hbeval.reliability(held_out)))
    a, b = fit([(r["confidence"], 1.0 if r["hit"] else 0.0) for r in quoted])
    print(f"\nfitted on everything: a = {a:.4f}, b = {b:.4f}  (p = 1 / (1 + exp(-(a * confidence + b))))")
    for raw in (0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"  confidence {raw:.2f} -> p {1 / (1 + math.exp(-(a * raw + b))):.3f}")


if __name__ == "__main__":
    main()
