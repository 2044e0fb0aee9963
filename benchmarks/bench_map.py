"""Scale benchmark for the atlas: synthetic event sets of 1k, 10k, 100k events → HTML size,
build time, and in headless Chromium (separate process, time limit) the time until the map
signals ready and the time to untick a year and redraw. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_map.py [--sizes 1000,10000,100000] [--timeout 120]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.render import synthetic, write_atlas  # noqa: E402

MEASURE = """
import json, sys
from geo.render.browser import browser_page, open_atlas
with browser_page() as page:
    open_atlas(page, sys.argv[1], timeout_ms=int(sys.argv[2]) * 1000)
    ready = page.evaluate("window.geoAtlasReadyAt")
    drawn = page.evaluate("geoAtlas.visibleCount()")
    untick = page.evaluate('''() => new Promise(done => {
        const box = document.querySelector('input[data-year="2015"]');
        const t0 = performance.now();
        box.click();
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
    })''')
    after = page.evaluate("geoAtlas.visibleCount()")
    retick = page.evaluate('''() => new Promise(done => {
        const box = document.querySelector('input[data-year="2015"]');
        const t0 = performance.now();
        box.click();
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
    })''')
    timings = page.evaluate("window.geoAtlasTimings")
    print(json.dumps({"timings": timings, "ready_ms": ready, "drawn": drawn, "untick_ms": untick,
                      "after_untick": after, "retick_ms": retick, "errors": page.geo_errors}))
"""


def measure(path: Path, timeout: int) -> dict:
    """Open the atlas in Chromium in a child process, killed after `timeout` seconds."""
    try:
        done = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(timeout)],
                              capture_output=True, text=True, timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout + 30} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per browser run")
    args = parser.parse_args()
    print(f"{'events':>8} {'build s':>8} {'HTML MB':>8} {'ready s':>8} {'untick s':>9} "
          f"{'retick s':>9} {'drawn':>8} {'after':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            events = synthetic.events_frame(n, seed=n)
            t0 = time.perf_counter()
            path = write_atlas(Path(tmp) / f"atlas_{n}.html", events, synthetic.bases_frame(),
                               synthetic.territory_frame(), synthetic.involvement_frame())
            build = time.perf_counter() - t0
            size = path.stat().st_size / 1e6
            m = measure(path, args.timeout)
            if "error" in m:
                print(f"{n:>8} {build:>8.2f} {size:>8.2f}  browser: {m['error']}")
                continue
            print(f"{n:>8} {build:>8.2f} {size:>8.2f} {m['ready_ms'] / 1000:>8.2f} "
                  f"{m['untick_ms'] / 1000:>9.3f} {m['retick_ms'] / 1000:>9.3f} {m['drawn']:>8} "
                  f"{m['after_untick']:>8}  " + " ".join(f"{k}={v / 1000:.2f}" for k, v in m["timings"].items()) + (f"  console errors: {m['errors']}" if m["errors"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
