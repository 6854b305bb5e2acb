#!/usr/bin/env python3
"""Answer-quality figures and leave-one-article-out cross-validation over the question sets of bench/eval/suite.json.

    # figures per set (hybrid and lexical) and the reliability table, with the settings as configured:
    python3 bench/eval/cv.py report --retrieval hybrid,lexical

    # the ECE per set also over the answerable questions alone and with the first gold answer as the only right one:
    python3 bench/eval/cv.py report --sets squad-dev,books,squad2-real --calibration-detail

    # cross-validated choice of settings: for every article, the setting that scores best on all OTHER articles
    # is chosen and that article's questions are scored with it; the held-out results are pooled per set.
    python3 bench/eval/cv.py cv --grid Retrieval:SemanticWeight=0.5,1,1.5 --thresholds 0.2:0.6:0.05

Settings are configuration keys passed as HISTORYBOT_ environment variables (Retrieval:MinimumConfidence ->
HISTORYBOT_Retrieval__MinimumConfidence). --thresholds tunes Retrieval:MinimumConfidence without re-running: the sets
are answered once at threshold 0 and each threshold is applied to the confidences afterwards.
Held-out sets (suite.json "holdout": true) are only run with --holdout, which evaluates them and nothing else.
Answers are cached under --cache by settings, binary and questions, so repeated runs are cheap.
"""
import argparse
import itertools
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hbeval  # noqa: E402


def parse_grid(items):
    keys, values = [], []
    for item in items or []:
        key, _, choices = item.partition("=")
        keys.append(key)
        values.append(choices.split(","))
    return [dict(zip(keys, combo)) for combo in itertools.product(*values)] if keys else [{}]


def parse_thresholds(text):
    if not text:
        return None
    start, stop, step = (float(x) for x in text.split(":"))
    count = int(round((stop - start) / step)) + 1
    return [round(start + i * step, 4) for i in range(count)]


def selected_sets(suite, args):
    names = args.sets.split(",") if args.sets else [
        n for n, s in suite.items() if not n.startswith("_") and not s.get("role")]
    chosen = []
    for name in names:
        if name not in suite:
            sys.exit(f"unknown set '{name}' (suite has: {', '.join(n for n in suite if not n.startswith('_'))})")
        if bool(suite[name].get("holdout")) == args.holdout and not suite[name].get("skip"):
            chosen.append(name)
    return chosen


def fixed_settings(args):
    return dict(item.split("=", 1) for item in args.set or [])


def run_all(suite, names, settings, retrieval, args):
    results = []
    for name in names:
        results += hbeval.run_set(name, suite[name], settings, retrieval, args.bin, args.cache, args.index_root,
                                  args.refresh)
    return results


def report(args):
    suite = hbeval.load_suite(args.suite)
    names = selected_sets(suite, args)
    for retrieval in args.retrieval.split(","):
        results = run_all(suite, names, fixed_settings(args), retrieval, args)
        print(f"\nretrieval: {retrieval}  settings: {fixed_settings(args) or 'defaults'}")
        print(hbeval.FIGURES_HEADER)
        for name in names:
            print(hbeval.format_figures(name, hbeval.figures([r for r in results if r["set"] == name])))
        if args.reliability:
            calibration = results
            if args.reliability == "all":
                # Confidence of every quote, including those below the threshold (answered at threshold 0).
                calibration = run_all(suite, names, dict(fixed_settings(args), **{"Retrieval:MinimumConfidence": "0"}),
                                      retrieval, args)
            print(hbeval.format_reliability(*hbeval.reliability(calibration)))
        if args.calibration_detail:
            print(f"\n{'ECE of the answers given':<34}  as reported  answerable only  first gold answer only")
            for name in names:
                ece = hbeval.calibration_detail([r for r in results if r["set"] == name])
                print(f"{name:<34}  {ece[0]:11.3f}  {ece[1]:15.3f}  {ece[2]:22.3f}")
        if args.failures:
            for r in results:
                if (r["unanswerable"] and r["answered"]) or (not r["unanswerable"] and not r["hit"]):
                    got = f"{r['confidence']:.2f} {r['quote'][:160]}" if r["answered"] else "(declined)"
                    print(f"[{r['set']}] {r['question']}\n   gold: {r['gold'] or '(unanswerable)'}\n   got:  {got}")


