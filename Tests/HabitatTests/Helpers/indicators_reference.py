#!/usr/bin/env python3
"""The green indicators of the sample city, computed with geopandas, independently of habitat.

    indicators_reference.py GEODATA_DIR [--crs EPSG:4544]

Reads built_up, parks, green_spaces, canopy and residential (GeoJSON) and prints, per built-up
area: 绿地率 (parks and counted green spaces, dissolved, within the area / the area), 绿化覆盖率
(canopy dissolved within the area / the area), park area per person in total and for classes
G11 and G12, and park service-radius coverage (GB/T 50563 radii, residential dissolved first).
"""
import argparse, json, os
import geopandas as gpd
import shapely


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--crs", default="EPSG:4544")
    a = ap.parse_args()
    read = lambda name: gpd.read_file(os.path.join(a.dir, f"{name}.geojson")).to_crs(a.crs)
    built, parks, green, canopy, resid = (read(n) for n in ("built_up", "parks", "green_spaces", "canopy", "residential"))

    counts = green["counts_toward_ratio"].fillna((green["class"] != "EG").astype(int)) == 1
    green_land = list(parks.geometry) + list(green[counts].geometry)
    area_of_park = parks.geometry.area
    radius = (area_of_park >= 5000) * 500.0 + ((area_of_park >= 2000) & (area_of_park < 5000)) * 300.0
    service = shapely.union_all(shapely.buffer(parks.geometry[radius > 0].values, radius[radius > 0].values))
    land = shapely.union_all(resid.geometry.values)

    def within(geometries, area):
        return shapely.intersection(shapely.union_all(list(geometries)), area).area

    rows = []
    for _, b in built.iterrows():
        area, people = b.geometry, float(b["population"])
        r = shapely.intersection(land, area)
        rows.append({
            "name": b["name"],
            "green_space_ratio": 100 * within(green_land, area) / area.area,
            "green_coverage": 100 * within(canopy.geometry, area) / area.area,
            "park_area_per_person": within(parks.geometry, area) / people,
            "comprehensive_park_per_person": within(parks[parks["class"] == "G11"].geometry, area) / people,
            "community_park_per_person": within(parks[parks["class"] == "G12"].geometry, area) / people,
            "park_coverage": 100 * shapely.intersection(r, service).area / r.area,
        })
    print(json.dumps({"areas": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
