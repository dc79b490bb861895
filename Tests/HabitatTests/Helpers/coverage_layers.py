#!/usr/bin/env python3
"""What `habitat coverage --out` must draw for a generated city, computed with geopandas.

    coverage_layers.py CITY_DIR

CITY_DIR holds parks.geojson, residential.geojson and built_up.geojson (shared/bench/gen_city.py).
Prints {"service_m2", "service_polygons", "uncovered_m2": {built-up area name: m2}}, following
DESIGN.md independently of habitat, in EPSG:4544: the service area is the union of the buffers of
the parks of at least 5000 m2 (500 m) and of 2000-5000 m2 (300 m), 8 segments per quarter circle;
the uncovered land of a built-up area is the dissolved residential land inside it, minus the
service area.
"""
import json
import sys

import geopandas as gpd
import shapely

city = sys.argv[1]
parks = gpd.read_file(f"{city}/parks.geojson").to_crs(4544)
residential = gpd.read_file(f"{city}/residential.geojson").to_crs(4544)
built_up = gpd.read_file(f"{city}/built_up.geojson").to_crs(4544)
area = parks.geometry.area.values
radius = (area >= 5000) * 500.0 + ((area >= 2000) & (area < 5000)) * 300.0
service = shapely.union_all(shapely.buffer(parks.geometry.values[radius > 0], radius[radius > 0]))
land = shapely.union_all(residential.geometry.values)
print(json.dumps({
    "service_m2": service.area,
    "service_polygons": len(shapely.get_parts(service)),
    "uncovered_m2": {name: shapely.difference(shapely.intersection(land, outline), service).area
                     for name, outline in zip(built_up["name"], built_up.geometry.values)},
}))
