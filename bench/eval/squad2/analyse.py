#!/usr/bin/env python3
"""What separates the real SQuAD 2.0 unanswerable questions the bot answers from the answerable ones it gets right.

    python3 bench/eval/squad2/analyse.py --bin /tmp/hb/historybot.dll [--threshold 0.35] [--sample 60]

Runs (or reads from hbeval's cache) squad2-real, squad2-dev-unans and squad2-like at threshold 0, then:
1. puts each unanswerable question into a SQuAD 2.0 category by comparing it with the sentence of its paragraph that
   holds SQuAD's plausible answer (the sentence its writer edited): negation, antonym, mutual exclusion, entity swap
   (name, number, other word), or every content word kept (role reversal, impossible condition, other); for each,
   the share declined at the threshold and the confidences of those answered;
2. for an entity swap, where the swapped-in word is: in the bot's quoted sentence, only in its passage, elsewhere in
   the corpus, or nowhere;
3. scores candidate decline signals, computed from the question, the quoted sentence and its passage, on the answers
   given: the share of answered unanswerable questions each would decline against the share of right answers it
   would lose.
The categories are a heuristic (word lists, a crude stemmer); print a sample with --sample to check them by eye.
"""
import argparse
import os
import random
import re
import sys
from collections import Counter, defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import hbeval  # noqa: E402

STOP = set("""a an the of in on at to for from by with and or but as is are was were be been being do does did has have
had what which who whom whose when where why how many much that this these those it its their there than then into
onto about after before during over under between also some any one all other most more such can could would should
may might will shall s his her he she they them we you i not no never called name named type kind sort part use used
year years term another what's""".split())
NEGATIONS = {"not", "no", "never", "none", "nothing", "without", "n't", "cannot"}
ANTONYMS = [("first", "last"), ("before", "after"), ("most", "least"), ("largest", "smallest"), ("large", "small"),
            ("larger", "smaller"), ("increase", "decrease"), ("increased", "decreased"), ("higher", "lower"),
            ("high", "low"), ("early", "late"), ("earliest", "latest"), ("north", "south"), ("east", "west"),
            ("northern", "southern"), ("eastern", "western"), ("vertical", "horizontal"), ("import", "export"),
            ("imports", "exports"), ("maximum", "minimum"), ("won", "lost"), ("win", "lose"), ("major", "minor"),
            ("upper", "lower"), ("modern", "medieval"), ("ancient", "modern"), ("old", "new"), ("older", "newer"),
            ("oldest", "newest"), ("best", "worst"), ("long", "short"), ("longer", "shorter"), ("hot", "cold"),
            ("wet", "dry"), ("full", "empty"), ("inside", "outside"), ("internal", "external"), ("rise", "fall"),
            ("suitable", "unsuitable"), ("successful", "unsuccessful"), ("efficient", "inefficient"),
            ("common", "rare"), ("more", "less"), ("fewest", "most"), ("least", "most"), ("begin", "end"),
            ("began", "ended"), ("start", "end"), ("open", "closed"), ("positive", "negative"), ("gain", "loss"),
            ("slow", "fast"), ("ally", "enemy"), ("allies", "enemies"), ("accept", "reject"), ("legal", "illegal"),
            ("lift", "impose"), ("lifted", "imposed"), ("same", "different"), ("simple", "complicated")]
OPPOSITE = defaultdict(set)
for x, y in ANTONYMS:
    OPPOSITE[x].add(y)
    OPPOSITE[y].add(x)
EXCLUSION = re.compile(r"\b(instead|rather than|other than|besides|except|apart from|earlier in the year|or)\b", re.I)


def words(text):
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-\.]*[A-Za-z0-9]|[A-Za-z0-9]", text.replace("\u2019", "'"))


