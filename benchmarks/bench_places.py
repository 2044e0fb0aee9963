"""Benchmark the places stage: gazetteer build/load/lookup, and recognition+resolution
throughput on the default corpus and on synthetic news text, against geotext on the same text.

Usage: python benchmarks/bench_places.py [--mb 50] [--rebuild] [--lookups-only [--repeat 5]]
                                        [--store-only] [--no-store]

The gazetteer's storage figures come first (--store-only: only them): a cold build into an
empty cache folder and a warm load, each in a fresh process, and the cache's size on disk.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geo
from geo import settings
from geo.places import cache, find_mentions_in_text, load_gazetteer

SENTENCES = [
    "Coalition aircraft struck ISIL positions near {a} and {b} on Tuesday, officials said.",
    "The {n} government said troops had retaken {a} after heavy fighting.",
    "Thousands of civilians fled {a} towards {b}, according to the United Nations.",
    "Officials in {a} said the market would reopen next week despite the protests.",
    "A spokesman for the ministry said that talks between {n} and {m} would continue in {a}.",
    "Prices rose sharply in {a} as the storm moved towards the coast of {n}.",
    "The company opened a new office in {a}, its third after {b} and {c}.",
]
# news prose is mostly sentences without place names (GeoWebNews: about one toponym per
# 300 characters); this text keeps one per ~120 characters, denser than real news
FILLER = [
    "The minister told reporters that the new measures would be announced after the meeting.",
    "Analysts said the decision was likely to face strong opposition from several parties.",
    "It was not immediately clear how many people had been affected by the changes.",
    "The report, which was published on Monday, found that costs had risen for a third year.",
    "Officials declined to comment on the details of the agreement, citing security concerns.",
    "Most of those interviewed said they expected the situation to improve within months.",
]
TOWNS = ["Mosul", "Baghdad", "Erbil", "Raqqa", "Aleppo", "Paris", "London", "Berlin", "Toronto",
         "Kirkuk", "Tikrit", "Fallujah", "Ramadi", "Sinjar", "Kobani", "Damascus", "Amman",
         "Ankara", "Tehran", "Beirut", "Cairo", "Tripoli", "Lagos", "Nairobi", "Chicago", "Houston",
         "Sydney", "Mumbai", "Karachi", "Kabul", "Istanbul", "Moscow", "Kyiv", "Warsaw", "Rome"]
NATIONS = ["Iraq", "Syria", "Turkey", "Iran", "Jordan", "France", "Germany", "Canada", "Nigeria",
           "Egypt", "India", "Russia", "Brazil", "Mexico", "Kenya", "Australia"]


def synthetic(mb: float, seed: int = 1, place_share: float = 0.5) -> str:
    """Paragraphs of news-like sentences; `place_share` of them name places (0.5: one
    mention per ~80 characters; 0.135: one per ~300, GeoWebNews' density)."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < mb * 1_000_000:
        para = " ".join(rng.choice(SENTENCES).format(a=rng.choice(TOWNS), b=rng.choice(TOWNS),
                                                      c=rng.choice(TOWNS), n=rng.choice(NATIONS),
                                                      m=rng.choice(NATIONS))
                        if rng.random() < place_share else rng.choice(FILLER) for _ in range(6))
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)


def run_ours(text: str, gazetteer, chunk: int = 200_000) -> int:
    """Recognise+resolve article-sized chunks (documents), as the pipeline does."""
    count = 0
    for i in range(0, len(text), chunk):
        count += len(find_mentions_in_text(text[i:i + chunk], gazetteer))
    return count


def run_geotext(text: str, chunk: int = 200_000) -> int:
    from geotext import GeoText
    count = 0
    for i in range(0, len(text), chunk):
        g = GeoText(text[i:i + chunk])
        count += len(g.cities) + len(g.countries)
    return count


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def cpu_timed(fn, *args):
    """CPU seconds of this process: fairer than wall time on a shared machine."""
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def distinct_names() -> list[str]:
    """The ~34k names of GeoNames cities15000, each once (the cold lookup test)."""
    import json

    from geo.places.sources import geonames_dir
    with open(geonames_dir() / "cities15000.json", encoding="utf-8") as handle:
        return [rec["name"] for rec in json.load(handle).values()]


def _cold_run(_: int) -> tuple[float, float]:
    """In a fresh process (nothing cached, not even fold.canonical's memo): the CPU time of
    loading the gazetteer and of looking up every distinct name once."""
    load_gazetteer()  # builds the cache if needed; the next load is the measured one
    names = distinct_names()
    gaz, load = cpu_timed(lambda: load_gazetteer(reuse=False))
    _, t = cpu_timed(lambda: [gaz.lookup(n) for n in names])
    return load, len(names) / t


def lookups_only(repeat: int) -> None:
    """Cold lookups per second (CPU time), best and all of `repeat` fresh processes."""
    import multiprocessing
    load_gazetteer()  # build once here, not in the workers
    ctx = multiprocessing.get_context("spawn")
    runs = []
    for i in range(repeat):  # one worker at a time: runs must not compete for the cores
        with ctx.Pool(1) as pool:
            runs.append(pool.map(_cold_run, [i])[0])
    rates = sorted(rate for _, rate in runs)
    loads = sorted(load for load, _ in runs)
    print(f"cold lookups (distinct GeoNames names, CPU time, {repeat} fresh processes): "
          f"best {rates[-1]:,.0f}/s, median {rates[len(rates) // 2]:,.0f}/s, "
          f"worst {rates[0]:,.0f}/s; load best {loads[0] * 1000:.0f} ms")


