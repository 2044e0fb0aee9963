"""Speed and scale figures of issue 11. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_scale.py [--news-mb 2] [--docs 1000] [--skip cold,wiki,...]

- corpus: `python -m geo build` on the default corpus, cold (an empty cache folder: gazetteer
  and basemap built) and warm (with and without the map); targets < 20 s and < 2 s.
- wiki / news: end-to-end throughput with one worker (in this process, no result cache) and
  with 2 worker processes, on the 42 articles of ../shared/eval/wiki-dev/ (said so when absent)
  and on a synthetic news archive (benchmarks/newsgen.py); targets >= 1 MB/s and >= 1.8x.
- incremental: a `--docs`-report archive built once, then one report added: the rebuild from
  the command line (target < 5 s).
Wall times on a shared machine swing; CPU seconds of the stages are printed beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from newsgen import write_archive  # noqa: E402

from geo import api, settings  # noqa: E402
from geo.pipeline import write_outputs  # noqa: E402
from geo.render import pagecache  # noqa: E402

WIKI = ROOT.parent / "shared" / "eval" / "wiki-dev"


CPU_OF_LAST: list[float] = []    # CPU seconds of each `cli` run (the build and its workers)


def cli(args: list[str], env: dict | None = None) -> float:
    """Wall seconds of one `geo build`; its CPU seconds go to CPU_OF_LAST."""
    cpu0 = _cpu_children()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "build", "-q", *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    CPU_OF_LAST.append(_cpu_children() - cpu0)
    return time.perf_counter() - t0


def _cpu_children() -> float:
    import resource

    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def corpus_figures(tmp: Path, runs: int, cold: bool) -> None:
    out = str(tmp / "corpus-out")
    if cold:
        took = cli(["--out", out], {"GEO_CACHE_DIR": str(tmp / "cold-cache")})
        print(f"corpus, cold (empty cache folder: gazetteer, basemap, results): {took:.1f}s "
              f"(cpu {CPU_OF_LAST[-1]:.1f}s)  [target < 20 s]")
    cli(["--out", out])                                   # make sure the cache is warm
    with_map = [cli(["--out", out]) for _ in range(runs)]
    map_cpu = min(CPU_OF_LAST[-runs:])
    no_map = [cli(["--out", out, "--no-map"]) for _ in range(runs)]
    print(f"corpus, warm, with the map: best {min(with_map):.2f}s, median {statistics.median(with_map):.2f}s "
          f"(cpu {map_cpu:.2f}s)  [target < 2 s]; without the map: best {min(no_map):.2f}s "
          f"(cpu {min(CPU_OF_LAST[-runs:]):.2f}s)")
    # The same map inputs reuse the last page (geo.render.pagecache); rendered afresh it costs:
    for suffix in ("", "-wal", "-shm"):
        Path(str(pagecache.cache_path()) + suffix).unlink(missing_ok=True)
    fresh = cli(["--out", out])
    print(f"corpus, warm, the map rendered afresh (page cache emptied): {fresh:.2f}s (cpu {CPU_OF_LAST[-1]:.2f}s)")


def throughput(label: str, paths: list[Path], tmp: Path) -> None:
    size = sum(p.stat().st_size for folder in paths for p in folder.rglob("*") if p.is_file())
    first = next(p for p in sorted(paths[0].iterdir()) if p.is_file())
    api.build([first], cache=False, workers=1)            # warm-up: imports, gazetteer, lexicons
    walls = {}
    for workers in (1, 2):
        cpu0 = _cpu()
        t0 = time.perf_counter()
        atlas = api.build(paths, cache=False, workers=workers, scheduler=None)
        write_outputs(atlas, tmp / f"out-{label}-{workers}", with_map=False)
        walls[workers] = time.perf_counter() - t0
        stages = ", ".join(f"{k.strip()} {v:.1f}s" for k, v in atlas.timings.items())
        print(f"{label}, {workers} worker(s): {size / 1e6:.2f} MB, {len(atlas.documents)} docs, "
              f"{len(atlas.event_records)} events in {walls[workers]:.1f}s = {size / 1e6 / walls[workers]:.3f} MB/s "
              f"(cpu {_cpu() - cpu0:.1f}s)  [target >= 1 MB/s on one]")
        print(f"  stages: {stages}")
    print(f"{label}: speed-up with 2 workers {walls[1] / walls[2]:.2f}x  [target >= 1.8x]")


def _cpu() -> float:
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def incremental(tmp: Path, docs: int) -> None:
    folder = tmp / "incremental"
    write_archive(folder, 0, documents=docs, seed=5)
    size = sum(p.stat().st_size for p in folder.iterdir())
    out = str(tmp / "incremental-out")
    first = cli([str(folder), "--out", out, "--no-map"])
    again = cli([str(folder), "--out", out, "--no-map"])
    write_archive(folder, 0, documents=1, seed=6, start=docs)
    added = cli([str(folder), "--out", out, "--no-map"])
    write_archive(folder, 0, documents=1, seed=7, start=docs + 1)
    added_map = cli([str(folder), "--out", out])
    cpu = CPU_OF_LAST[-4:]
    print(f"incremental: {docs} reports ({size / 1e6:.1f} MB): first build {first:.1f}s (cpu {cpu[0]:.1f}s), "
          f"unchanged {again:.1f}s (cpu {cpu[1]:.1f}s), one report added {added:.1f}s (cpu {cpu[2]:.1f}s) "
          f"without the map, {added_map:.1f}s (cpu {cpu[3]:.1f}s) with it  [target < 5 s]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news-mb", type=float, default=2.0, help="synthetic news size (MB)")
    parser.add_argument("--docs", type=int, default=1000, help="reports in the incremental archive")
    parser.add_argument("--runs", type=int, default=3, help="warm corpus runs")
    parser.add_argument("--skip", default="", help="comma-separated: cold, corpus, wiki, news, incremental")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "corpus" not in skip:
            corpus_figures(tmp, args.runs, "cold" not in skip)
        if "wiki" not in skip:
            if WIKI.is_dir():
                throughput("wiki-dev (42 articles)", [WIKI], tmp)
            else:
                print(f"wiki-dev: ../shared/eval/wiki-dev/ is absent ({WIKI}): no figure")
        if "news" not in skip:
            news = tmp / "news"
            write_archive(news, args.news_mb)
            throughput(f"synthetic news ({args.news_mb:g} MB)", [news], tmp)
        if "incremental" not in skip:
            incremental(tmp, args.docs)
    print(f"(cache folder: {settings.CACHE_DIR})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
