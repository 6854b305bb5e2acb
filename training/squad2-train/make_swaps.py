#!/usr/bin/env python3
"""Makes swapped.jsonl: SQuAD-2-style unanswerable questions from the answerable questions of this training excerpt.

    python3 training/squad2-train/make_swaps.py        # from the repository's root; rewrites training/squad2-train/swapped.jsonl

Each answerable question of train-v2.0-first10.json gets its evidence (the sentence of its paragraph that holds the
answer) and is changed by bench/eval/swap.py --near: a name or number of the question that the evidence has is replaced
by another of the same paragraph, or a comparative/ordinal word by its opposite, so the words stay on topic and the
paragraph no longer answers it (the three changes SQuAD 2's own writers made most). Training material only: the SQuAD
development questions are never swapped here. Deterministic (fixed seed). Standard library only.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def file_name(title):
    """The document name the trainer gives the article (TrainingSets.Squad2)."""
    title = title.replace("_", " ")
    return "squad-" + "".join(c.lower() if c.isascii() and c.isalnum() else "-" for c in title) + ".txt"


def main():
    with open(os.path.join(HERE, "train-v2.0-first10.json"), encoding="utf-8") as f:
        data = json.load(f)["data"]
    with tempfile.TemporaryDirectory() as work:
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        questions = []
        for article in data:
            name = file_name(article["title"])
            contexts = [p["context"].replace("\n", " ").strip() for p in article["paragraphs"]]
            with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
                f.write(article["title"].replace("_", " ") + "\n\n" + "".join(c + "\n\n" for c in contexts))
            for paragraph, context in zip(article["paragraphs"], contexts):
                for qa in paragraph["qas"]:
                    if qa.get("is_impossible") or not qa["answers"]:
                        continue
                    start = qa["answers"][0]["answer_start"]
                    offset = 0
                    for sentence in SENTENCE_END.split(paragraph["context"]):
                        offset = paragraph["context"].index(sentence, offset)
                        if offset <= start < offset + len(sentence):
                            break
                        offset += len(sentence)
                    evidence = re.sub(r"\s+", " ", sentence).strip()
                    questions.append({"question": re.sub(r"\s+", " ", qa["question"]).strip(), "answers": [a["text"] for a in qa["answers"]],
                                      "evidences": [evidence], "document": name})
        path = os.path.join(work, "questions.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)
        out = os.path.join(HERE, "swapped.jsonl")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "eval", "swap.py"), "--corpus", corpus,
                        "--questions", path, "--out", out, "--near", "--seed", "17"], check=True)


if __name__ == "__main__":
    main()
