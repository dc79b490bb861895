#!/usr/bin/env python3
"""Benchmark: a project in PostGIS beside one in a GeoPackage, and PostGIS computing coverage itself.

    tools/with-postgres.sh .venv/bin/python bench/postgis_bench.py --habitat PATH --shared ../shared [--scale 10]

Needs HABITAT_TEST_POSTGRES (a database with PostGIS; tools/with-postgres.sh starts a throwaway
one). On the benchmark city of shared/bench/gen_city.py: the wall time of importing its parks,
residential land and built-up areas into a new project, and of `habitat coverage` on it, for a
GeoPackage and for PostGIS (target: PostGIS within 1.5x); then the same coverage computed by
PostGIS in one SQL statement (ST_Union of the buffers, then ST_Intersection), beside habitat
reading from PostGIS. Every set of figures is checked against reference_coverage.py (geopandas)
to a relative 1e-9.
"""
import argparse, json, os, subprocess, sys, tempfile, time, uuid

LAYERS = [("parks", "parks"), ("residential", "residential"), ("built_up_areas", "built_up")]

# The definition of shared/DESIGN.md: parks of 5000 m2 and more serve 500 m, of 2000 m2 and more
# 300 m; residential land dissolved, cut by each built-up area, and by the union of the buffers.
COVERAGE_SQL = """
WITH service AS (
    SELECT ST_Union(ST_Buffer(geom, CASE WHEN ST_Area(geom) >= 5000 THEN 500 ELSE 300 END)) AS geom
    FROM {schema}.parks WHERE ST_Area(geom) >= 2000),
residential AS (SELECT ST_Union(geom) AS geom FROM {schema}.residential),
areas AS (
    SELECT b.fid, b.name, ST_Intersection(r.geom, b.geom) AS geom FROM {schema}.built_up_areas b, residential r)
SELECT json_agg(json_build_object('name', a.name, 'residential_m2', ST_Area(a.geom),
                                  'covered_m2', ST_Area(ST_Intersection(a.geom, s.geom))) ORDER BY a.fid)
FROM areas a, service s
"""


def run(command):
    """Wall time and stdout of one run, which must succeed."""
    start = time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr}")
    return elapsed, process.stdout


def best(command, repeat):
    runs = [run(command) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), runs[-1][1]


def disagreements(areas, reference):
    """Where figures (per built-up area, by name, and in total) differ from the reference by more than 1e-9."""
    theirs = {area["name"]: area for area in reference["areas"]}
    problems = []
    rows = [(area, theirs.get(area["name"])) for area in areas]
    total = {key: sum(area[key] for area in areas) for key in ("residential_m2", "covered_m2")}
    for ours, reference_row in rows + [(total, reference["total"])]:
        if reference_row is None:
            problems.append(f"{ours.get('name')}: not in the reference")
            continue
        for key in ("residential_m2", "covered_m2"):
            x, y = ours[key], reference_row[key]
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)):
                problems.append(f"{ours.get('name', 'total')} {key}: {x} vs {y}")
    if len(areas) != len(reference["areas"]):
        problems.append(f"{len(areas)} built-up areas, the reference {len(reference['areas'])}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--habitat", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    database = os.environ.get("HABITAT_TEST_POSTGRES")
    if not database:
        sys.exit("HABITAT_TEST_POSTGRES is not set: run as tools/with-postgres.sh .venv/bin/python bench/postgis_bench.py …")
    kit = os.path.join(a.shared, "bench")
    data = os.path.join("bench-data", f"scale-{a.scale}")
    if not os.path.exists(os.path.join(data, "residential.geojson")):
        print(f"generating the scale-{a.scale} city in {data} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(kit, "gen_city.py"), "--out", data, "--scale", str(a.scale)],
                       check=True, stdout=subprocess.DEVNULL)
    _, reference_output = run([sys.executable, os.path.join(kit, "reference_coverage.py"), data])
    reference = json.loads(reference_output)

    schema = "bench_" + uuid.uuid4().hex[:12]
    with tempfile.TemporaryDirectory() as folder:
        projects = {"GeoPackage": os.path.join(folder, "bench.gpkg"), "PostGIS": f"{database}?schema={schema}"}
        results = {}
        for store, project in projects.items():
            run([a.habitat, "init", project, "--crs", "EPSG:4544"])
            imported = sum(run([a.habitat, "import", project, layer, f"{data}/{file}.geojson"])[0] for layer, file in LAYERS)
            seconds, output = best([a.habitat, "coverage", project, "--format", "json"], a.repeat)
            results[store] = (imported, seconds, json.loads(output)["areas"])
            print(f"  {store}: import {imported:.2f} s, coverage {seconds:.2f} s", file=sys.stderr)
        sql_seconds, sql_output = best(["psql", "-X", "-q", "-A", "-t", "-d", database, "-c",
                                        COVERAGE_SQL.format(schema=schema)], a.repeat)
        sql_areas = json.loads(sql_output)
        run(["psql", "-X", "-q", "-d", database, "-c", f"DROP SCHEMA {schema} CASCADE"])

    print(f"\nscale {a.scale}: {len(reference['areas'])} built-up areas, "
          f"total coverage {reference['total']['coverage_pct']:.6f} % (reference)\n")
    print(f"{'store':<12} {'import (s)':>11} {'coverage (s)':>13}  figures")
    for store, (imported, seconds, areas) in results.items():
        problems = disagreements(areas, reference)
        print(f"{store:<12} {imported:>11.2f} {seconds:>13.2f}  {'agree (1e-9)' if not problems else 'DIFFER: ' + problems[0]}")
    gpkg, pg = results["GeoPackage"], results["PostGIS"]
    print(f"PostGIS / GeoPackage: import {pg[0] / gpkg[0]:.2f}x, coverage {pg[1] / gpkg[1]:.2f}x (target: within 1.5x)")
    problems = disagreements(sql_areas, reference)
    print(f"\ncoverage of the PostGIS project, whole command's wall time:")
    print(f"  habitat coverage reading from PostGIS   {pg[1]:>7.2f} s  {'agree (1e-9)' if not disagreements(pg[2], reference) else 'DIFFER'}")
    print(f"  PostGIS, one SQL statement (psql)        {sql_seconds:>7.2f} s  {'agree (1e-9)' if not problems else 'DIFFER: ' + problems[0]}")


if __name__ == "__main__":
    main()