def stem(word):
    w = word.lower().replace("'s", "")
    for suffix in ("ies", "es", "s", "ed", "ing", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content(text):
    """The question's content words: (surface, stem, kind) with kind name (capitalised inside the sentence), number,
    or word."""
    out = []
    for i, w in enumerate(words(text)):
        low = w.lower()
        if low in STOP or len(low) < 3 and not w.isdigit():
            continue
        kind = "number" if re.search(r"\d", w) else "name" if w[0].isupper() and i > 0 else "word"
        out.append((w, stem(w), kind))
    return out


def stems(text):
    return {stem(w) for w in words(text)}


def negated(text):
    low = text.lower()
    return any(re.search(rf"\b{n}\b", low) for n in NEGATIONS - {"n't"}) or "n't" in low


def sentence_with(paragraph, answer):
    at = paragraph.find(answer) if answer else -1
    for m in re.finditer(r"[^.!?]+(?:[.!?]+[\"')\]]*|$)", paragraph):
        if at < 0 or m.start() <= at < m.end() + 1:
            return m.group(0).strip()
    return paragraph


def quote_passage(answer):
    quote = (answer.get("answer") or {}).get("quote") or ""
    for p in answer.get("passages") or []:
        if quote and quote[:60] in p.get("text", ""):
            return p["text"]
    passages = answer.get("passages") or []
    return passages[0]["text"] if passages else ""


def categorise(question, source):
    """SQuAD 2.0 category of an unanswerable question against the sentence it was written from; the words it added."""
    q_words = content(question)
    src = stems(source)
    missing = [w for w in q_words if w[1] not in src]
    q_stems = {s for _, s, _ in q_words} | stems(question)
    if negated(question) and not negated(source):
        return "negation (inserted)", missing
    for w, s, _ in q_words:
        if w.lower() not in {x.lower() for x in words(source)} and OPPOSITE.get(w.lower(), set()) & {
                x.lower() for x in words(source)}:
            return "antonym", missing
    if EXCLUSION.search(question) and not EXCLUSION.search(source):
        return "mutual exclusion", missing
    if any(k == "name" for _, _, k in missing):
        return "entity swap: name", missing
    if any(k == "number" for _, _, k in missing):
        return "entity swap: number", missing
    if missing:
        return "entity swap: other word", missing
    del q_stems
    return "all words kept (role reversal, condition, other)", missing


def corpus_text(spec):
    folder = hbeval.corpus_dir(spec)
    texts = []
    for root, _, files in os.walk(folder):
        for f in files:
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                texts.append(fh.read())
    return "\n".join(texts)


def paragraphs_of(spec):
    out = {}
    for part in spec["corpus"]:
        folder = hbeval.resolve(part)
        for f in os.listdir(folder):
            with open(os.path.join(folder, f), encoding="utf-8") as fh:
                blocks = [b.strip() for b in fh.read().split("\n\n") if b.strip()]
            out[f] = blocks[1:]
    return out


def signals(question, answer):
    quote = (answer.get("answer") or {}).get("quote") or ""
    passage = quote_passage(answer)
    q_words = content(question)
    in_quote, in_passage = stems(quote), stems(passage)
    low_quote = {w.lower() for w in words(quote)}
    names = [w for w in q_words if w[2] in ("name", "number")]
    return {
        "a content word not in the quoted sentence": any(s not in in_quote for _, s, _ in q_words),
        "two content words not in the quoted sentence": sum(s not in in_quote for _, s, _ in q_words) >= 2,
        "a content word not in the quote's passage": any(s not in in_passage for _, s, _ in q_words),
        "a name or number not in the quoted sentence": any(s not in in_quote for _, s, _ in names),
        "a name or number not in the quote's passage": any(s not in in_passage for _, s, _ in names),
        "a number not in the quoted sentence": any(s not in in_quote for _, s, k in names if k == "number"),
        "share of content words in the quoted sentence < 0.75":
            bool(q_words) and sum(s in in_quote for _, s, _ in q_words) / len(q_words) < 0.75,
        "share of content words in the quoted sentence < 0.6":
            bool(q_words) and sum(s in in_quote for _, s, _ in q_words) / len(q_words) < 0.6,
        "the question negated, the quote not": negated(question) and not negated(quote),
        "a content word in the quote's passage but not in the quoted sentence": any(
            s not in in_quote and s in in_passage for _, s, _ in q_words),
        "a name or number in the quote's passage but not in the quoted sentence": any(
            s not in in_quote and s in in_passage for _, s, _ in names),
        "an opposite of a question word in the quote, the word not": any(
            w.lower() not in low_quote and OPPOSITE.get(w.lower(), set()) & low_quote for w, _, _ in q_words),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default="/tmp/hb/historybot.dll")
    parser.add_argument("--threshold", type=float, default=0.35)
    parser.add_argument("--sample", type=int, default=0, help="print this many categorised questions (a fixed draw)")
    parser.add_argument("--set", action="append", metavar="KEY=VALUE",
                        help="a setting for every run (Retrieval:MissingNamePenalty=0); repeatable")
    parser.add_argument("--cache", default="/tmp/historybot-eval/cache")
    parser.add_argument("--index-root", default="/tmp/historybot-eval/index")
    args = parser.parse_args()
    suite = hbeval.load_suite()
    captured = {}
    original = hbeval.score

    def capture(question, answer, set_name, position):
        result = original(question, answer, set_name, position)
        captured[id(result)] = (question, answer)
        return result

    hbeval.score = capture
    runs = {}
    for name in ("squad2-real", "squad2-dev-unans", "squad2-like"):
        settings = dict(item.split("=", 1) for item in args.set or [])
        settings["Retrieval:MinimumConfidence"] = "0"
        results = hbeval.run_set(name, suite[name], settings, "hybrid", args.bin,
                                 args.cache, args.index_root)
        runs[name] = [(r, *captured[id(r)]) for r in results]

    # 1 and 2: categories of the real unanswerable questions
    rows = []
    for name in ("squad2-real", "squad2-dev-unans"):
        paras = paragraphs_of(suite[name])
        text = corpus_text(suite[name])
        for r, q, a in runs[name]:
            if not r["unanswerable"]:
                continue
            paragraph = paras[q["document"]][q["paragraph"]]
            source = sentence_with(paragraph, (q.get("plausible") or [""])[0])
            category, missing = categorise(q["question"], source)
            answered = (r["confidence"] or 0) >= args.threshold
            quote, passage = r["quote"], quote_passage(a)
            where = None
            swapped = [m for m in missing if m[2] in ("name", "number")]
            if category in ("entity swap: name", "entity swap: number") and swapped:
                w = swapped[0][0]
                pattern = re.compile(rf"\b{re.escape(w)}", re.I)
                where = ("in the quoted sentence" if pattern.search(quote) else "in the quote's passage"
                         if pattern.search(passage) else "elsewhere in the corpus" if pattern.search(text)
                         else "not in the corpus")
            rows.append(dict(set=name, question=q["question"], source=source, category=category,
                             missing=[m[0] for m in missing], answered=answered, confidence=r["confidence"] or 0,
                             where=where, quote=quote))
    print(f"\nreal unanswerable questions by category (threshold {args.threshold}; heuristic, see --sample)")
    print(f"{'category':50} {'n':>4} {'declined':>9} {'answered: median conf':>22}")
    for category, n in Counter(r["category"] for r in rows).most_common():
        group = [r for r in rows if r["category"] == category]
        confs = sorted(r["confidence"] for r in group if r["answered"])
        median = confs[len(confs) // 2] if confs else float("nan")
        print(f"{category:50} {n:4} {sum(not r['answered'] for r in group) / n:9.3f} {median:22.3f}")
    print(f"{'all':50} {len(rows):4} {sum(not r['answered'] for r in rows) / len(rows):9.3f}")
    swaps = [r for r in rows if r["where"]]
    print("\nname and number swaps: where the swapped-in name or number is (share declined)")
    for where, n in Counter(r["where"] for r in swaps).most_common():
        group = [r for r in swaps if r["where"] == where]
        print(f"  {where:28} {n:4}  declined {sum(not r['answered'] for r in group) / n:.3f}")

    # confidence distributions
    right = [r for name in ("squad2-real", "squad2-like") for r, _, _ in runs[name]
             if not r["unanswerable"] and r["hit"] and (r["confidence"] or 0) >= args.threshold]
    wrong_un = [r for r in rows if r["answered"]]
    bins = [0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    print("\nconfidence of the answers given: right answers (squad2-real + squad2-like answerable) vs real unanswerable")
    for lo, hi in zip(bins, bins[1:]):
        a = sum(lo <= (r["confidence"] or 0) < hi for r in right) / len(right)
        u = sum(lo <= r["confidence"] < hi for r in wrong_un) / len(wrong_un)
        print(f"  [{lo:.2f}, {min(hi, 1):.2f})  right {a:.3f}  unanswerable {u:.3f}")

    # 3: decline signals on the answers given
    pools = {
        "unanswerable answered (real)": [(q, a) for name in ("squad2-real", "squad2-dev-unans")
                                         for r, q, a in runs[name] if r["unanswerable"]
                                         and (r["confidence"] or 0) >= args.threshold],
        "answerable right (real)": [(q, a) for r, q, a in runs["squad2-real"] if not r["unanswerable"] and r["hit"]
                                    and (r["confidence"] or 0) >= args.threshold],
        "answerable right (dev, 19-article corpus)": [(q, a) for r, q, a in runs["squad2-like"]
                                                      if not r["unanswerable"] and r["hit"]
                                                      and (r["confidence"] or 0) >= args.threshold],
        "answerable wrong (real + dev)": [(q, a) for name in ("squad2-real", "squad2-like") for r, q, a in runs[name]
                                          if not r["unanswerable"] and not r["hit"]
                                          and (r["confidence"] or 0) >= args.threshold],
    }
    flags = {pool: [signals(q["question"], a) for q, a in items] for pool, items in pools.items()}
    names = list(next(iter(flags.values()))[0])
    print("\nshare of each pool a signal would decline (answers given at the threshold; n in brackets)")
    print(f"{'signal':56} " + " ".join(f"{p.split(' (')[0][:14] + ' ' + p[p.find('('):][:12]:>27}" for p in pools))
    print(f"{'':56} " + " ".join(f"{'(' + str(len(v)) + ')':>27}" for v in flags.values()))
    for s in names:
        print(f"{s:56} " + " ".join(f"{sum(f[s] for f in v) / max(len(v), 1):27.3f}" for v in flags.values()))

    # 4: a signal as a confidence penalty, as the engine's name penalties are: confidence x (1 - p), then the threshold
    print("\na signal as a penalty (confidence x (1 - p), threshold kept): ansq1 / falseabs / abstain")
    sets = {"squad2-real": runs["squad2-real"], "squad2-dev-unans": runs["squad2-dev-unans"],
            "squad2-like (dev answerable)": [x for x in runs["squad2-like"] if not x[0]["unanswerable"]]}
    for signal in ("a content word in the quote's passage but not in the quoted sentence",
                   "two content words not in the quoted sentence",
                   "share of content words in the quoted sentence < 0.6"):
        for penalty in (0.0, 0.2, 0.3, 0.4, 0.5):
            cells = []
            for name, items in sets.items():
                ans = [(r, q, a) for r, q, a in items if not r["unanswerable"]]
                una = [(r, q, a) for r, q, a in items if r["unanswerable"]]

                def kept(r, q, a):
                    c = r["confidence"] or 0
                    if signals(q["question"], a)[signal]:
                        c *= 1 - penalty
                    return c >= args.threshold
                cell = []
                if ans:
                    cell.append(f"{sum(r['hit'] and kept(r, q, a) for r, q, a in ans) / len(ans):.3f}")
                    cell.append(f"{sum(not kept(r, q, a) for r, q, a in ans) / len(ans):.3f}")
                if una:
                    cell.append(f"{sum(not kept(r, q, a) for r, q, a in una) / len(una):.3f}")
                cells.append(f"{name} {' / '.join(cell)}")
            print(f"  p={penalty:.1f} {signal[:48]:48}  " + "   ".join(cells))

    if args.sample:
        print(f"\nsample of {args.sample} categorised unanswerable questions answered by the bot")
        for r in random.Random(1).sample(wrong_un, min(args.sample, len(wrong_un))):
            print(f"- [{r['category']}] {r['question']}\n    source: {r['source'][:150]}\n    added: {r['missing']}"
                  f"  where: {r['where']}  conf {r['confidence']:.2f}\n    quote: {r['quote'][:150]}")


if __name__ == "__main__":
    main()