# run in a fresh process: the figures of a first run (cold: nothing cached on disk) or of a
# later one (warm); children are the build's forked workers
_FRESH_RUN = """
import resource, time
started = time.perf_counter()
from geo.places import load_gazetteer
imported = time.perf_counter()
gazetteer = load_gazetteer()
loaded = time.perf_counter()
gazetteer.automaton(); gazetteer.caps_only()
done = time.perf_counter()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{done - imported:.2f} s wall ({loaded - imported:.2f} s checks and tables, "
      f"{done - loaded:.2f} s automaton; imports before: {imported - started:.2f} s); "
      f"CPU {me.ru_utime + me.ru_stime:.1f} s, workers {kids.ru_utime + kids.ru_stime:.1f} s; "
      f"peak memory {me.ru_maxrss / 1024:.0f} MB, workers {kids.ru_maxrss / 1024:.0f} MB")
"""


def storage_figures() -> None:
    """Cold build and warm load of the gazetteer cache, each in a fresh process, and the
    cache's size; machine-wide load is printed too (other work slows the wall times)."""
    folder = tempfile.mkdtemp(prefix="bench-gazetteer-")
    # the same geo as this script's, whatever the working folder
    env = dict(os.environ, GEO_CACHE_DIR=folder, PYTHONPATH=str(Path(geo.__file__).parents[1]))
    command = [sys.executable, "-c", _FRESH_RUN]
    print(f"gazetteer storage (fresh processes, GEO_CACHE_DIR={folder}, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    try:
        for label in ("cold build", "warm load", "warm load again"):
            run = subprocess.run(command, env=env, capture_output=True, text=True)
            print(f"  {label}: {run.stdout.strip() or run.stderr.strip().splitlines()[-1]}")
        size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
        print(f"  cache size on disk: {size / 1e6:.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50.0, help="synthetic text size in MB")
    parser.add_argument("--rebuild", action="store_true", help="measure a full cache build")
    parser.add_argument("--lookups-only", action="store_true",
                        help="only the cold lookup figure, best of --repeat fresh processes")
    parser.add_argument("--repeat", type=int, default=5, help="runs for --lookups-only")
    parser.add_argument("--store-only", action="store_true", help="only the storage figures")
    parser.add_argument("--no-store", action="store_true", help="skip the storage figures")
    args = parser.parse_args()
    if args.lookups_only:
        lookups_only(args.repeat)
        return
    if not args.no_store:
        storage_figures()
        if args.store_only:
            return
    if args.rebuild:
        shutil.rmtree(cache.cache_path(), ignore_errors=True)
    _, build = timed(load_gazetteer)
    print(f"gazetteer build-or-load (first call): {build:.2f} s")
    gaz, load = timed(lambda: load_gazetteer(reuse=False))
    print(f"gazetteer load (cached): {load * 1000:.0f} ms, {gaz.size} places")
    _, auto = timed(gaz.automaton)
    print(f"automaton load: {auto * 1000:.0f} ms")
    names = ["Mosul", "Irbil", "Al-Qa'im", "Ain al-Asad", "Paris", "Springfield", "Nowhere Qq"] * 30000
    _, t = cpu_timed(lambda: [gaz.lookup(n) for n in names])
    print(f"lookups (7 names repeated, memoised, CPU time): {len(names) / t:,.0f} per second")
    distinct = distinct_names()
    fresh = load_gazetteer(reuse=False)  # a new instance: nothing memoised, every Place built on demand
    _, t = cpu_timed(lambda: [fresh.lookup(n) for n in distinct])
    print(f"lookups ({len(distinct):,} distinct GeoNames names, cold, CPU time): "
          f"{len(distinct) / t:,.0f} per second (best of fresh processes: --lookups-only)")
    _, t = cpu_timed(lambda: [fresh.lookup(n) for n in distinct])
    print(f"lookups (same names again, warm, CPU time): {len(distinct) / t:,.0f} per second")

    del fresh, distinct, names  # the lookup test's 100k places would only burden the GC below
    gc.collect()
    find_mentions_in_text("Warm-up: troops left Mosul for Baghdad.", gaz)  # one-time table loads
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(settings.CORPUS_DIR.glob("*.txt")))
    texts = (("default corpus", corpus), (f"synthetic news {args.mb:g} MB", synthetic(args.mb)),
             (f"synthetic news {args.mb / 5:g} MB at GeoWebNews density",
              synthetic(args.mb / 5, seed=2, place_share=0.135)))
    for label, text in texts:
        mb = len(text.encode("utf-8")) / 1e6
        n, t = cpu_timed(run_ours, text, gaz)
        g, tg = cpu_timed(run_geotext, text)
        print(f"{label} ({mb:.1f} MB, CPU time): geo.places {mb / t:.2f} MB/s ({n} mentions, "
              f"{t:.1f} s); geotext {mb / tg:.2f} MB/s ({g} names, {tg:.1f} s); "
              f"geo.places/geotext speed x{tg / t:.2f}")


if __name__ == "__main__":
    main()
