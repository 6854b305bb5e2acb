#!/usr/bin/env python3
"""Silver questions from any corpus: a sentence's date, number or name replaced by a question word.

    python3 bench/eval/silver.py --corpus bench/eval/books/corpus --out /tmp/silver-books.jsonl [--per-document 40]

From "Cheops reigned fifty years; and after he was dead his brother Chephren succeeded to the kingdom." it makes, e.g.,
"Cheops reigned how many years?" (answer "fifty") or "after he was dead his brother who succeeded to the kingdom?"
(answer "Chephren"): a window of the sentence around the target, with the target replaced. The gold evidence is the
sentence, the document its file. With --negatives it also writes unanswerable questions: the same question with one of
its other names swapped for a name that only occurs in another document ("Solon reigned how many years?"), so the
corpus's words are there but not the asked subject.

Output is the squad-dev JSON Lines format (question, answers, evidences, document; unanswerable; silver: true).
Deterministic for a given --seed. Standard library only. Silver questions are noisy: use them to fit and check
rankers and calibrators, never as a quality figure on their own.
"""
import argparse
import json
import os
import random
import re

NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty "
                "seventy eighty ninety hundred thousand").split()
MONTHS = "January February March April May June July August September October November December".split()
STOP_NAMES = set("The A An And But For Or Nor So Yet He She It They We I You His Her Its Their Our This That These Those "
                 "There Then When Where While After Before Thus Hence Now Some Many Most All Both Each Of In On At To "
                 "From By With As If Not No Yes One Two Three First Second Third Next Such Having Being Besides "
                 "However Moreover Meanwhile Whether What Which Who Whom Whose How Why Book Chapter".split())

SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z])")
YEAR = re.compile(r"\b(?:(?:A\.D\.|B\.C\.|AD|BC)\s*)?(1[0-9]{3}|20[0-9]{2})\b(?:\s*(?:A\.D\.|B\.C\.|AD|BC))?")
NUMBER = re.compile(r"\b(?:[0-9][0-9,.]*|(?:" + "|".join(NUMBER_WORDS) + r")(?:[- ](?:and[- ])?(?:"
                    + "|".join(NUMBER_WORDS) + r"))*)\b(?=\s+[a-z])", re.IGNORECASE)
NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+)*")
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "into", "towards", "through", "of"}


def read_documents(corpus):
    documents = []
    for root, _, files in os.walk(corpus):
        for name in sorted(files):
            if name.endswith((".txt", ".md")):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8-sig", errors="replace") as f:
                    text = f.read().replace("\r\n", "\n")
                paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
                documents.append((os.path.relpath(path, corpus).replace(os.sep, "/"), paragraphs[1:]))
    return sorted(documents)


def sentences(paragraph):
    return [s.strip() for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 6]


def names_in(sentence):
    found = []
    for m in NAME.finditer(sentence):
        words = m.group(0).split()
        while words and words[0] in STOP_NAMES:
            words = words[1:]
        if words and m.start() > 0 and len(words[0]) > 2:
            text = " ".join(words)
            # The words joined by one space: a name the sentence spaces otherwise is found where its match starts.
            start = sentence.find(text, m.start())
            found.append((start if start >= 0 else m.start(), text))
    return found


def window(words, start, end, size):
    """Word indices [a, b) of at most `size` words on each side of the target words [start, end)."""
    return max(0, start - size), min(len(words), end + size)


def make_question(sentence, target_start, target_text, question_words, size):
    before = sentence[:target_start].split()
    after = sentence[target_start + len(target_text):].split()
    before = before[-size:]
    after = after[:size]
    # Stop at a clause boundary so the question stays one statement.
    for i in range(len(before) - 1, -1, -1):
        if before[i].endswith((";", ":")):
            before = before[i + 1:]
            break
    for i, word in enumerate(after):
        if word.endswith((";", ":", ".", ",")) and i >= 2:
            after = after[:i + 1]
            break
    text = " ".join(before + [question_words] + after).strip(" ,;:.—-\"“”()")
    text = re.sub(r"\s+([,;:)])", r"\1", text)
    if len(text.split()) < 4:
        return None
    return text[0].upper() + text[1:] + "?"


def candidates(sentence):
    """(start, target, question words, kind) for every date, number and name of a sentence."""
    out = []
    for m in YEAR.finditer(sentence):
        out.append((m.start(), m.group(0), "what year", "date"))
    for m in NUMBER.finditer(sentence):
        if not YEAR.fullmatch(m.group(0)) and not re.fullmatch(r"[0-9]+\.", m.group(0)):
            out.append((m.start(), m.group(0), "how many", "number"))
    for start, name in names_in(sentence):
        previous = sentence[:start].split()[-1:] or [""]
        word = "what" if previous[0].lower() in PLACE_PREPOSITIONS else "who"
        out.append((start, name, word, "name"))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-document", type=int, default=40)
    parser.add_argument("--window", type=int, default=9, help="words kept on each side of the target")
    parser.add_argument("--negatives", type=float, default=0.25, help="unanswerable questions per answerable one")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    documents = read_documents(args.corpus)
    names_by_document = {}
    for doc, paragraphs in documents:
        names_by_document[doc] = {n for p in paragraphs for s in sentences(p) for _, n in names_in(s)}
    all_names = {n for names in names_by_document.values() for n in names}
    questions = []
    for doc, paragraphs in documents:
        pool = []
        for paragraph in paragraphs:
            for sentence in sentences(paragraph):
                for start, target, words, kind in candidates(sentence):
                    question = make_question(sentence, start, target, words, args.window)
                    if question and target.lower() not in question.lower():
                        pool.append({"question": question, "answers": [target], "evidences": [sentence],
                                     "document": doc, "kind": kind, "silver": True})
        rng.shuffle(pool)
        # Spread over kinds: dates and numbers are rarer than names.
        pool.sort(key=lambda q: {"date": 0, "number": 1, "name": 2}[q["kind"]] + rng.random() * 2.5)
        chosen = pool[:args.per_document]
        questions += chosen
        elsewhere = sorted(all_names - names_by_document[doc])
        for q in chosen:
            if rng.random() >= args.negatives or not elsewhere:
                continue
            mine = [n for n in names_by_document[doc] if re.search(r"\b" + re.escape(n) + r"\b", q["question"])]
            if mine:
                swapped = re.sub(r"\b" + re.escape(rng.choice(mine)) + r"\b", rng.choice(elsewhere), q["question"], count=1)
                questions.append({"question": swapped, "answers": [], "evidences": [], "document": doc,
                                  "unanswerable": True, "kind": "swapped-name", "silver": True})
    with open(args.out, "w", encoding="utf-8") as f:
        for q in questions:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    answerable = sum(1 for q in questions if not q.get("unanswerable"))
    print(f"{args.out}: {answerable} answerable, {len(questions) - answerable} unanswerable silver questions")


if __name__ == "__main__":
    main()
