#!/usr/bin/env python3
"""Benchmark: `habitat suggest`, its speed at scale and how near its answer is to the optimum.

    suggest_bench.py --habitat PATH --shared ../shared [--scale 10] [--candidates 1000] [--k 10]
                     [--small-scale 1] [--small-candidates 150] [--small-within 3000] [--small-k 10] [--repeat 3]

1. Speed: the scale-S city of shared/bench/gen_city.py imported into a project (kept in
   bench-data/), N candidate sites placed at random in its built-up areas, k sites: the whole
   command's best wall time of --repeat runs, its CPU time and peak memory (target: under 10 s on a
   2-core machine).
2. Quality: on the small city without its parks (every block to win), with candidates crowded
   within 3 km of its centre (so that sites compete for the same blocks), the exact maximal covering location
   problem on the same exact areas, solved with PuLP/CBC: the uncovered residential land
   (residential dissolved, per built-up area, minus today's service area) cut into the cells of the
   candidates' buffers' arrangement, each cell worth its area and covered when any chosen site's
   buffer holds it; overlapping sites exclude each other. Prints habitat's total, the optimum and
   their ratio (target: >= 99 %), and habitat's choice valued in the same cells (a check that both
   measure the same thing).
"""
import argparse, json, math, os, subprocess, sys, time
from common import CRS, city, project, timed
import shapely.affinity
import geopandas as gpd
import numpy as np
import pulp
import shapely


def candidates(data, count, within=None, seed=2016):
    """`count` candidate sites inside the built-up areas (within `within` metres of the first one's
    centre, if given), as a file: rotated rectangles of 2,200-40,000 m² (300 m and 500 m sites),
    placed at random, so some overlap a park or each other. (gen_city's factories lie mostly outside
    the built-up areas or over parks: too few take part.)"""
    path = os.path.join(data, f"sites-{count}" + (f"-within-{within}" if within else "") + ".geojson")
    if os.path.exists(path):
        return path
    built = gpd.read_file(os.path.join(data, "built_up.geojson")).to_crs(CRS)
    union = shapely.union_all(built.geometry.values)
    if within:
        union = union.intersection(built.geometry.iloc[0].centroid.buffer(within))
    shapely.prepare(union)
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = union.bounds
    sites = []
    while len(sites) < count:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if not shapely.contains_xy(union, x, y):
            continue
        area = float(np.clip(rng.lognormal(math.log(6000), 0.7), 2200, 40000))
        if any(0.95 * t < area < 1.05 * t for t in (2000, 5000)):
            area *= 1.1  # clear of the rules' thresholds, whichever way a projection rounds
        w = math.sqrt(area * rng.uniform(0.5, 2.0))
        box = shapely.box(x - w / 2, y - area / w / 2, x + w / 2, y + area / w / 2)
        sites.append(shapely.affinity.rotate(box, rng.uniform(0, 90)))
    n = len(sites)
    frame = gpd.GeoDataFrame({"code": [f"S{k + 1:04d}" for k in range(n)], "name": [f"拆违点位{k + 1}" for k in range(n)],
                              "category": [("用地变更类", "拆旧建新类", "改造提升类")[k % 3] for k in range(n)]},
                             geometry=sites, crs=CRS)
    frame.to_crs("EPSG:4326").to_file(path, driver="GeoJSON")
    return path


def radius(area):
    return 500.0 if area >= 5000 else 300.0 if area >= 2000 else 0.0


