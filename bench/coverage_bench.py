#!/usr/bin/env python3
"""Benchmark: `habitat coverage` against the geopandas peers, on the same data, in one run.

    coverage_bench.py --habitat PATH --shared ../shared [--scale 10] [--repeat 3] [--reference-up-to 10]

Generates the city with shared/bench/gen_city.py (kept in bench-data/ for later runs) at scale 1, 10
and --scale, and times each whole command as a planner would run it: habitat printing the figures,
habitat also writing every output layer (--out), habitat on a project file holding the same layers
(`coverage FILE.gpkg`), reference_coverage.py (the straightforward geopandas analysis; it needs
minutes and ~2 GB at scale 100, so it runs up to --reference-up-to) and fast_coverage.py (tuned
shapely). Reports per scale the best wall time of --repeat runs, peak memory, the ratios, and whether
every figure agrees with the reference (or, where it did not run, with fast_coverage.py) to a
relative 1e-9; then how time and memory grow from scale to scale against the input.
"""
import argparse, json, os, subprocess, sys, tempfile, time


def timed(command, repeat):
    """Best wall time and the stdout over `repeat` runs."""
    best, output = None, ""
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        output, errors = process.communicate()
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{errors}")
        best = elapsed if best is None else min(best, elapsed)
    return best, output


def peak_memory_mb(command):
    """Peak resident set of one run, from the kernel's accounting of the child."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


def disagreements(ours, reference):
    rows = list(zip(ours["areas"] + [ours["total"]], reference["areas"] + [reference["total"]]))
    problems = []
    for a, b in rows:
        for key in ("residential_m2", "covered_m2"):
            x, y = a[key], b[key]
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)):
                problems.append(f"{a.get('name', 'total')} {key}: {x} vs {y}")
    return problems


def city(kit, scale):
    """The generated city of `scale`, made on first use."""
    data = os.path.join("bench-data", f"scale-{scale}")
    if not os.path.exists(os.path.join(data, "residential.geojson")):
        print(f"generating the scale-{scale} city in {data} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(kit, "gen_city.py"), "--out", data, "--scale", str(scale)],
                       check=True, stdout=subprocess.DEVNULL)
    return data


def project(habitat, data):
    """A project file holding the city's three layers, imported once."""
    path = os.path.join(data, "city.gpkg")
    if not os.path.exists(path):
        print(f"importing {data} into {path} ...", file=sys.stderr)
        staging = path + ".part"
        if os.path.exists(staging):
            os.remove(staging)
        steps = [["init", staging, "--crs", "EPSG:4544"]] + [
            ["import", staging, layer, f"{data}/{name}.geojson"]
            for layer, name in [("built_up_areas", "built_up"), ("parks", "parks"), ("residential", "residential")]]
        for step in steps:
            subprocess.run([habitat, *step], check=True, stdout=subprocess.DEVNULL)
        os.rename(staging, path)
    return path


def run_scale(a, kit, scale):
    """{command: (seconds, peak MB, figures)} for one scale."""
    data = city(kit, scale)
    layers = ["--parks", f"{data}/parks.geojson", "--residential", f"{data}/residential.geojson",
              "--built-up", f"{data}/built_up.geojson", "--crs", "EPSG:4544"]
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "habitat coverage (figures)": [a.habitat, "coverage", *layers, "--format", "json"],
            "habitat coverage --out (figures + 5 files)": [a.habitat, "coverage", *layers, "--format", "json", "--out", out],
            "habitat coverage FILE.gpkg (figures)": [a.habitat, "coverage", project(a.habitat, data), "--format", "json"],
            "fast_coverage.py (tuned shapely)": [sys.executable, os.path.join(kit, "fast_coverage.py"), data],
        }
        if scale <= a.reference_up_to:
            commands["reference_coverage.py (geopandas)"] = [sys.executable, os.path.join(kit, "reference_coverage.py"), data]
        results = {}
        for name, command in commands.items():
            repeat = 1 if name.startswith("reference") else a.repeat
            seconds, output = timed(command, repeat)
            results[name] = (seconds, peak_memory_mb(command), json.loads(output))
            print(f"  scale {scale}, {name}: {seconds:.2f} s", file=sys.stderr)
    return results


def report(scale, results):
    reference_name = "reference_coverage.py (geopandas)"
    fast_name = "fast_coverage.py (tuned shapely)"
    judge = results.get(reference_name, results[fast_name])[2]
    habitat = results["habitat coverage (figures)"][0]
    reference = results.get(reference_name, (None,))[0]
    fast = results[fast_name][0]
    print(f"\nscale {scale}: {len(judge['areas'])} built-up areas, total coverage {judge['total']['coverage_pct']:.6f} % "
          f"({'reference' if reference_name in results else 'fast_coverage.py; the reference did not run'}); "
          f"load average {os.getloadavg()[0]:.2f}\n")
    print(f"{'command':<44} {'wall (s)':>9} {'peak (MB)':>10} {'vs reference':>13} {'vs habitat':>11}  figures")
    for name, (seconds, memory, output) in results.items():
        problems = disagreements(output, judge)
        verdict = "agree (1e-9)" if not problems else f"DIFFER: {problems[0]}"
        versus = f"{reference / seconds:>12.1f}x" if reference else f"{'—':>13}"
        print(f"{name:<44} {seconds:>9.2f} {memory:>10.0f} {versus} {seconds / habitat:>10.2f}x  {verdict}")
    out = results["habitat coverage --out (figures + 5 files)"][0]
    gpkg = results["habitat coverage FILE.gpkg (figures)"][0]
    print(f"\nhabitat (figures): {f'{reference / habitat:.1f}x the reference, ' if reference else ''}"
          f"{fast / habitat:.1f}x fast_coverage.py; --out takes {out / habitat:.2f}x the figures; "
          f"from the project file {gpkg / habitat:.2f}x from files")
    print("targets: ≥ 10x the reference and ≥ 3x fast_coverage.py at scale 10, ≥ 3x fast_coverage.py and ≤ 500 MB "
          "at scale 100, --out ≤ 1.5x the figures, the project file never slower than files")


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
    runs = {scale: run_scale(a, kit, scale) for scale in scales}
    for scale in scales:
        report(scale, runs[scale])

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
                    (t0, m0, _), (t1, m1, _) = runs[small][name], runs[large][name]
                    print(f"{name:<44} {f'{small} → {large}':>10} {sizes[large] / sizes[small]:>6.1f}x "
                          f"{t1 / t0:>6.1f}x {m1 / m0:>6.1f}x")


if __name__ == "__main__":
    main()
