"""`socialroadmap bench engine`: the engine's figures beside baselines, in one run.

Figures, not tests: speed depends on the machine, so every figure is printed beside a
baseline measured in the same run on the same posts. Reads the labelled data in place
(``--data``, default ``../shared/data/sentiment``); nothing is copied.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import click

LABELS = ("negative", "neutral", "positive")


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label in LABELS:
                rows.append((text, label))
    return rows


def macro(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """Macro-F1 and macro-recall over the labels present in ``gold``."""
    f1s, recalls = [], []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        recalls.append(recall)
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(f1s) / len(f1s), sum(recalls) / len(recalls)


def by_sign(value: float, threshold: float) -> str:
    return "positive" if value > threshold else "negative" if value < -threshold else "neutral"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f} posts/s" if seconds > 0 else "n/a"


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def top_words(texts: Iterable[str], n: int) -> list[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in re.findall(r"[a-z]{4,}", text.lower()))
    return [word for word, _ in counts.most_common(n)]


def make_queries(words: Sequence[str], n: int) -> list[tuple[str, str]]:
    """Brand-like queries: a word or its hashtag, some with an exclusion."""
    queries = []
    for i in range(n):
        word, other = words[i % len(words)], words[(i * 7 + 3) % len(words)]
        query = f"{word}{i} OR #{word}" if i % 3 else f"{word} AND NOT {other}"
        queries.append((f"q{i}", query))
    return queries


def naive_terms(query: str) -> list[re.Pattern[str]]:
    words = [w for w in re.findall(r"[#\w]+", query) if w not in {"OR", "AND", "NOT"}]
    return [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in words]


@click.group()
def bench() -> None:
    """Benchmarks: figures beside baselines measured in the same run."""


@bench.command("engine")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/data/sentiment"),
    show_default=True,
)
@click.option("--posts", default=20_000, show_default=True, help="Posts for the speed runs.")
@click.option(
    "--stream-posts",
    default=1_000_000,
    show_default=True,
    help="Posts streamed through `analyze` for peak memory (0: skip).",
)
@click.option("--workers", default=os.cpu_count() or 1, show_default=True)
def engine(data_dir: Path, posts: int, stream_posts: int, workers: int) -> None:
    """Speed, memory and accuracy of the listening engine beside VADER and TextBlob."""
    from socialroadmap.engine.pipeline import (
        BATCH_SIZE,
        Analyzer,
        WorkerPool,
        run_serial,
        settle,
    )
    from socialroadmap.engine.posts import Post
    from socialroadmap.engine.query import Matcher
    from socialroadmap.engine.sentiment import analyze

    try:
        english = read_tsv(data_dir / "en" / "tweeteval_val.tsv")
        dutch = read_tsv(data_dir / "nl" / "political_tweets_train.tsv") + read_tsv(
            data_dir / "nl" / "absa16_restaurants_train.tsv"
        )
        dutch_heldout = read_tsv(data_dir / "nl" / "xed_subtitles_dev.tsv")
    except OSError as error:
        click.echo(
            f"error: cannot read the labelled data in {data_dir}: {error.strerror}", err=True
        )
        sys.exit(1)
    texts = [t for t, _ in english] + [t for t, _ in dutch]
    sets = speed_sets(data_dir, posts // 2)
    sample = sets["English"] + sets["Dutch"]
    queries = make_queries(top_words(texts, 400), 100)
    click.echo(
        f"Speed (posts/s) on {len(sets['English']):,} English and {len(sets['Dutch']):,} Dutch "
        "posts, each seen once (SemEval tweets; Dutch tweets, reviews, headlines, subtitles)"
    )
    click.echo(f"  {'':44} {'English':>10} {'Dutch':>10} {'both':>10}")
    as_lines = {name: ndjson(texts) for name, texts in sets.items()}

    analyzer = Analyzer(queries)
    analyzer.detector.detect("Koffiebranderij opent vestiging")  # load the fallback model
    settle()  # as `socialroadmap analyze` does once its models are loaded

    def fresh() -> None:
        cold()
        analyzer.detector.scanner.clear()

    # The whole pipeline as `analyze` runs it: parse, analyse, write NDJSON lines.
    row(
        "analyze pipeline, 1 worker (100 queries)",
        sets,
        lambda name: drain(run_serial(analyzer, as_lines[name], encoded=True)),
        fresh,
    )
    start = time.perf_counter()
    with WorkerPool(workers, queries) as pool:
        drain(pool.run(ndjson(texts[: 2 * workers * BATCH_SIZE])))  # every worker has loaded
        started = time.perf_counter() - start
        # Each worker has seen a few hundred other posts; the sets are new to them.
        row(
            f"analyze pipeline, {workers} workers (started in {started:.1f} s)",
            sets,
            lambda name: drain(pool.run(as_lines[name], encoded=True)),
            repeat=1,
        )
    row(
        "sentiment alone",
        sets,
        lambda name: [analyze(t, "en" if name == "English" else "nl") for t in sets[name]],
    )
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        click.echo("  VADER alone: not installed (pip install '.[dev]')")
        vader = None
    else:
        vader = SentimentIntensityAnalyzer()
        row(
            "VADER alone (baseline)",
            sets,
            lambda name: [vader.polarity_scores(t) for t in sets[name]],
        )

    click.echo("Query matching (posts/s), one matcher beside a regex loop per query")
    records = [Post.from_mapping({"id": str(i), "text": t}) for i, t in enumerate(sample)]
    words = top_words(texts, 1200)
    for count in (1, 100, 1000):
        seconds = match_seconds(Matcher(make_queries(words, count)), records)
        few = sample[: max(200, len(sample) // max(1, count // 10))]
        naive = regex_loop_seconds([naive_terms(q) for _, q in make_queries(words, count)], few)
        click.echo(
            f"  {count:>5} queries: matcher {rate(len(records), seconds)} | "
            f"regex loop {rate(len(few), naive)}"
        )

    click.echo("Language of the posts of the speed run (they are English or Dutch)")
    language_accuracy(sets)

    if stream_posts:
        click.echo(f"Peak memory streaming {stream_posts:,} posts through `socialroadmap analyze`")
        every = speed_sets(data_dir, 10**9)
        peak = stream_peak_memory(every["English"] + every["Dutch"], stream_posts)
        click.echo(f"  peak resident memory of the analyze process: {peak / 1024:,.0f} MB")

    click.echo("Accuracy (macro-F1 / macro-recall)")
    accuracy(english, dutch, dutch_heldout, vader, analyze, data_dir)


def speed_sets(data_dir: Path, size: int) -> dict[str, list[str]]:
    """Distinct English and Dutch posts, ``size`` of each where the data has them."""
    english = read_tsv(data_dir / "en" / "semeval2013-2016_train.tsv")
    dutch: list[tuple[str, str]] = []
    for name in ("political_tweets", "absa16_restaurants", "ecosent_headlines", "xed_subtitles"):
        dutch += read_tsv(data_dir / "nl" / f"{name}_train.tsv")
    return {
        "English": list(dict.fromkeys(t for t, _ in english))[:size],
        "Dutch": list(dict.fromkeys(t for t, _ in dutch))[:size],
    }


def ndjson(texts: Sequence[str]) -> list[bytes]:
    return [json.dumps({"id": str(i), "text": t}).encode() + b"\n" for i, t in enumerate(texts)]


def cold() -> None:
    """Forget every token the engine has seen, so each timed run sees unseen posts."""
    from socialroadmap.engine.scan import clear_caches
    from socialroadmap.engine.sentiment import load_model

    clear_caches()
    for lang in ("en", "nl"):
        load_model(lang).clear_caches()


def best_of(function: Callable[[], object], before: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` timed runs, ``before`` run (untimed) ahead of each:
    the least disturbed by whatever else the machine is doing.
    """
    times = []
    for _ in range(repeat):
        before()
        times.append(timed(function))
    return min(times)


