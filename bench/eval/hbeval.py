"""Runs question sets through `historybot ask --json` in batch and scores the answers (Python standard library only).

The metrics are the project's (../shared/README.md), computed here from the JSON lines exactly as `historybot eval`
computes them: ansq1, evid1, psg3, falseabs, abstain. Used by cv.py; see bench/eval/README.md.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

QUOTE_CREDIT_CHARS = 300
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def shared_dir():
    """../shared as seen from the repository (a worktree may sit deeper than the main checkout)."""
    if os.environ.get("HISTORYBOT_SHARED"):
        return os.environ["HISTORYBOT_SHARED"]
    for candidate in (os.path.join(REPO, "..", "shared"), os.path.join(REPO, "..", "..", "shared")):
        if os.path.isdir(candidate):
            return os.path.normpath(candidate)
    return os.path.join(REPO, "..", "shared")


def resolve(path):
    if path.startswith("../shared/"):
        return os.path.join(shared_dir(), path[len("../shared/"):])
    return path if os.path.isabs(path) else os.path.join(REPO, path)


# ---------------------------------------------------------------------------------------------------------- metrics

def normalise(text):
    words, run = [], []
    for ch in text.lower():
        if ch.isalnum():
            run.append(ch)
        elif run:
            words.append("".join(run))
            run = []
    if run:
        words.append("".join(run))
    return " ".join(words)


def _contains_words(haystack, needle):
    return len(needle) > 0 and f" {needle} " in f" {haystack} "


def answer_in_quote(quote, answers):
    q = normalise(quote[:QUOTE_CREDIT_CHARS])
    return any(_contains_words(q, normalise(a)) for a in answers)


def evidence_in_quote(quote, evidences):
    tokens = set(normalise(quote[:QUOTE_CREDIT_CHARS]).split())
    for evidence in evidences:
        words = normalise(evidence).split()
        if words and sum(1 for w in words if w in tokens) >= 0.6 * len(words):
            return True
    return False


def evidence_in_passages(passages, evidences):
    normalised = [e for e in (normalise(x) for x in evidences) if e]
    return any(_contains_words(normalise(p), e) for p in passages[:3] for e in normalised)


# ---------------------------------------------------------------------------------------------------------- sets

def load_suite(path=None):
    with open(path or os.path.join(REPO, "bench", "eval", "suite.json"), encoding="utf-8") as f:
        return json.load(f)


def corpus_dir(spec):
    """The set's corpus folder; a list of corpora is copied into one folder (one sub-folder each) under /tmp."""
    corpus = spec["corpus"]
    if isinstance(corpus, str):
        return resolve(corpus)
    key = hashlib.sha1(json.dumps(corpus).encode()).hexdigest()[:12]
    out = os.path.join("/tmp/historybot-eval/corpora", key)
    if not os.path.isdir(out):
        staging = out + ".tmp"
        shutil.rmtree(staging, ignore_errors=True)
        for i, part in enumerate(corpus):
            shutil.copytree(resolve(part), os.path.join(staging, str(i)))
        os.replace(staging, out)
    return out


def corpus_label(spec):
    return spec["corpus"] if isinstance(spec["corpus"], str) else "+".join(spec["corpus"])


def read_questions(spec):
    """The questions of a set, each with the fold it belongs to: its corpus and article ("document")."""
    questions = []
    files = list(spec.get("questions", []))
    if spec.get("silver"):
        files.append(silver_questions(spec))
    if spec.get("swap"):
        files.append(swapped_questions(spec))
    for file in files:
        with open(resolve(file), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    questions.append(json.loads(line))
    documents = sorted({q["document"] for q in questions if q.get("document")}) or [spec.get("document", "corpus")]
    for q in questions:
        doc = q.get("document") or spec.get("document")
        if not doc:
            # An off-topic question belongs to no article: spread them over the set's articles, stably.
            doc = documents[int(hashlib.sha1(q["question"].encode()).hexdigest(), 16) % len(documents)]
        q["_fold"] = f"{corpus_label(spec)}|{doc}"
    return questions


def silver_questions(spec, cache_dir="/tmp/historybot-eval/silver"):
    """Silver questions generated from the set's corpus by silver.py (deterministic), cached by corpus."""
    options = spec["silver"] if isinstance(spec["silver"], dict) else {}
    key = hashlib.sha1(json.dumps([spec["corpus"], options], sort_keys=True).encode()).hexdigest()[:12]
    out = os.path.join(cache_dir, f"silver-{key}.jsonl")
    if not os.path.exists(out):
        os.makedirs(cache_dir, exist_ok=True)
        command = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "silver.py"),
                   "--corpus", corpus_dir(spec), "--out", out]
        for name, value in options.items():
            command += [f"--{name}", str(value)]
        subprocess.run(command, check=True, capture_output=True)
    return out