def cross_validate(args):
    suite = hbeval.load_suite(args.suite)
    names = selected_sets(suite, args)
    weights = {"falseabs": args.falseabs_weight, "abstain": args.abstain_weight}
    thresholds = parse_thresholds(args.thresholds)
    candidates = []
    for settings in parse_grid(args.grid):
        merged = dict(fixed_settings(args), **settings)
        if thresholds is None:
            candidates.append((settings, run_all(suite, names, merged, args.retrieval, args)))
        else:
            raw = run_all(suite, names, dict(merged, **{"Retrieval:MinimumConfidence": "0"}), args.retrieval, args)
            for t in thresholds:
                candidates.append((dict(settings, **{"Retrieval:MinimumConfidence": t}), hbeval.with_threshold(raw, t)))

    folds = sorted({r["fold"] for r in candidates[0][1]})
    held_out = []
    print(f"{'held-out article':<60} chosen setting")
    for fold in folds:
        def train_score(candidate):
            return hbeval.objective([r for r in candidate[1] if r["fold"] != fold], weights)
        settings, results = max(candidates, key=train_score)
        held_out += [r for r in results if r["fold"] == fold]
        f = hbeval.figures([r for r in results if r["fold"] == fold])
        print(f"{fold[-60:]:<60} {settings}  ansq1 {f['ansq1']:.3f} falseabs {f['falseabs']:.3f}")

    fitted_settings, fitted = max(candidates, key=lambda c: hbeval.objective(c[1], weights))
    print(f"\ncross-validated (each article scored with the setting chosen on the others), {args.retrieval}:")
    print(hbeval.FIGURES_HEADER)
    for name in names:
        print(hbeval.format_figures(name, hbeval.figures([r for r in held_out if r["set"] == name])))
    print(f"{'objective':<34} {hbeval.objective(held_out, weights):.4f}")
    print(f"\nfitted on everything (not a measure of quality; the setting to ship): {fitted_settings}")
    print(hbeval.FIGURES_HEADER)
    for name in names:
        print(hbeval.format_figures(name, hbeval.figures([r for r in fitted if r["set"] == name])))
    print(f"{'objective':<34} {hbeval.objective(fitted, weights):.4f}")
    if args.reliability:
        print("\nreliability of the cross-validated answers:")
        print(hbeval.format_reliability(*hbeval.reliability(held_out)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["report", "cv"])
    parser.add_argument("--suite", help="suite file (default bench/eval/suite.json)")
    parser.add_argument("--sets", help="comma-separated set names (default: every set neither held out nor with a role)")
    parser.add_argument("--holdout", action="store_true", help="run the held-out sets (only those)")
    parser.add_argument("--bin", default=os.environ.get("HISTORYBOT_BIN", "/tmp/hb/historybot.dll"),
                        help="historybot executable or .dll (a Release build: dotnet build src/HistoryBot -c Release -o /tmp/hb)")
    parser.add_argument("--retrieval", default="hybrid", help="hybrid, lexical, or both comma-separated (report)")
    parser.add_argument("--set", action="append", metavar="KEY=VALUE", help="a fixed setting, e.g. Retrieval:SemanticWeight=1")
    parser.add_argument("--grid", action="append", metavar="KEY=V1,V2", help="candidate values of a setting (cv)")
    parser.add_argument("--thresholds", metavar="START:STOP:STEP", help="candidate Retrieval:MinimumConfidence values (cv)")
    parser.add_argument("--falseabs-weight", type=float, default=2.0, help="objective: cost of falseabs (default 2)")
    parser.add_argument("--abstain-weight", type=float, default=0.5, help="objective: worth of abstain (default 0.5)")
    parser.add_argument("--reliability", nargs="?", const="answered", choices=["answered", "all"],
                        help="print the reliability table (all: every quote, also those below the threshold)")
    parser.add_argument("--calibration-detail", action="store_true",
                        help="report: the ECE per set also over the answerable questions only and by the first gold answer only")
    parser.add_argument("--failures", action="store_true", help="list the misses (report)")
    parser.add_argument("--cache", default="/tmp/historybot-eval/cache")
    parser.add_argument("--index-root", default="/tmp/historybot-eval/index")
    parser.add_argument("--refresh", action="store_true", help="ignore cached answers")
    args = parser.parse_args()
    if args.command == "report":
        report(args)
    else:
        cross_validate(args)


if __name__ == "__main__":
    main()
