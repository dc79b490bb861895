#!/usr/bin/env python3
"""Benchmark: `habitat coverage` against the geopandas peers, on the same data, in one run.

    coverage_bench.py --habitat PATH --shared ../shared [--scale 10] [--repeat 3] [--reference-up-to 10]

Generates the city with shared/bench/gen_city.py (kept in bench-data/ for later runs) at scale 1, 10
and --scale, and times each whole command as a planner would run it: habitat printing the figures,
habitat also writing every output layer (--out), habitat on a project file holding the same layers
(`coverage FILE.gpkg`), reference_coverage.py (the straightforward geopandas analysis; it needs
minutes and ~2 GB at scale 100, so it runs up to --reference-up-to), fast_coverage.py (tuned
shapely) and, the peer of --out, shapely_layers.py (tuned shapely writing the same five files).
Reports per scale the best wall time of --repeat runs, peak memory, the ratios, whether every figure
agrees with the reference (or, where it did not run, with fast_coverage.py) to a relative 1e-9, and
the layers habitat and shapely_layers.py wrote side by side; then how time and memory grow from
scale to scale against the input.
"""
import argparse, json, os, subprocess, sys, tempfile
from common import city, project, timed

FIGURES = "habitat coverage (figures)"
OUT = "habitat coverage --out (figures + 5 files)"
GPKG = "habitat coverage FILE.gpkg (figures)"
REFERENCE = "reference_coverage.py (geopandas)"
FAST = "fast_coverage.py (tuned shapely)"
PEER = "shapely_layers.py (tuned shapely + 5 files)"


def disagreements(ours, reference):
    rows = list(zip(ours["areas"] + [ours["total"]], reference["areas"] + [reference["total"]]))
    problems = []
    for a, b in rows:
        for key in ("residential_m2", "covered_m2"):
            x, y = a[key], b[key]
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)):
                problems.append(f"{a.get('name', 'total')} {key}: {x} vs {y}")
    return problems


def run_scale(a, kit, scale):
    """{command: (seconds, CPU seconds, peak MB, figures)} for one scale, habitat's steps, and the
    layers habitat and the shapely peer wrote, compared."""
    data = city(a.shared, scale)
    layers = ["--parks", f"{data}/parks.geojson", "--residential", f"{data}/residential.geojson",
              "--built-up", f"{data}/built_up.geojson", "--crs", "EPSG:4544"]
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = os.path.join(folder, "habitat"), os.path.join(folder, "shapely")
        commands = {
            FIGURES: [a.habitat, "coverage", *layers, "--format", "json"],
            OUT: [a.habitat, "coverage", *layers, "--format", "json", "--out", ours],
            GPKG: [a.habitat, "coverage", project(a.habitat, data, "city.gpkg"), "--format", "json"],
            FAST: [sys.executable, os.path.join(kit, "fast_coverage.py"), data],
            PEER: [sys.executable, os.path.join(os.path.dirname(__file__), "shapely_layers.py"), data, theirs],
        }
        if scale <= a.reference_up_to:
            commands[REFERENCE] = [sys.executable, os.path.join(kit, "reference_coverage.py"), data]
        results = {}
        for name, command in commands.items():
            # The slow Python peers run once: their minutes dwarf the noise.
            seconds, cpu, peak, output = timed(command, 1 if name in (REFERENCE, PEER) else a.repeat)
            results[name] = (seconds, cpu, peak, json.loads(output))
            print(f"  scale {scale}, {name}: {seconds:.2f} s", file=sys.stderr)
        steps = subprocess.run(commands[FIGURES] + ["--timings"], capture_output=True, text=True,
                               check=True).stderr.splitlines()
        compared = compare_layers(ours, theirs)
    return results, steps, compared


def compare_layers(ours, theirs):
    """Per output layer, for habitat's file and the peer's: features, the sum of area_m2, and how
    many geometries GEOS (shapely) finds invalid as read back."""
    import pyogrio.raw, shapely
    rows = []
    for name in ("service_area", "uncovered_residential", "residential_coverage"):
        row = [name]
        for folder in (ours, theirs):
            _, _, geometries, fields = pyogrio.raw.read(os.path.join(folder, f"{name}.geojson"), columns=["area_m2"])
            geometries = shapely.from_wkb(geometries)
            row.append((len(geometries), float(fields[0].sum()), int((~shapely.is_valid(geometries)).sum())))
        rows.append(row)
    return rows


