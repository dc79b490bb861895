"""What the benchmarks share: the generated city, a project file holding its layers, and timing
whole commands as a planner runs them."""
import os, subprocess, sys, time

CRS = "EPSG:4544"


def city(shared, scale):
    """The city shared/bench/gen_city.py makes at `scale`, in bench-data/, made on first use."""
    data = os.path.join("bench-data", f"scale-{scale}")
    if not all(os.path.exists(os.path.join(data, f"{name}.geojson")) for name in ("residential", "factories")):
        print(f"generating the scale-{scale} city in {data} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(shared, "bench", "gen_city.py"), "--out", data, "--scale", str(scale)],
                       check=True, stdout=subprocess.DEVNULL)
    return data


def project(habitat, data, name, parks=True):
    """A project file `name` in `data` holding the city's built-up areas, parks (unless not wanted)
    and residential land, imported once; built aside and renamed, so a broken run leaves none."""
    path = os.path.join(data, name)
    if not os.path.exists(path):
        print(f"importing {data} into {path} ...", file=sys.stderr)
        building = path + ".building"
        if os.path.exists(building):
            os.remove(building)
        run = lambda *args: subprocess.run([habitat, *args], check=True, stdout=subprocess.DEVNULL)
        run("init", building, "--crs", CRS)
        for layer, source in (("built_up_areas", "built_up"), ("parks", "parks"), ("residential", "residential")):
            if layer != "parks" or parks:
                run("import", building, layer, os.path.join(data, f"{source}.geojson"))
        os.rename(building, path)
    return path


def timed(command, repeat):
    """The best wall time of `repeat` runs, and the output of the last."""
    best, output = None, ""
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{process.stderr}")
        best, output = (elapsed if best is None else min(best, elapsed)), process.stdout
    return best, output


def cpu_and_peak(command):
    """CPU seconds (user + system) and peak resident MB of one run, from the kernel's accounting."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
