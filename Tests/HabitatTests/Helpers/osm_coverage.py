#!/usr/bin/env python3
"""Prepares an OSM extract for `habitat coverage` and computes the expected figures with geopandas.

    osm_coverage.py OSM_DIR OUT_DIR [--crs EPSG:32632] [--built-up-admin-level 8]

Writes OUT_DIR/parks.geojson (the planning-sense parks: leisure park, garden, recreation_ground,
playground), OUT_DIR/residential.geojson (landuse=residential) and, with --built-up-admin-level,
OUT_DIR/built_up.geojson (those administrative areas, named by their name). Prints the coverage
JSON that habitat must reproduce: {"areas": [...], "total": {...}}.

The figures follow the definition in DESIGN.md, written independently of habitat: parks of at least
5000 m2 reach 500 m and of 2000-5000 m2 reach 300 m (areas in the analysis CRS), the service area is
the union of the buffers (8 segments per quarter circle), residential land is dissolved before it is
clipped to each area. Invalid polygons are repaired the way habitat documents it: make_valid with
the "structure" method, after projecting.
"""
import argparse, json, os
import geopandas as gpd
import shapely

PARK_LEISURE = {"park", "garden", "recreation_ground", "playground"}


def repaired(geometries):
    return [g if g.is_valid else shapely.make_valid(g, method="structure", keep_collapsed=False) for g in geometries]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("osm_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--crs", default="EPSG:32632")
    ap.add_argument("--built-up-admin-level")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)

    green = gpd.read_file(os.path.join(a.osm_dir, "green.geojson"))
    parks = green[green["leisure"].isin(PARK_LEISURE)][["name", "leisure", "geometry"]]
    resid = gpd.read_file(os.path.join(a.osm_dir, "landuse_residential.geojson"))[["osm_id", "geometry"]]
    parks.to_file(os.path.join(a.out_dir, "parks.geojson"), driver="GeoJSON")
    resid.to_file(os.path.join(a.out_dir, "residential.geojson"), driver="GeoJSON")
    if a.built_up_admin_level:
        admin = gpd.read_file(os.path.join(a.osm_dir, "admin.geojson"))
        built = admin[admin["admin_level"].astype(str) == a.built_up_admin_level][["name", "geometry"]]
        built["name"] = built["name"].fillna("")
        built.to_file(os.path.join(a.out_dir, "built_up.geojson"), driver="GeoJSON")
        areas = list(zip(built["name"], repaired(built.to_crs(a.crs).geometry)))
    else:
        areas = [("all residential land", None)]

    park_geoms = repaired(parks.to_crs(a.crs).geometry)
    buffers = []
    for g in park_geoms:
        radius = 500.0 if g.area >= 5000 else 300.0 if g.area >= 2000 else 0.0
        if radius:
            buffers.append(shapely.buffer(g, radius, quad_segs=8))
    service = shapely.union_all(buffers)
    land = shapely.union_all(repaired(resid.to_crs(a.crs).geometry))

    rows, total_r, total_c = [], 0.0, 0.0
    for name, area in areas:
        r = land if area is None else shapely.intersection(land, area)
        c = shapely.intersection(r, service)
        total_r += r.area
        total_c += c.area
        rows.append({"name": name, "residential_m2": r.area, "covered_m2": c.area})
    print(json.dumps({"areas": rows, "total": {"residential_m2": total_r, "covered_m2": total_c},
                      "eligible_parks": len(buffers)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