def swapped_questions(spec, cache_dir="/tmp/historybot-eval/swap"):
    """SQuAD-2-style unanswerable questions made by swap.py from written questions (deterministic), cached."""
    options = spec["swap"]
    key = hashlib.sha1(json.dumps([options, spec["corpus"]], sort_keys=True).encode()).hexdigest()[:12]
    out = os.path.join(cache_dir, f"swap-{key}.jsonl")
    if not os.path.exists(out):
        os.makedirs(cache_dir, exist_ok=True)
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "swap.py")
        command = [sys.executable, script, "--corpus", resolve(options["documents"]), "--out", out,
                   "--questions"] + [resolve(f) for f in options["from"]] + (["--near"] if options.get("near") else [])
        subprocess.run(command, check=True, capture_output=True)
    return out


# ---------------------------------------------------------------------------------------------------------- running

def run_set(name, spec, settings, retrieval, binary, cache_dir, index_root, refresh=False):
    """Answers every question of a set with the given HISTORYBOT_ settings; results are cached by content hash."""
    questions = read_questions(spec)
    key_source = json.dumps(
        [name, spec, sorted(settings.items()), retrieval, _binary_stamp(binary), [q["question"] for q in questions]],
        sort_keys=True)
    key = hashlib.sha1(key_source.encode()).hexdigest()[:16]
    cache = os.path.join(cache_dir, f"{name}-{retrieval}-{key}.jsonl")
    if not refresh and os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    else:
        env = dict(os.environ)
        env.update({f"HISTORYBOT_{k.replace(':', '__')}": str(v) for k, v in settings.items()})
        index = os.path.join(index_root, f"{name}-{retrieval}")
        # Questions are one a line: a newline inside one would split it.
        text = "".join(q["question"].replace("\n", " ") + "\n" for q in questions)
        command = _command(binary) + ["ask", "--json", "--corpus", corpus_dir(spec), "--index", index,
                                      "--retrieval", retrieval]
        done = subprocess.run(command, input=text, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[:2000]}")
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        if len(lines) != len(questions):
            sys.exit(f"{name}: {len(questions)} questions but {len(lines)} answers")
        os.makedirs(cache_dir, exist_ok=True)
        with open(cache, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(line) + "\n" for line in lines)
    return [score(q, a, name, i) for i, (q, a) in enumerate(zip(questions, lines))]


def _command(binary):
    return ["dotnet", binary] if binary.endswith(".dll") else [binary]


def _binary_stamp(binary):
    """Changes whenever the build does: the newest assembly beside the binary (a change to a library alone leaves the
    app's own assembly as it was)."""
    folder = os.path.dirname(os.path.abspath(binary))
    try:
        return max(os.path.getmtime(os.path.join(folder, f)) for f in os.listdir(folder)
                   if f.endswith(".dll") and f.startswith(("historybot", "HistoryBot")))
    except (OSError, ValueError):
        return binary


def score(question, answer, set_name, position):
    quote = (answer.get("answer") or {}).get("quote") or ""
    answered = bool(answer.get("answered"))
    unanswerable = bool(question.get("unanswerable"))
    passages = [p.get("text", "") for p in answer.get("passages") or []]
    answers = question.get("answers") or []
    evidences = question.get("evidences") or []
    return {
        "set": set_name,
        "fold": question["_fold"],
        "question": question["question"],
        "unanswerable": unanswerable,
        "answered": answered,
        "confidence": (answer.get("answer") or {}).get("score"),
        "hit": answered and not unanswerable and answer_in_quote(quote, answers),
        "evid": answered and not unanswerable and evidence_in_quote(quote, evidences),
        "psg": not unanswerable and evidence_in_passages(passages, evidences),
        "has_evidence": bool(evidences),
        "ms": answer.get("elapsedMs"),
        "first": position == 0,
        "quote": quote,
        "gold": answers,
    }


