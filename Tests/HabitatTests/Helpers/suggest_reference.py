#!/usr/bin/env python3
"""What each suggested site brings within reach, recomputed with geopandas, independently of habitat.

    suggest_reference.py GEODATA_DIR SITES_FILE... --codes CODE... [--crs EPSG:4544]

Reads built_up, parks and residential (GeoJSON) and the candidate files, then runs park coverage
(GB/T 50563 radii, residential dissolved first, per built-up area) once with today's parks and
once more after each site in --codes is added as a park, in that order, with the radius its own
area earns. A site's gain is the covered m² after it minus before it; its people, the same for
each residential polygon's people times the share of its land covered (per built-up area).
Prints {"gains": [{"code", "covered_m2", "people"}], "today_covered_m2"}.
"""
import argparse, json, os
import geopandas as gpd
import pandas as pd
import shapely


def radius(area):
    return 500.0 if area >= 5000 else 300.0 if area >= 2000 else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("sites", nargs="+")
    ap.add_argument("--codes", nargs="+", required=True)
    ap.add_argument("--crs", default="EPSG:4544")
    a = ap.parse_args()
    read = lambda path: gpd.read_file(path).to_crs(a.crs)
    built, parks, resid = (read(os.path.join(a.dir, f"{n}.geojson")) for n in ("built_up", "parks", "residential"))
    sites = pd.concat([read(path) for path in a.sites], ignore_index=True).set_index("code")

    park_radius = parks.geometry.area.map(radius)
    buffers = list(shapely.buffer(parks.geometry[park_radius > 0].values, park_radius[park_radius > 0].values))
    land = shapely.union_all(resid.geometry.values)
    in_area = [shapely.intersection(land, b) for b in built.geometry]
    people = [(g, float(p)) for g, p in zip(resid.geometry, resid["population"])]

    def measure(buffers):
        service = shapely.union_all(buffers)
        covered = sum(shapely.intersection(r, service).area for r in in_area)
        persons = sum(p * shapely.intersection(shapely.intersection(g, b), service).area / g.area
                      for b in built.geometry for g, p in people if g.intersects(b))
        return covered, persons

    before = measure(buffers)
    today = before[0]
    gains = []
    for code in a.codes:
        site = sites.loc[code].geometry
        buffers.append(shapely.buffer(site, radius(site.area)))
        after = measure(buffers)
        gains.append({"code": code, "covered_m2": after[0] - before[0], "people": after[1] - before[1]})
        before = after
    print(json.dumps({"gains": gains, "today_covered_m2": today}, ensure_ascii=False))


if __name__ == "__main__":
    main()