def row(
    label: str,
    sets: dict[str, list[str]],
    run: Callable[[str], object],
    before: Callable[[], object] = cold,
    repeat: int = 3,
) -> None:
    """One line of speed figures: each set, then both together."""
    seconds = {name: best_of(partial(run, name), before, repeat) for name in sets}
    counts = {name: len(texts) for name, texts in sets.items()}
    figures = [counts[n] / seconds[n] for n in sets]
    figures.append(sum(counts.values()) / sum(seconds.values()))
    click.echo(f"  {label:<44} " + " ".join(f"{f:>10,.0f}" for f in figures))


def drain(items: Iterable[object]) -> None:
    """Consume an iterator, keeping nothing (as a writer that streams to a file)."""
    deque(items, maxlen=0)


def language_accuracy(sets: dict[str, list[str]]) -> None:
    """Share decided by function words, and accuracy with each lingua fallback."""
    from socialroadmap.engine.language import LanguageDetector

    truth = {"English": "en", "Dutch": "nl"}
    fast, accurate = LanguageDetector(), LanguageDetector(accurate=True)
    decided = right_fast = right_accurate = total = 0
    for name, texts in sets.items():
        for text in texts:
            scanned = fast.scanner.scan(text)
            total += 1
            decided += fast.decide(scanned.hits) is not None
            right_fast += fast.detect_scanned(scanned) == truth[name]
            right_accurate += accurate.detect(text) == truth[name]
    click.echo(f"  decided by function words alone            {decided / total:>9.1%}")
    click.echo(f"  right, lingua low-accuracy fallback (default) {right_fast / total:>6.1%}")
    click.echo(f"  right, lingua full fallback (accurate=True)   {right_accurate / total:>6.1%}")


