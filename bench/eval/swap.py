#!/usr/bin/env python3
"""SQuAD-2-style unanswerable questions made from written ones: the words are in the text, the answer is not.

    python3 bench/eval/swap.py --corpus DIR --questions Q.jsonl [Q2.jsonl ...] --out /tmp/swapped.jsonl

We have no SQuAD 2.0 data. Its unanswerable questions were written by changing an answerable question so that the
paragraph no longer answers it while its words stay on topic. This imitates the three changes seen most there, on our
own written questions that carry an evidence sentence:

- name: a name of the question that the evidence has is replaced by another name of the same document that the
  evidence does not have ("When did Lenin die?" -> "When did Kamenev die?");
- number: a year or number of the question is replaced by another of the same document ("in 1917" -> "in 1905");
- antonym: a comparative/ordinal/direction word is replaced by its opposite ("the largest city" -> "the smallest
  city", "the first" -> "the last").

At most one change per question; a question with none possible is skipped. The result is noisy (a swapped question
is now and then answered elsewhere in the document): use it to compare settings, not as a quality figure on its own.
Output: JSON Lines with question, answers [], evidences [], document, unanswerable true, kind, source. Deterministic
for a given --seed. Standard library only.
"""
import argparse
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import silver  # noqa: E402

ANTONYMS = [("largest", "smallest"), ("biggest", "smallest"), ("first", "last"), ("highest", "lowest"),
            ("most", "least"), ("oldest", "newest"), ("north", "south"), ("east", "west"), ("before", "after"),
            ("older", "younger"), ("larger", "smaller"), ("more", "fewer"), ("earliest", "latest"),
            ("longest", "shortest"), ("best", "worst"), ("northern", "southern"), ("eastern", "western"),
            ("major", "minor"), ("increase", "decrease"), ("win", "lose"), ("won", "lost"), ("began", "ended"),
            ("start", "end"), ("public", "private"), ("upper", "lower"), ("inner", "outer")]
OPPOSITE = {**{a: b for a, b in ANTONYMS}, **{b: a for a, b in ANTONYMS}}
NUMBER = re.compile(r"\b(1[0-9]{3}|20[0-9]{2}|[0-9][0-9,.]*)\b")


def paragraph_names(paragraph):
    return sorted({n for s in silver.sentences(paragraph) for _, n in silver.names_in(s)
                   if len(n.split()) == 1 and n not in silver.MONTHS and not re.search(r"['’]s?$", n)})


def document_vocabulary(corpus, near=False):
    """Per document, the names and numbers a swap may take; with near, per evidence paragraph instead (a key of the
    document and the paragraph's text), as SQuAD 2's writers often swapped in a name from the same paragraph."""
    names, numbers = {}, {}
    for doc, paragraphs in silver.read_documents(corpus):
        if near:
            for paragraph in paragraphs:
                names[(doc, paragraph)] = paragraph_names(paragraph)
                numbers[(doc, paragraph)] = sorted({m.group(0) for m in NUMBER.finditer(paragraph)})
            continue
        # Single-word names, not months or possessives ("July", "Solon's"): a person or place to swap in.
        names[doc] = sorted({n for p in paragraphs for s in silver.sentences(p) for _, n in silver.names_in(s)
                             if len(n.split()) == 1 and n not in silver.MONTHS and not re.search(r"['’]s?$", n)})
        numbers[doc] = sorted({m.group(0) for p in paragraphs for m in NUMBER.finditer(p)})
    return names, numbers


def has_word(text, word):
    return re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE) is not None


def swaps(question, evidence, doc_names, doc_numbers):
    """Every possible change of one question: (kind, new question)."""
    out = []
    for _, name in silver.names_in(question["question"]):
        for single in name.split():
            if has_word(evidence, single) and len(single) > 2:
                others = [n for n in doc_names if not has_word(evidence, n) and not has_word(question["question"], n)
                          and n[:5].lower() != single[:5].lower()]
                out += [("name", re.sub(r"\b" + re.escape(single) + r"\b", other, question["question"], count=1))
                        for other in others]
    for m in NUMBER.finditer(question["question"]):
        is_year = re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", m.group(0)) is not None
        others = [n for n in doc_numbers if n != m.group(0) and not has_word(evidence, n)
                  and (re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", n) is not None) == is_year]
        out += [("number", question["question"][:m.start()] + other + question["question"][m.end():]) for other in others]
    for word in re.findall(r"[A-Za-z]+", question["question"]):
        if word.lower() in OPPOSITE and not has_word(evidence + " " + question["question"], OPPOSITE[word.lower()]):
            out.append(("antonym", re.sub(r"\b" + word + r"\b", OPPOSITE[word.lower()], question["question"], count=1)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--questions", nargs="+", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--share", type=float, default=1.0, help="share of the eligible questions changed")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--near", action="store_true",
                        help="swap in names and numbers from the evidence's own paragraph, not the whole document")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names, numbers = document_vocabulary(args.corpus, args.near)
    out = []
    for path in args.questions:
        with open(path, encoding="utf-8") as f:
            questions = [json.loads(line) for line in f if line.strip()]
        for q in questions:
            if q.get("unanswerable") or not q.get("evidences"):
                continue
            evidence = " ".join(q["evidences"])
            key = q.get("document")
            if args.near:
                key = next((k for k in names if k[0] == q.get("document") and q["evidences"][0] in k[1]), None)
            if key not in names:
                continue
            options = swaps(q, evidence, names[key], numbers[key])
            if not options or rng.random() >= args.share:
                continue
            # One kind first (names are the most common change), then one replacement of it.
            kind = rng.choice(sorted({k for k, _ in options}))
            text = rng.choice([t for k, t in options if k == kind])
            out.append({"question": text, "answers": [], "evidences": [], "document": q["document"],
                        "unanswerable": True, "kind": kind, "source": q["question"]})
    with open(args.out, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in out)
    kinds = {k: sum(1 for q in out if q["kind"] == k) for k in ("name", "number", "antonym")}
    print(f"{args.out}: {len(out)} unanswerable questions {kinds}")


if __name__ == "__main__":
    main()
