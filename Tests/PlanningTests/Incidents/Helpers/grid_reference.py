"""What geopandas/shapely see of a project's unit grid, as JSON on stdout.

    python grid_reference.py PROJECT.gpkg

districts: per district, the area of its dissolved built-up areas and the sum of its cells' areas;
built_up: per built-up area, its area and the sum of its intersections with the cells;
overlap_m2: the area where cells overlap one another (every pair whose interiors meet);
codes / unique_codes: the number of cells and of distinct codes;
incidents: per case with a point, the codes of the cells covering it.
"""
import json
import sys

import geopandas as gpd
import shapely

path = sys.argv[1]
built = gpd.read_file(path, layer="built_up_areas")
cells = gpd.read_file(path, layer="grid_cells")
incidents = gpd.read_file(path, layer="incidents")

districts = {}
for district, group in built.groupby("district"):
    land = shapely.union_all(group.geometry.values)
    districts[district] = {"built_up_m2": land.area, "cells_m2": float(cells[cells.district == district].geometry.area.sum())}

tree = shapely.STRtree(cells.geometry.values)
per_area = {}
for code, geometry in zip(built.code, built.geometry):
    hits = tree.query(geometry, predicate="intersects")
    per_area[code] = {"area_m2": geometry.area,
                      "cells_m2": float(sum(shapely.intersection(geometry, cells.geometry.values[k]).area for k in hits))}

left, right = tree.query(cells.geometry.values, predicate="intersects")
pairs = [(a, b) for a, b in zip(left, right) if a < b]
overlap = sum(shapely.intersection(cells.geometry.values[a], cells.geometry.values[b]).area for a, b in pairs)

covering = {}
for code, point in zip(incidents.code, incidents.geometry):
    if point is None or point.is_empty:
        continue
    covering[code] = sorted(cells.code.values[k] for k in tree.query(point, predicate="intersects"))

print(json.dumps({"districts": districts, "built_up": per_area, "overlap_m2": overlap, "codes": len(cells),
                  "unique_codes": int(cells.code.nunique()), "incidents": covering}))
