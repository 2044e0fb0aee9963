"""Time `geo build --no-map` on the default corpus (warm gazetteer cache) and on a synthetic 10 MB
corpus made from the plain-text documents with shifted years. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_build.py [--mb 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import settings  # noqa: E402
from geo.api import build  # noqa: E402
from geo.pipeline import write_outputs  # noqa: E402

YEAR = re.compile(r"\b(20(?:1[0-9]|2[0-5]))\b")


def timed_build(paths: list[Path], out: Path) -> tuple[float, dict[str, float], int]:
    t0 = time.perf_counter()
    atlas = build(paths, cache=False, workers=1)      # every document computed, in this process
    t1 = time.perf_counter()
    write_outputs(atlas, out, with_map=False)
    total = time.perf_counter() - t0
    stages = dict(atlas.timings, write=time.perf_counter() - t1)
    return total, stages, len(atlas.events)


def synthetic_corpus(folder: Path, megabytes: float) -> list[Path]:
    """Plain-text copies of the corpus articles, years shifted per copy so events do not all merge."""
    sources = [p for p in sorted(settings.CORPUS_DIR.glob("*.txt"))
               if p.name.startswith(("000_", "002_", "004_"))]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    target = int(megabytes * 1024 * 1024)
    written, size, copy = [], 0, 0
    while size < target:
        shift = copy % 8
        for name, text in zip((p.stem for p in sources), texts):
            body = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
            path = folder / f"{name}_copy{copy:03d}.txt"
            path.write_text(body, encoding="utf-8")
            written.append(path)
            size += len(body.encode("utf-8"))
            if size >= target:
                break
        copy += 1
    return written


def report(label: str, runs: list[tuple[float, dict[str, float], int]], size: int) -> None:
    totals = [r[0] for r in runs]
    best = min(runs, key=lambda r: r[0])
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in best[1].items())
    print(f"{label}: {size / 1e6:.2f} MB, {best[2]} events; best {min(totals):.2f}s, "
          f"median {statistics.median(totals):.2f}s over {len(totals)} run(s)")
    print(f"  stages (best run): {stages}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the synthetic corpus (MB)")
    parser.add_argument("--runs", type=int, default=3, help="runs on the default corpus")
    args = parser.parse_args()
    corpus = [settings.CORPUS_DIR]
    corpus_size = sum(p.stat().st_size for p in settings.CORPUS_DIR.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        t0 = time.perf_counter()
        build(corpus, cache=False)         # warm: gazetteer cache, imports, lexicons
        print(f"warm-up build (cache, imports): {time.perf_counter() - t0:.2f}s")
        runs = [timed_build(corpus, tmp_path / f"out{i}") for i in range(args.runs)]
        report("default corpus, geo build --no-map (warm, in process)", runs, corpus_size)
        walls = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "geo", "build", "--no-map", "--out", str(tmp_path / "cli")],
                           check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - t0)
        print(f"default corpus, `python -m geo build --no-map` wall clock incl. start-up and imports: "
              f"best {min(walls):.2f}s, median {statistics.median(walls):.2f}s")
        docs = tmp_path / "synthetic"
        docs.mkdir()
        files = synthetic_corpus(docs, args.mb)
        size = sum(p.stat().st_size for p in files)
        big = [timed_build([docs], tmp_path / "big")]
        report(f"synthetic corpus ({len(files)} files), geo build --no-map", big, size)
        print(f"  throughput: {size / 1e6 / big[0][0]:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
