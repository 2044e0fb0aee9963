"""Time ingestion + date tagging: the default corpus (median of runs) and a synthetic 50 MB file.

Usage: python benchmarks/bench_ingest.py [--runs 5] [--megabytes 50] [--dense-megabytes 10]
The synthetic file repeats the plain-text corpus documents and is streamed with
iter_sentences in chunks of 2000 sentences, each chunk dated, as `geo ingest` does.
A second synthetic file (--dense-megabytes) repeats only the corpus sentences that carry dates,
the worst case for the date tagger. Each synthetic figure is given in wall time and in CPU time
of this process (wall time swings when other jobs share the cores).
Targets (issue 2): the five documents in under 0.5 s, and at least 5 MB/s of text.
The Wikipedia articles in ../shared/eval/wiki-dev/ (Markdown with front matter; development
data beside the project, never copied into it) are read and dated file by file when present.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import settings  # noqa: E402
from geo.ingest import iter_sentences, read_paths  # noqa: E402
from geo.model import Document  # noqa: E402

# The synthetic corpus repeats the plain-text corpus documents (real prose, real date density).
TEXT_DOCS = ("000_5c273f305db20d6c.txt", "002_6c688deb1636444d.txt", "004_514e203b7d281425.txt")


def tagger():
    if importlib.util.find_spec("geo.dates") is None:
        return None
    from geo.dates import tag_document
    return tag_document


def corpus_run(tag) -> tuple[float, int]:
    start = time.perf_counter()
    docs, errors = read_paths([settings.CORPUS_DIR])
    if tag is not None:
        docs = [tag(doc) for doc in docs]
    elapsed = time.perf_counter() - start
    assert not errors, errors
    return elapsed, sum(len(d.sentences) for d in docs)


WIKI_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "wiki-dev"


def folder_run(files: list[Path], tag) -> tuple[float, float]:
    """Read (and date) each file as `geo build` does: (wall seconds, CPU seconds)."""
    from geo.ingest import read_document
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        doc = read_document(path)
        if tag is not None:
            tag(doc)
    return time.perf_counter() - start, time.process_time() - cpu


def wiki_dev(stages, runs: int) -> None:
    files = sorted(WIKI_DEV.glob("*.md")) if WIKI_DEV.is_dir() else []
    if not files:
        print(f"wiki-dev: skipped, development data not found at {WIKI_DEV}")
        return
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    for name, stage_tag in stages:
        folder_run(files, stage_tag)             # warm-up
        walls, cpus = zip(*(folder_run(files, stage_tag) for _ in range(runs)))
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"wiki-dev ({name}): {len(files)} Markdown articles, {megabytes:.2f} MB: median {wall:.2f} s "
              f"wall, {megabytes / wall:.2f} MB/s; {cpu:.2f} s CPU, {megabytes / cpu:.2f} MB/s")


def big_run(path: Path, tag) -> tuple[float, float, int]:
    """Stream the file in chunks of 2000 sentences, dating each chunk (as `geo ingest` does)."""
    shell = Document(id=path.name, path=str(path), title="big", format="text", date=None)
    start, cpu = time.perf_counter(), time.process_time()
    count, chunk = 0, []
    for sentence in iter_sentences(path):
        chunk.append(sentence)
        if len(chunk) >= 2000:
            count += len(tag(replace(shell, sentences=tuple(chunk))).sentences) if tag else len(chunk)
            chunk = []
    if chunk:
        count += len(tag(replace(shell, sentences=tuple(chunk))).sentences) if tag else len(chunk)
    return time.perf_counter() - start, time.process_time() - cpu, count


def write_repeated(path: Path, piece: str, megabytes: int) -> float:
    """Write `piece` over and over until the file holds `megabytes` MB; its size in MB."""
    with path.open("w", encoding="utf-8") as handle:
        size = 0
        while size < megabytes * 1_000_000:
            handle.write(piece + "\n")
            size += len(piece.encode("utf-8")) + 1
    return path.stat().st_size / 1e6


def dated_sentences(tag) -> str:
    """The corpus sentences that carry at least one date, one paragraph each."""
    docs, _ = read_paths([settings.CORPUS_DIR])
    return "\n\n".join(s.text for d in docs for s in tag(d).sentences if s.dates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--dense-megabytes", type=int, default=10)
    args = parser.parse_args()
    tag = tagger()
    label = "ingest + dates" if tag else "ingest only (geo.dates missing)"
    corpus_bytes = sum(p.stat().st_size for p in settings.CORPUS_DIR.glob("*.txt"))
    stages = [(label, tag)] + ([("ingest only", None)] if tag else [])
    for name, stage_tag in stages:
        corpus_run(stage_tag)                 # warm-up: imports, compiled patterns
        times = []
        for _ in range(args.runs):
            elapsed, sentences = corpus_run(stage_tag)
            times.append(elapsed)
        median = statistics.median(times)
        print(f"corpus ({name}): 5 documents, {corpus_bytes / 1e6:.2f} MB, {sentences} sentences: "
              f"median {median:.3f} s over {args.runs} runs (min {min(times):.3f} s), "
              f"{corpus_bytes / 1e6 / median:.1f} MB/s  [target < 0.5 s]")
    wiki_dev(stages, args.runs)
    if args.megabytes <= 0:
        return
    with tempfile.TemporaryDirectory() as tmp:
        piece = "\n".join((settings.CORPUS_DIR / name).read_text(encoding="utf-8") for name in TEXT_DOCS)
        cases = [("synthetic", piece, args.megabytes)]
        if tag is not None and args.dense_megabytes > 0:
            cases.append(("date-dense", dated_sentences(tag), args.dense_megabytes))
        for case, text, size in cases:
            path = Path(tmp) / f"{case}.txt"
            megabytes = write_repeated(path, text, size)
            for name, stage_tag in stages:
                elapsed, cpu, sentences = big_run(path, stage_tag)
                print(f"{case} ({name}): {megabytes:.1f} MB, {sentences} sentences: {elapsed:.2f} s wall, "
                      f"{megabytes / elapsed:.1f} MB/s; {cpu:.2f} s CPU, {megabytes / cpu:.1f} MB/s  "
                      f"[target >= 5 MB/s]")
            path.unlink()


if __name__ == "__main__":
    main()
