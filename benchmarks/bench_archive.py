"""Build a synthetic news archive through Dask on a LocalCluster of worker processes and print
time, MB/s and the peak memory of every process (issue 11: < 2 GB each at 1 GB of text).
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_archive.py [--mb 20] [--workers 2] [--folder DIR] [--map]

--folder keeps the generated archive there (and reuses it when it already holds reports).
The result cache is not used (a temporary store), so every document is computed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import write_archive  # noqa: E402


def peak_mb() -> float:
    """Peak resident memory of the calling process (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="archive size in MB (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (default 2)")
    parser.add_argument("--folder", type=Path, default=None, help="keep (or reuse) the archive here")
    parser.add_argument("--map", action="store_true", help="also write atlas.html")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from geo import api
    from geo.pipeline import write_outputs

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "archive"
        t0 = time.perf_counter()
        files = sorted(folder.glob("report_*")) if folder.is_dir() else []
        if not files:
            files = write_archive(folder, args.mb)
        size = sum(p.stat().st_size for p in files)
        print(f"archive: {len(files)} reports, {size / 1e6:.1f} MB in {folder} "
              f"(ready in {time.perf_counter() - t0:.0f}s)", flush=True)
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, memory_limit=0) as cluster, Client(cluster) as client:
            t0 = time.perf_counter()
            atlas = api.build([folder], scheduler=cluster.scheduler_address, cache=False, quiet=False)
            built = time.perf_counter() - t0
            write_outputs(atlas, Path(tmp) / "out", with_map=args.map)
            total = time.perf_counter() - t0
            workers = client.run(peak_mb)
        print(f"built {len(atlas.event_records)} events from {len(atlas.documents)} documents: "
              f"{built:.0f}s to the tables, {total:.0f}s with the files written; "
              f"{size / 1e6 / total:.2f} MB/s on {args.workers} Dask worker processes")
        print("  stages: " + ", ".join(f"{k.strip()} {v:.1f}s" for k, v in atlas.timings.items()))
        print(f"  peak memory: this process (client, scheduler, merge) {peak_mb():.0f} MB; "
              + "; ".join(f"worker {i + 1} {mb:.0f} MB" for i, mb in enumerate(workers.values())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
