"""What the benchmarks share: the generated city, a project file holding its layers, and timing
whole commands as a planner runs them."""
import os, subprocess, sys, tempfile, time

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
    """The best wall time of `repeat` runs with that run's CPU seconds (user + system) and peak
    resident MB, from the kernel's accounting; and the output of the last run."""
    best, output = None, ""
    for _ in range(repeat):
        with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            if status != 0:
                stderr.seek(0)
                sys.exit(f"failed: {' '.join(command)}\n{stderr.read().decode(errors='replace')}")
            stdout.seek(0)
            output = stdout.read().decode()
        run = (elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        best = run if best is None or run[0] < best[0] else best
    return (*best, output)
