#!/usr/bin/env python3
"""Builds the real SQuAD 2.0 measuring sets of bench/eval/squad2/ from excerpts of the SQuAD 2.0 dev set.

    python3 bench/eval/squad2/make_squad2.py --raw /tmp/squad2

The excerpts (not committed: they are copies of the dataset, see ATTRIBUTION.md) are what was read of dev-v2.0.json,
transcribed field for field, in two forms:

- `full-*.jsonl`: whole paragraphs of articles NOT in ../shared/eval/squad-dev, one JSON object per paragraph (objects
  may span lines): {"t": title, "context": text, "qas": [{"id", "q": question, "a": [[text, answer_start], ...]} or
  {"id", "q", "p": [[plausible text, answer_start], ...]} for an unanswerable one]}. Answers are deduplicated by text.
  They give the corpus files (corpus/, one per article, the paragraphs in the order read) and questions-real.jsonl.
- `unans.jsonl`: unanswerable questions of the dev-set articles, one a line: {"t": title, "c": the first words of the
  paragraph's context, "q": question, "p": [plausible texts]}. A question is kept when its paragraph is in the dev
  corpus (matched by those first words); it gives questions-dev-unans.jsonl.

Every answer_start is checked against its context, so a transcription error stops the build.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(HERE))
import hbeval  # noqa: E402  (finds ../shared as the eval scripts do)


def records(path):
    """JSON objects one after another, each on one or several lines."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    decoder, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        obj, i = decoder.raw_decode(text, i)
        out.append(obj)


def sentences(paragraph):
    """(start, end) of each sentence: split after . ! ? (closing quote or bracket allowed) before a capital, digit or
    opening quote; plain, as the gold evidences only need to hold the answer's sentence."""
    bounds, start = [], 0
    for m in re.finditer(r'[.!?]["\')\]]*\s+(?=["(\[]?[A-Z0-9])', paragraph):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(paragraph)))
    return bounds


def evidence(paragraph, starts):
    """The sentence(s) holding the given answer starts, in paragraph order, stripped."""
    out = []
    for lo, hi in sentences(paragraph):
        if any(lo <= s < hi for s in starts):
            text = paragraph[lo:hi].strip()
            if text not in out:
                out.append(text)
    return out


def file_name(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".txt"


def check(paragraph, spans, where):
    for text, start in spans:
        if paragraph[start:start + len(text)] != text:
            sys.exit(f"{where}: '{text}' is not at {start} of its context")


def build_real(raw, out_dir):
    articles, questions = {}, []
    for path in sorted(glob.glob(os.path.join(raw, "full-*.jsonl")) + glob.glob(os.path.join(raw, "full.jsonl"))):
        for rec in records(path):
            paras = articles.setdefault(rec["t"], [])
            index = len(paras)
            paras.append(rec["context"])
            document = file_name(rec["t"])
            for qa in rec["qas"]:
                spans = qa.get("a") or qa.get("p") or []
                check(rec["context"], spans, f"{rec['t']} {qa['q']}")
                row = {"id": qa["id"], "question": qa["q"].strip()}
                if "a" in qa:
                    row["answers"] = list(dict.fromkeys(t for t, _ in qa["a"]))
                    row["evidences"] = evidence(rec["context"], [s for _, s in qa["a"]])
                else:
                    row["answers"], row["evidences"] = [], []
                row["document"], row["paragraph"] = document, index
                if "p" in qa:
                    row["unanswerable"] = True
                    row["plausible"] = list(dict.fromkeys(t for t, _ in qa["p"]))
                questions.append(row)
    corpus = os.path.join(out_dir, "corpus")
    os.makedirs(corpus, exist_ok=True)
    for title, paras in articles.items():
        with open(os.path.join(corpus, file_name(title)), "w", encoding="utf-8") as f:
            f.write(title.replace("_", " ") + "\n\n" + "\n\n".join(paras) + "\n")
    return articles, questions


def build_dev_unans(raw, dev_corpus):
    paragraphs = []  # (document, index, text) of the dev corpus; index counts paragraphs after the title line
    for path in sorted(glob.glob(os.path.join(dev_corpus, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
        paragraphs += [(os.path.basename(path), i, text) for i, text in enumerate(blocks[1:])]
    if not paragraphs:
        sys.exit(f"no dev corpus at {dev_corpus}")
    questions, missing = [], 0
    for rec in records(os.path.join(raw, "unans.jsonl")):
        found = [(doc, i, text) for doc, i, text in paragraphs if text.startswith(rec["c"])]
        if len(found) != 1:
            missing += 1
            continue
        doc, index, text = found[0]
        for plausible in rec["p"]:
            if plausible not in text:
                sys.exit(f"{rec['q']}: plausible answer '{plausible}' is not in its paragraph")
        questions.append({"question": rec["q"].strip(), "answers": [], "evidences": [], "document": doc,
                          "paragraph": index, "unanswerable": True, "plausible": rec["p"]})
    return questions, missing


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", default="/tmp/squad2", help="folder of the transcribed excerpts")
    parser.add_argument("--dev-corpus", default=hbeval.resolve("../shared/eval/squad-dev/corpus"))
    parser.add_argument("--out", default=HERE)
    args = parser.parse_args()
    articles, real = build_real(args.raw, args.out)
    write_jsonl(os.path.join(args.out, "questions-real.jsonl"), real)
    unans, missing = build_dev_unans(args.raw, args.dev_corpus)
    write_jsonl(os.path.join(args.out, "questions-dev-unans.jsonl"), unans)
    n_unans = sum(1 for q in real if q.get("unanswerable"))
    print(f"real: {len(articles)} articles, {sum(len(p) for p in articles.values())} paragraphs, "
          f"{len(real) - n_unans} answerable + {n_unans} unanswerable questions")
    print(f"dev-unans: {len(unans)} unanswerable questions ({missing} whose paragraph is not in the dev corpus)")


if __name__ == "__main__":
    main()