def report(scale, results, steps, compared):
    judge = results.get(REFERENCE, results[FAST])[3]
    habitat = results[FIGURES][0]
    reference = results.get(REFERENCE, (None,))[0]
    fast = results[FAST][0]
    print(f"\nscale {scale}: {len(judge['areas'])} built-up areas, total coverage {judge['total']['coverage_pct']:.6f} % "
          f"({'reference' if REFERENCE in results else 'fast_coverage.py; the reference did not run'}); "
          f"load average {os.getloadavg()[0]:.2f}\n")
    print(f"{'command':<44} {'wall (s)':>9} {'CPU (s)':>8} {'peak (MB)':>10} {'vs reference':>13} {'vs habitat':>11}  figures")
    for name, (seconds, cpu, memory, output) in results.items():
        problems = disagreements(output, judge)
        verdict = "agree (1e-9)" if not problems else f"DIFFER: {problems[0]}"
        versus = f"{reference / seconds:>12.1f}x" if reference else f"{'—':>13}"
        print(f"{name:<44} {seconds:>9.2f} {cpu:>8.2f} {memory:>10.0f} {versus} {seconds / habitat:>10.2f}x  {verdict}")
    out = results[OUT][0]
    gpkg = results[GPKG][0]
    print(f"\nhabitat (figures): {f'{reference / habitat:.1f}x the reference, ' if reference else ''}"
          f"{fast / habitat:.1f}x fast_coverage.py; --out takes {out / habitat:.2f}x the figures and is "
          f"{results[PEER][0] / out:.1f}x shapely_layers.py writing the same files; "
          f"from the project file {gpkg / habitat:.2f}x from files")
    print("the layers written (features, sum of area_m2 in m², invalid as GEOS reads them back):")
    for name, (count, area, invalid), (peer_count, peer_area, peer_invalid) in compared:
        print(f"  {name:<22} habitat {count:>7} {area:>18.2f} {invalid:>5}   shapely {peer_count:>7} {peer_area:>18.2f} "
              f"{peer_invalid:>5}   area {abs(area - peer_area) / max(abs(peer_area), 1e-300):.1e} apart")
    print("habitat's steps (one more run with --timings: seconds since the start, peak memory so far):")
    for line in steps:
        print(f"  {line}")
    print("targets: ≥ 10x the reference and ≥ 3x fast_coverage.py at scale 10, ≥ 3x fast_coverage.py and ≤ 500 MB "
          "at scale 100, --out ≥ 3x shapely_layers.py, the project file never slower than files")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--habitat", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reference-up-to", type=int, default=10, help="the largest scale to run reference_coverage.py at")
    a = ap.parse_args()
    kit = os.path.join(a.shared, "bench")
    scales = sorted({1, 10, a.scale} if a.scale > 10 else {1, a.scale} if a.scale > 1 else {1})
    measured = {scale: run_scale(a, kit, scale) for scale in scales}
    runs = {scale: results for scale, (results, _, _) in measured.items()}
    for scale in scales:
        report(scale, *measured[scale])

    if len(scales) > 1:
        def features(scale):
            return sum(len(json.load(open(os.path.join("bench-data", f"scale-{scale}", f"{name}.geojson")))["features"])
                       for name in ("parks", "residential"))
        sizes = {scale: features(scale) for scale in scales}
        print("\ngrowth from scale to scale (time and memory should grow no faster than the input):")
        print(f"{'command':<44} {'step':>10} {'input':>7} {'time':>7} {'memory':>7}")
        for name in runs[scales[0]]:
            for small, large in zip(scales, scales[1:]):
                if name in runs[large]:
                    (t0, _, m0, _), (t1, _, m1, _) = runs[small][name], runs[large][name]
                    print(f"{name:<44} {f'{small} → {large}':>10} {sizes[large] / sizes[small]:>6.1f}x "
                          f"{t1 / t0:>6.1f}x {m1 / m0:>6.1f}x")


if __name__ == "__main__":
    main()
