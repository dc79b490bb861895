#!/usr/bin/env python3
"""Generate the small synthetic sample city in geodata/.

A plausible but invented layer set around Qujing's central city (about 103.80 E, 25.50 N):

  built_up.geojson     4 built-up areas (建成区): 麒麟中心城区 (about 8 x 6 km) and three
                       smaller towns / clusters; fields name, population, district, central_city
                       (1 for 麒麟中心城区, else 0), historic_share (share of the area in historic
                       districts, 0-1; 西城片区 is over half) and boundary_year (2016)
  residential.geojson  residential blocks (居住用地) on a jittered street grid in and just around
                       the built-up areas, including a few deliberately overlapping pairs (two
                       survey batches that disagree); fields name, population
  parks.geojson        parks (公园绿地) from pocket parks to 40 ha, mostly in street blocks that
                       hold no housing; fields name, class (G11 / G12 / G13 / G14), opened (the
                       date the park opened, "YYYY-MM-DD", 2008-2022: most before 2016, some every
                       year 2016-2020; null for a few whose date is unknown)
  green_spaces.geojson other urban green land, not parks: G2 防护绿地 (strips 15-40 m wide along
                       streets and belts outside the built-up boundaries), G3 广场用地 (squares of
                       0.3-2 ha), XG 附属绿地 (the gardens of housing estates, lying inside their
                       residential blocks, and of schools and offices) and EG 区域绿地 (5-50 ha,
                       outside the built-up areas); fields name, class, subclass (text or null),
                       counts_toward_ratio (1 for G2, G3, XG; 0 for EG). None overlaps a park but
                       five that overlap one by part of their area (two surveys that disagree)
  canopy.geojson       vegetation cover (绿化覆盖): lawn, shrubs and trees over 60-90 % of every
                       park and green space, tree crowns that overlap that cover and each other,
                       roof gardens on some housing blocks, street-tree rows; field kind
                       (乔木 / 灌木 / 草地 / 屋顶绿化)
  old_factories.geojson 旧厂区 in street blocks that hold no housing, park or green land (4 of them
                       on the fringe just outside a built-up boundary): 24
                       ordinary sites (2,600-26,000 m², one of 1,200 m², too small for a park
                       that counts), one drawn over the corner of a park, one 2 km outside every
                       built-up area, one surveyed only as a point with its 厂区总面积; fields code,
                       name, district, regulatory_plan, site_area_m2, category (用地变更类 /
                       拆旧建新类 / 改造提升类), surveyed
  urban_villages.geojson 城中村 in such blocks (3 on the fringe): 10 outlines and one point without one; fields
                       code, name, district, households, plan_year

  key_areas.geojson, incidents.csv, inspections.csv
                       治乱治脏 (sample_city/disorder.py, from seed + 7): key areas, a hotline's
                       export of the cases 2016-2020 (GCJ-02, BD-09 and GPS points, some placed only
                       by their 地址), and the monthly inspections of the key areas

  old_residential.geojson, old_factories_2018.geojson, urban_villages_2018.geojson
                       the programmes' progress at the end of 2018 (sample_city/progress.py,
                       from seed + 6): new files, so that every file above stays as it was

GeoJSON per RFC 7946 (WGS 84 lon/lat, counter-clockwise exterior rings, 7 decimals, UTF-8).
Python 3 standard library only. Deterministic: the same seed always writes byte-identical files.
The city's geometry comes from one random stream; park classes, opening dates, green spaces and
canopy each from a stream of their own (seed + 1 ... seed + 4), so adding to one of them leaves the
rest, and the parks' and residential blocks' coordinates, as they were; the old factories and
urban villages come last, from seed + 5, so that adding them changed no other file.
Every polygon is checked (closed, >= 4 positions, counter-clockwise, no self-intersection), and
overlaps are looked for: only the intended ones may be there (the residential pairs, the five
green spaces over parks, estate gardens in their blocks, canopy polygons over one park or green
space); each canopy polygon must lie inside what it covers, and street trees clear of blocks,
parks and green spaces. If any check fails nothing is written and the exit status is 1.

The pieces are modules of tools/sample_city/: plan (origin, thresholds, built-up areas), geometry,
shapes, city (grid, blocks, parks), green (green land, canopy), sites (factories, villages),
progress (the programmes' 2018 progress), output (GeoJSON) and checks; this file runs them.

Run from the repository root:

    python3 tools/make_sample_city.py [--out DIR] [--seed N]

--out defaults to the geodata folder beside tools/, --seed to 2016.
"""
import argparse
import os
import random
import sys