def exact_mclp(data, candidates_path, k, parks=True):
    """The optimum of the maximal covering location problem on exact areas, and a valuation of any
    choice in the same cells. Without parks, all residential land is there to win."""
    read = lambda path: gpd.read_file(path).to_crs(CRS)
    built, parks_frame, resid = (read(os.path.join(data, f"{n}.geojson")) for n in ("built_up", "parks", "residential"))
    parks = parks_frame if parks else parks_frame.iloc[0:0]
    sites = read(candidates_path)
    park_r = parks.geometry.area.map(radius)
    counted = parks.geometry[park_r > 0].values
    service = shapely.union_all(shapely.buffer(counted, park_r[park_r > 0].values)) if len(counted) else shapely.Polygon()
    land = shapely.union_all(resid.geometry.values)
    uncovered = [p for b in built.geometry for p in shapely.get_parts(shapely.difference(shapely.intersection(land, b), service))]
    uncovered = np.array([p for p in uncovered if p.area > 0], dtype=object)

    # Screening, as habitat's rules say: a radius, no counted park overlapped, inside a built-up area.
    parks_tree = shapely.STRtree(counted)
    built_all = shapely.union_all(built.geometry.values)
    eligible = []
    for index, geometry in enumerate(sites.geometry):
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon") or radius(geometry.area) == 0:
            continue
        near = parks_tree.query(geometry)
        if any(shapely.relate_pattern(geometry, counted[j], "T********") for j in near):
            continue
        if not geometry.intersects(built_all):
            continue
        eligible.append(index)
    codes = [sites["code"].iloc[i] for i in eligible]
    footprints = [sites.geometry.iloc[i] for i in eligible]
    buffers = np.array([shapely.buffer(g, radius(g.area)) for g in footprints], dtype=object)

    # The cells of the buffers' arrangement, each with the sites that reach it and the uncovered land in it.
    cells = np.array(shapely.get_parts(shapely.polygonize(shapely.get_parts(
        shapely.union_all(shapely.boundary(buffers))))), dtype=object)
    inside = shapely.point_on_surface(cells)
    reach = [[] for _ in cells]
    for cell, site in zip(*shapely.STRtree(buffers).query(inside, predicate="within")):
        reach[cell].append(site)
    pairs = shapely.STRtree(cells).query(uncovered, predicate="intersects")
    worth = np.zeros(len(cells))
    np.add.at(worth, pairs[1], shapely.area(shapely.intersection(uncovered[pairs[0]], cells[pairs[1]])))

    model = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{s}", cat="Binary") for s in range(len(eligible))]
    useful = [c for c in range(len(cells)) if reach[c] and worth[c] > 0]
    y = {c: pulp.LpVariable(f"y{c}", 0, 1) for c in useful}
    model += pulp.lpSum(worth[c] * y[c] for c in useful)
    for c in useful:
        model += y[c] <= pulp.lpSum(x[s] for s in reach[c])
    model += pulp.lpSum(x) <= k
    tree = shapely.STRtree(footprints)
    for s, footprint in enumerate(footprints):
        for t in tree.query(footprint):
            if t > s and shapely.relate_pattern(footprint, footprints[t], "T********"):
                model += x[s] + x[t] <= 1
    start = time.perf_counter()
    model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=600))
    seconds = time.perf_counter() - start
    optimum = pulp.value(model.objective)
    chosen = [codes[s] for s in range(len(eligible)) if x[s].value() > 0.5]

    def value(choice):
        picked = {codes.index(code) for code in choice}
        return float(sum(worth[c] for c in useful if picked.intersection(reach[c])))

    return {"status": pulp.LpStatus[model.status], "optimum": optimum, "chosen": chosen, "value": value,
            "eligible": len(eligible), "cells": len(useful), "seconds": seconds}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--habitat", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--candidates", type=int, default=1000)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--small-scale", type=int, default=1)
    ap.add_argument("--small-candidates", type=int, default=150)
    ap.add_argument("--small-within", type=int, default=3000)
    ap.add_argument("--small-k", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    data = city(a.shared, a.scale)
    gpkg, sites = project(a.habitat, data, "suggest.gpkg"), candidates(data, a.candidates)
    command = [a.habitat, "suggest", gpkg, "--candidates", sites, "--k", str(a.k), "--format", "json"]
    seconds, cpu, peak, output = timed(command, a.repeat)
    result = json.loads(output)
    print(f"\nhabitat suggest, scale {a.scale} city, {a.candidates} candidates ({result['eligible']} could be parks), "
          f"k = {a.k}: {seconds:.2f} s wall (best of {a.repeat}), {cpu:.2f} s CPU, {peak:.0f} MB peak "
          f"(target: under 10 s); {len(result['picks'])} sites bring {result['total_newly_covered_m2']:.0f} m² within reach, "
          f"exchange {'changed' if result['exchange_changed_greedy'] else 'kept'} the greedy choice")

    small, count = city(a.shared, a.small_scale), a.small_candidates
    # Without today's parks every block is there to win, and sites compete for it: the hard case.
    gpkg, sites = project(a.habitat, small, "suggest-no-parks.gpkg", parks=False), candidates(small, count, within=a.small_within)
    ours = json.loads(timed([a.habitat, "suggest", gpkg, "--candidates", sites, "--k", str(a.small_k), "--format", "json"], 1)[3])
    exact = exact_mclp(small, sites, a.small_k, parks=False)
    total = ours["total_newly_covered_m2"]
    mine = [p["code"] for p in ours["picks"]]
    valued = exact["value"](mine)
    print(f"exact MCLP (PuLP/CBC, {exact['status']}), scale {a.small_scale} city without its parks, {count} candidates "
          f"within {a.small_within} m of its centre "
          f"({exact['eligible']} could be parks), {exact['cells']} cells, k = {a.small_k}: optimum {exact['optimum']:.2f} m² "
          f"({', '.join(exact['chosen'])}) in {exact['seconds']:.1f} s")
    print(f"habitat greedy + exchange: {total:.2f} m² ({', '.join(mine)}) = {100 * total / exact['optimum']:.3f} % of the optimum "
          f"(target: >= 99 %); the same choice valued in the cells: {valued:.2f} m² "
          f"({'agrees' if abs(valued - total) <= 1e-6 * total else 'DIFFERS'}); greedy alone: "
          f"{100 * exact['value'](ours['greedy']) / exact['optimum']:.3f} %")


if __name__ == "__main__":
    main()