def match_seconds(matcher: Any, records: Sequence[Any]) -> float:
    """Scanning and matching posts the matcher has not seen, best of three."""
    return best_of(lambda: [matcher.match(p) for p in records], cold, 3)


def regex_loop_seconds(regexes: Sequence[Sequence[re.Pattern[str]]], texts: Sequence[str]) -> float:
    """The naive way: every query's regexes tried on every post."""
    return timed(lambda: [[any(x.search(t) for x in q) for q in regexes] for t in texts])


def stream_peak_memory(texts: Sequence[str], count: int) -> int:
    """Peak RSS (KiB) of an `analyze` process fed ``count`` posts through a pipe.

    Read from the child's own ``VmHWM`` while it runs: its rusage figure would also
    count the moment between fork and exec, when it still had this (large) process's
    memory.
    """
    command = [sys.executable, "-m", "socialroadmap", "analyze", "-", os.devnull]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)  # noqa: S603 - our own command
    assert process.stdin is not None  # noqa: S101 - PIPE was asked for
    peak = 0
    for i, text in enumerate(islice(cycle(texts), count)):
        process.stdin.write(json.dumps({"id": str(i), "text": text}).encode() + b"\n")
        if i % 20_000 == 0:
            peak = max(peak, high_water_mark(process.pid))
    process.stdin.flush()
    peak = max(peak, high_water_mark(process.pid))
    process.stdin.close()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return peak or usage.ru_maxrss


def high_water_mark(pid: int) -> int:
    """A running process's peak resident memory in KiB (Linux), 0 where unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def accuracy(
    english: list[tuple[str, str]],
    dutch: list[tuple[str, str]],
    dutch_heldout: list[tuple[str, str]],
    vader: Any,
    analyze: Callable[[str, str], Any],
    data_dir: Path,
) -> None:
    rows: list[tuple[str, str, list[tuple[str, str]], Callable[[str], str]]] = [
        ("en", "TweetEval validation", english, lambda t: analyze(t, "en").label),
        (
            "nl",
            "MP tweets + restaurants (training data: see the model card's CV)",
            dutch,
            lambda t: analyze(t, "nl").label,
        ),
        (
            "nl",
            "XED subtitles dev (held out, binary)",
            dutch_heldout,
            lambda t: analyze(t, "nl").label,
        ),
    ]
    for lang, name, data, ours in rows:
        gold = [label for _, label in data]
        texts = [text for text, _ in data]
        f1, recall = macro(gold, [ours(t) for t in texts])
        click.echo(f"  {lang} {name}")
        click.echo(f"      socialroadmap          {f1:.3f} / {recall:.3f}")
        if lang == "en" and vader is not None:
            f1, recall = macro(
                gold, [by_sign(vader.polarity_scores(t)["compound"], 0.05) for t in texts]
            )
            click.echo(f"      VADER                  {f1:.3f} / {recall:.3f}")
        baseline = textblob_baseline(lang, data_dir)
        if baseline is not None:
            f1, recall = macro(gold, [baseline(t) for t in texts])
            name = "TextBlob" if lang == "en" else "TextBlob + pattern nl"
            click.echo(f"      {name:<22} {f1:.3f} / {recall:.3f}")


def textblob_baseline(lang: str, data_dir: Path) -> Callable[[str], str] | None:
    try:
        from textblob import TextBlob
        from textblob._text import Sentiment as PatternSentiment
    except ImportError:
        return None
    if lang == "en":
        return lambda t: by_sign(TextBlob(t).sentiment.polarity, 0.0)
    lexicon = data_dir / "nl" / "lexicons" / "pattern_nl-sentiment.xml"
    if not lexicon.exists():
        return None
    pattern = PatternSentiment(path=str(lexicon), language="nl")
    return lambda t: by_sign(pattern(t)[0], 0.0)


def _register_import_benchmark() -> None:
    from socialroadmap.bench_import import import_bench, import_run
    from socialroadmap.bench_load import load_bench, load_import, load_prepare, load_progress

    bench.add_command(import_bench)
    bench.add_command(import_run)
    for command in (load_bench, load_prepare, load_import, load_progress):
        bench.add_command(command)


_register_import_benchmark()