from sample_city import disorder, progress
from sample_city.plan import BOUNDARY_YEAR, N_OVERLAP_PAIRS
from sample_city.geometry import signed_area
from sample_city.city import build_city, opened_date, park_class
from sample_city.green import CLASS_NAMES, CLASS_ORDER, build_canopy, build_green_spaces
from sample_city.sites import build_sites, check_sites, site_feature
from sample_city.output import dumps_collection, feature, from_ring
from sample_city.checks import check


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(here), "geodata"), help="output folder")
    ap.add_argument("--seed", type=int, default=2016, help="random seed (default 2016)")
    args = ap.parse_args()

    built, residential, parks = build_city(args.seed)
    # Class, opening date, green spaces and canopy each from their own stream, so tweaking one
    # reshuffles neither the city's geometry nor the others.
    crng = random.Random(args.seed + 1)
    classes = [park_class(crng, signed_area(p["ring"])) for p in parks]
    drng = random.Random(args.seed + 2)
    opened = [opened_date(drng) for _ in parks]
    greens = build_green_spaces(args.seed + 3, built, residential, parks)
    canopy = build_canopy(args.seed + 4, residential, parks, greens)

    counters = {c: 0 for c in CLASS_ORDER}
    green_feats = []
    for g in greens:
        counters[g["class"]] += 1
        green_feats.append(feature({"name": f"{CLASS_NAMES[g['class']]}{counters[g['class']]}", "class": g["class"],
                                    "subclass": g["subclass"], "counts_toward_ratio": 0 if g["class"] == "EG" else 1},
                                   g["ring"]))
    collections = {
        "built_up": [feature({"name": a["name"], "population": a["population"], "district": a["district"],
                              "central_city": a["central_city"], "historic_share": a["historic_share"],
                              "boundary_year": BOUNDARY_YEAR}, a["ring"])
                     for a in built],
        "residential": [feature({"name": f"居住区{k + 1}", "population": b["population"]}, b["ring"])
                        for k, b in enumerate(residential)],
        "parks": [feature({"name": f"公园{k + 1}", "class": classes[k], "opened": opened[k]}, p["ring"])
                  for k, p in enumerate(parks)],
        "green_spaces": green_feats,
        "canopy": [feature({"kind": kind}, ring) for ring, kind, _, _ in canopy],
    }
    intent = {
        "green_park": {k: g["park"] for k, g in enumerate(greens) if g["park"] is not None},
        "green_block": {k: g["block"] for k, g in enumerate(greens) if g["block"] is not None},
        "canopy": [(host, base) for _, _, host, base in canopy],
    }

    problems = check(collections, N_OVERLAP_PAIRS, intent)
    # The land plans free, from a stream of its own: the layers above stay byte for byte as they were.
    factories, villages = build_sites(args.seed + 5, built, residential, parks, greens)
    rings = {name: [from_ring(f) for f in collections[name]] for name in ("residential", "green_spaces", "parks")}
    problems += check_sites(factories, villages, rings)
    collections["old_factories"] = [site_feature(f) for f in factories]
    collections["urban_villages"] = [site_feature(v) for v in villages]
    # The programmes' progress at the end of 2018, in files of their own (seed + 6).
    collections.update(progress.build(args.seed + 6, built, residential, collections))
    # 治乱治脏: key areas, the hotline's cases 2016-2020 and the inspections (seed + 7).
    collections["key_areas"], incidents_csv, inspections_csv = disorder.build(args.seed + 7, built)
    if problems:
        for line in problems[:50]:
            print("check failed:", line, file=sys.stderr)
        sys.exit(1)

    os.makedirs(args.out, exist_ok=True)
    for name, feats in collections.items():
        path = os.path.join(args.out, name + ".geojson")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps_collection(feats))
        print(f"{path}: {len(feats)} features, {os.path.getsize(path)} bytes")
    for name, text in (("incidents.csv", incidents_csv), ("inspections.csv", inspections_csv)):
        path = os.path.join(args.out, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"{path}: {text.count(chr(10)) - 1} rows, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
