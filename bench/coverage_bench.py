#!/usr/bin/env python3
"""Benchmark: `habitat coverage` against the geopandas peers, on the same data, in one run.

    coverage_bench.py --habitat PATH --shared ../shared [--scale 10] [--repeat 3]

Generates the city with shared/bench/gen_city.py (kept in bench-data/ for later runs), then times
each whole command as a planner would run it: habitat printing the figures, habitat also writing
every output layer (--out), reference_coverage.py (the straightforward geopandas analysis) and
fast_coverage.py (tuned shapely). Reports the best wall time of --repeat runs, peak memory, the
ratios, and whether every figure agrees with the reference to a relative 1e-9.
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--habitat", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    kit = os.path.join(a.shared, "bench")
    data = os.path.join("bench-data", f"scale-{a.scale}")
    if not os.path.exists(os.path.join(data, "residential.geojson")):
        print(f"generating the scale-{a.scale} city in {data} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(kit, "gen_city.py"), "--out", data, "--scale", str(a.scale)],
                       check=True, stdout=subprocess.DEVNULL)

    layers = ["--parks", f"{data}/parks.geojson", "--residential", f"{data}/residential.geojson",
              "--built-up", f"{data}/built_up.geojson", "--crs", "EPSG:4544"]
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "habitat coverage (figures)": [a.habitat, "coverage", *layers, "--format", "json"],
            "habitat coverage --out (figures + 5 files)": [a.habitat, "coverage", *layers, "--format", "json", "--out", out],
            "reference_coverage.py (geopandas)": [sys.executable, os.path.join(kit, "reference_coverage.py"), data],
            "fast_coverage.py (tuned shapely)": [sys.executable, os.path.join(kit, "fast_coverage.py"), data],
        }
        results = {}
        for name, command in commands.items():
            repeat = 1 if name.startswith("reference") else a.repeat
            seconds, output = timed(command, repeat)
            results[name] = (seconds, peak_memory_mb(command), json.loads(output))
            print(f"  {name}: {seconds:.2f} s", file=sys.stderr)

    reference = results["reference_coverage.py (geopandas)"][2]
    habitat = results["habitat coverage (figures)"][0]
    print(f"\nscale {a.scale}: {len(reference['areas'])} built-up areas, "
          f"total coverage {reference['total']['coverage_pct']:.6f} % (reference)\n")
    print(f"{'command':<44} {'wall (s)':>9} {'peak (MB)':>10} {'vs reference':>13} {'vs habitat':>11}  figures")
    for name, (seconds, memory, output) in results.items():
        problems = disagreements(output, reference)
        verdict = "agree (1e-9)" if not problems else f"DIFFER: {problems[0]}"
        print(f"{name:<44} {seconds:>9.2f} {memory:>10.0f} {results['reference_coverage.py (geopandas)'][0] / seconds:>12.1f}x"
              f" {seconds / habitat:>10.2f}x  {verdict}")
    fast = results["fast_coverage.py (tuned shapely)"][0]
    print(f"\nhabitat (figures) is {results['reference_coverage.py (geopandas)'][0] / habitat:.1f}x faster than the reference "
          f"and {fast / habitat:.1f}x faster than fast_coverage.py (targets: 10x and 2x)")


if __name__ == "__main__":
    main()
