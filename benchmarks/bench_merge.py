"""Time merging on a news archive's worst case: one short report repeated (about 13,000 copies
of a three-sentence report in 2 MB), where every copy tells the same events. Prints the time of
the merge alone, the events it leaves and their source counts, the whole `geo.build` time, and
the time to write the build's files after it (`geo build` is both), each as wall and CPU seconds
(CPU time is the fairer figure on a shared machine; it counts the build's worker processes too).
The build runs without the per-document result cache (every document computed, as on a first
build); `--warm` also times a build that fills a temporary cache and one that reads it back.
Asserts nothing.

    .venv/bin/python benchmarks/bench_merge.py [--mb 2] [--files 1] [--no-build] [--warm]

`--files N` spreads the copies over N documents (the same report in many files).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.actors import load_actors  # noqa: E402
from geo import resultstore  # noqa: E402
from geo.api import build, place_mentions, read_documents  # noqa: E402
from geo.events import Extractor, merge_events, source_count  # noqa: E402
from geo.pipeline import write_outputs  # noqa: E402

REPORT = ("On 3 March 2015, coalition aircraft struck ISIL positions near Mosul. "
          "Another airstrike destroyed an ISIL vehicle near Tal Afar. "
          "Officials in Baghdad said the operation would continue.\n\n")


def write_archive(folder: Path, megabytes: float, files: int) -> list[Path]:
    copies = max(1, int(megabytes * 1024 * 1024 / len(REPORT.encode())))
    per_file = max(1, copies // files)
    paths = []
    for k in range(files):
        path = folder / f"report_{k:05d}.txt"
        path.write_text(REPORT * per_file, encoding="utf-8")
        paths.append(path)
    return paths


def candidates(paths: list[Path]) -> list:
    docs, _ = read_documents(paths)
    mentions = place_mentions(docs)
    by_doc: dict[str, list] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    extractor = Extractor(load_actors())
    return [e for doc in docs for e in extractor.document(doc, by_doc.get(doc.id, []))]


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the build's worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class _Clock:
    """Wall and CPU seconds since the last lap."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def lap(self) -> str:
        wall, cpu = time.perf_counter(), _cpu()
        text = f"{wall - self.wall:.2f} s wall, {cpu - self.cpu:.2f} s CPU"
        self.wall, self.cpu = wall, cpu
        return text


def _time_build(paths: list[Path], clock: _Clock, label: str, cache: bool, out: Path) -> None:
    """`geo build`'s two halves: geo.build (documents, merge, tables in memory), then the files."""
    clock.lap()
    atlas = build(paths, cache=cache)
    total = clock.lap()
    stages = ", ".join(f"{k.strip()} {v:.1f}" for k, v in atlas.timings.items())
    print(f"  {label}: {total}; {atlas.computed} of {len(paths)} document(s) computed "
          f"(wall by stage: {stages})")
    write_outputs(atlas, out)
    print(f"    then writing atlas.html and the tables: {clock.lap()}")


def main() -> int:
    parser = argparse.ArgumentParser(description="merge time on a repeated report")
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--no-build", action="store_true", help="time the merge only")
    parser.add_argument("--warm", action="store_true",
                        help="also time a rebuild that reads every document from the result cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geo-bench-merge-") as folder:
        paths = write_archive(Path(folder), args.mb, args.files)
        size = sum(p.stat().st_size for p in paths) / 1e6
        clock = _Clock()
        raw = candidates(paths)
        stage = clock.lap()
        merged = merge_events(raw)
        merge = clock.lap()
        print(f"repeated report: {size:.2f} MB in {len(paths)} file(s); {len(raw)} event candidates "
              f"(read+places+extract {stage})")
        print(f"  merge: {merge} -> {len(merged)} events, sources "
              f"{sorted(source_count(e) for e in merged)}, refs {sorted(len(e.sources) for e in merged)}")
        if not args.no_build:
            out = Path(folder) / "out"
            _time_build(paths, clock, "geo.build, no result cache", False, out)
            if args.warm:
                # a result cache of its own (not the user's; the gazetteer cache stays shared)
                resultstore.default_path = lambda: Path(folder) / "results.sqlite"
                _time_build(paths, clock, "geo.build, filling a new result cache", True, out)
                _time_build(paths, clock, "geo.build, every document from the cache", True, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