def with_threshold(results, threshold):
    """The results as they would be had the bot declined every answer below `threshold` (needs a run at threshold 0)."""
    out = []
    for r in results:
        if r["answered"] and (r["confidence"] or 0) < threshold:
            r = dict(r, answered=False, hit=False, evid=False)
        out.append(r)
    return out


# ---------------------------------------------------------------------------------------------------------- figures

def _share(items, predicate):
    return sum(1 for x in items if predicate(x)) / len(items) if items else float("nan")


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    rank = p * (len(values) - 1)
    low, high = int(rank), min(int(rank) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def figures(results):
    answerable = [r for r in results if not r["unanswerable"]]
    unanswerable = [r for r in results if r["unanswerable"]]
    with_evidence = [r for r in answerable if r["has_evidence"]]
    warm = [r["ms"] for r in results if r["ms"] is not None and not r["first"]]
    return {
        "n": len(answerable),
        "nu": len(unanswerable),
        "ansq1": _share(answerable, lambda r: r["hit"]),
        "evid1": _share(with_evidence, lambda r: r["evid"]),
        "psg3": _share(with_evidence, lambda r: r["psg"]),
        "falseabs": _share(answerable, lambda r: not r["answered"]),
        "abstain": _share(unanswerable, lambda r: not r["answered"]),
        "median_ms": percentile(warm, 0.5),
        "p95_ms": percentile(warm, 0.95),
        "ece": reliability(results)[1],
    }


def objective(results, weights):
    """Higher is better: ansq1 + a * abstain - f * falseabs, averaged over the sets present (each set counts once)."""
    values = []
    for name in sorted({r["set"] for r in results}):
        f = figures([r for r in results if r["set"] == name])
        value = 0.0 if f["n"] == 0 else f["ansq1"] - weights["falseabs"] * f["falseabs"]
        if f["nu"]:
            value += weights["abstain"] * f["abstain"]
        values.append(value)
    return sum(values) / len(values) if values else float("-inf")


def reliability(results, bins=10):
    """Confidence bins of the answers given -> share right (ansq1; an answered unanswerable question is wrong)."""
    rows = []
    answered = [r for r in results if r["answered"] and r["confidence"] is not None]
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [r for r in answered if low <= r["confidence"] < high or (b == bins - 1 and r["confidence"] >= 1)]
        if inside:
            mean = sum(r["confidence"] for r in inside) / len(inside)
            rows.append((low, high, len(inside), mean, _share(inside, lambda r: r["hit"])))
    total = sum(n for _, _, n, _, _ in rows)
    ece = sum(n * abs(mean - right) for _, _, n, mean, right in rows) / total if total else float("nan")
    return rows, ece


def calibration_detail(results):
    """The ECE of the answers given three ways, to tell a confidence that is off from a population or labels that differ:
    as reported (an answered unanswerable question is wrong), over the answerable questions only (what a set without
    unanswerable questions measures), and right only by the first gold answer (as the single-answer training labels
    count it; development questions carry several annotators' answers)."""
    answerable = [r for r in results if not r["unanswerable"]]
    first = [dict(r, hit=r["hit"] and answer_in_quote(r["quote"], r["gold"][:1])) for r in results]
    return reliability(results)[1], reliability(answerable)[1], reliability(first)[1]


def format_figures(label, f):
    def rate(v):
        return "  n/a" if v != v else f"{v:.3f}"
    return (f"{label:<34} {f['n']:>4} {f['nu']:>4}  {rate(f['ansq1'])}  {rate(f['evid1'])}  {rate(f['psg3'])}"
            f"  {rate(f['falseabs'])}  {rate(f['abstain'])}  {f['median_ms']:6.1f}  {f['p95_ms']:6.1f}  {rate(f['ece'])}")


FIGURES_HEADER = (f"{'set':<34} {'ans':>4} {'unan':>4}  ansq1  evid1  psg3   falseabs abstain  med ms  p95 ms  ECE")


def format_reliability(rows, ece):
    lines = ["confidence    answers  mean conf  right (ansq1)"]
    for low, high, n, mean, right in rows:
        lines.append(f"[{low:.1f}, {high:.1f})  {n:>7}  {mean:9.3f}  {right:13.3f}")
    lines.append(f"expected calibration error: {ece:.3f}")
    return "\n".join(lines)
