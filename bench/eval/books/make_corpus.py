#!/usr/bin/env python3
"""Builds the measuring corpus bench/eval/books/corpus/ from the public-domain history books in ../shared/bench-corpus.

Each article is a handful of consecutive paragraphs of one book (chosen by paragraph number after splitting the book
at blank lines), written as a title line, a blank line and the paragraphs. Editorial apparatus is removed: footnote
markers ("[551]", "Physcus,126", "come 13 as"), page markers ("[Pg 29]", "[CAS. 654]") and hard line breaks inside a
paragraph; the author's sentences are otherwise unchanged. Deterministic: rerunning it rewrites the same files.

    python3 bench/eval/books/make_corpus.py [--books ../shared/bench-corpus] [--out bench/eval/books/corpus]
"""
import argparse
import os
import re

# (file name, book, title, paragraph numbers)
ARTICLES = [
    ("plutarch-solon-laws.txt", "plutarch", "Plutarch, Life of Solon: the laws",
     [377, 378, 381, 384, 385, 386, 387, 388, 392, 394, 396, 397]),
    ("plutarch-solon-travels.txt", "plutarch", "Plutarch, Life of Solon: travels, Croesus and Peisistratus",
     [402, 403, 405, 406, 407, 408, 409, 410, 413, 418]),
    ("plutarch-themistokles.txt", "plutarch", "Plutarch, Life of Themistokles",
     [470, 471, 472, 473, 474, 475, 477, 480, 481, 482, 483, 485, 486]),
    ("herodotus-gyges.txt", "herodotus", "Herodotus, Book I: Candaules and Gyges",
     list(range(50, 59))),
    ("herodotus-cyrus-tomyris.txt", "herodotus", "Herodotus, Book I: Cyrus and Tomyris",
     list(range(259, 269))),
    ("herodotus-pyramids.txt", "herodotus", "Herodotus, Book II: the kings who built the pyramids",
     [634, 635, 636, 637, 638, 639, 643, 644]),
    ("gibbon-commodus.txt", "gibbon", "Gibbon, Decline and Fall, chapter IV: Commodus",
     [515, 521, 524, 526, 529, 531, 534, 537]),
    ("gibbon-pertinax.txt", "gibbon", "Gibbon, Decline and Fall, chapter IV: the death of Commodus and Pertinax",
     [566, 570, 573, 581, 588, 590, 592]),
    ("gibbon-zenobia.txt", "gibbon", "Gibbon, Decline and Fall, chapter XI: Aurelian and Zenobia",
     [1589, 1593, 1596, 1600, 1605, 1609, 1613, 1616, 1618, 1621, 1624, 1636]),
    ("strabo-rhodes.txt", "strabo", "Strabo, Geography, book XIV: Rhodes",
     list(range(281, 301))),
    ("strabo-alexandria.txt", "strabo", "Strabo, Geography, book XVII: Alexandreia",
     [p for p in range(1135, 1161) if p != 1144]),
    ("strabo-susa.txt", "strabo", "Strabo, Geography, book XV: Persis and Susa",
     [p for p in range(745, 761) if p not in (747, 757)]),
]

BOOKS = {
    "gibbon": "gibbon_decline_fall_vol1.txt",
    "herodotus": "herodotus_macaulay_vol1.txt",
    "plutarch": "plutarch_lives_vol1.txt",
    "strabo": "strabo_geography_vol3.txt",
}


def paragraphs(path):
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        text = f.read().replace("\r\n", "\n")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def clean(paragraph, book):
    text = re.sub(r"\s*\n\s*", " ", paragraph)
    text = re.sub(r"\[(Pg|CAS\.)[^\]]*\]", "", text)
    text = re.sub(r"\s?\[\d+\]", "", text)
    # Footnote numbers glued to a word or its punctuation ("Physcus,126", "Heliadæ136").
    text = re.sub(r"(?<=[^\W\d_]|[,.;:’”])\d{1,4}(?=[\s,.;:)—]|$)", "", text)
    # Footnote numbers standing alone after a word ("Gyges also, 13 as soon"), but not a chapter number opening the paragraph.
    text = re.sub(r"(?<=[^\W\d_][,;:]) \d{1,3}(?= [a-z])", "", text)
    text = re.sub(r"(?<=[^\W\d_]) \d{1,3}(?=[,.;:])", "", text)
    if book == "herodotus":
        # Macaulay writes numbers in words: a figure after a word or sentence is a note marker ("Syrians 5 and").
        text = re.sub(r"(?<=[^\W\d_]|[,.;:)\"]) \d{1,3}(?= [A-Za-z(]|$)", "", text)
    return re.sub(r"  +", " ", text).strip()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", default=os.path.join(root, "..", "shared", "bench-corpus"))
    parser.add_argument("--out", default=os.path.join(here, "corpus"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cache = {}
    for name, book, title, numbers in ARTICLES:
        if book not in cache:
            cache[book] = paragraphs(os.path.join(args.books, BOOKS[book]))
        body = [clean(cache[book][n], book) for n in numbers]
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(title + "\n\n" + "\n\n".join(body) + "\n")
        print(f"{name}: {len(body)} paragraphs, {sum(len(b) for b in body)} chars")


if __name__ == "__main__":
    main()
