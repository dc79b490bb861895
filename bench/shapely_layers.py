#!/usr/bin/env python3
"""The peer of `habitat coverage --out`: tuned shapely computing the same figures and writing the
same five files — coverage.json, coverage.csv, service_area.geojson (the union of every buffer, a
feature per polygon), uncovered_residential.geojson (per built-up area, the residential land out of
reach, without slivers under 1 cm wide) and residential_coverage.geojson (each residential polygon
with its own covered share).

    shapely_layers.py DATA_DIR OUT_DIR [--crs EPSG:4544]

Written for the benchmark, the way a GIS analyst would write it with geopandas and shapely 2: one
STRtree over the buffers, vectorised predicates and overlays, shapely.union_all for the service
area, coordinates rounded to 7 decimals and kept valid (shapely.set_precision), pyogrio writing
GeoJSON. Like fast_coverage.py it assumes the residential
polygons do not overlap each other (true of gen_city.py's city). Prints the figures as
reference_coverage.py does.
"""
import argparse, json, os
import numpy as np
import geopandas as gpd
import shapely


def rounded(geometries):
    """`geometries` on the grid of the 7 decimals written, kept valid by GEOS's topology-preserving
    reduction; those it gives up on (some thin pieces) as they are, for GDAL to round alone."""
    def one(geometry):
        try:
            return shapely.set_precision(geometry, 1e-7)
        except shapely.errors.GEOSException:
            return geometry
    try:
        return shapely.set_precision(geometries, 1e-7)
    except shapely.errors.GEOSException:
        return np.array([one(geometry) for geometry in geometries])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("--crs", default="EPSG:4544")
    a = ap.parse_args()
    read = lambda name: gpd.read_file(f"{a.dir}/{name}.geojson").to_crs(a.crs)
    built, parks, resid = read("built_up"), read("parks"), read("residential")

    area = parks.geometry.area.values
    radius = (area >= 5000) * 500.0 + ((area >= 2000) & (area < 5000)) * 300.0
    buffers = shapely.buffer(parks.geometry.values[radius > 0], radius[radius > 0])
    tree = shapely.STRtree(buffers)

    # Each residential polygon's covered part: whole within one buffer, or the union of its
    # intersections with the buffers it touches.
    land = resid.geometry.values
    covered = np.full(len(land), shapely.Polygon(), dtype=object)
    within = tree.query(land, predicate="within")[0]
    covered[within] = land[within]
    touched, touching = tree.query(land, predicate="intersects")
    partial = ~np.isin(touched, within)
    order = np.argsort(touched[partial], kind="stable")
    touched, touching = touched[partial][order], touching[partial][order]
    cuts = np.flatnonzero(np.diff(touched)) + 1
    for polygon, members in zip(np.split(touched, cuts), np.split(touching, cuts)):
        if len(polygon):
            covered[polygon[0]] = shapely.union_all(shapely.intersection(buffers[members], land[polygon[0]]))
    uncovered = shapely.difference(land, covered)

    # Per built-up area: the land inside it, what of it is covered and what is out of reach.
    rows, out_of_reach = [], []
    for name, boundary in zip(built["name"], built.geometry):
        shapely.prepare(boundary)
        inside = np.flatnonzero(shapely.intersects(boundary, land))
        whole = shapely.contains(boundary, land[inside])
        clip = lambda geometries: np.where(whole, geometries[inside], shapely.intersection(geometries[inside], boundary))
        residential_m2 = float(shapely.area(clip(land)).sum())
        covered_m2 = float(shapely.area(clip(covered)).sum())
        rows.append({"name": name, "residential_m2": residential_m2, "covered_m2": covered_m2,
                     "coverage_pct": 100.0 * covered_m2 / residential_m2 if residential_m2 else None})
        pieces = shapely.get_parts(clip(uncovered))
        # Without the slivers under a centimetre wide that overlays leave along the blocks' edges.
        pieces = pieces[(shapely.area(pieces) > 0) & (2 * shapely.area(pieces) >= 0.01 * shapely.length(pieces))]
        out_of_reach.append(gpd.GeoDataFrame({"built_up_area": name, "area_m2": shapely.area(pieces)},
                                             geometry=pieces, crs=a.crs))
    residential_m2 = sum(row["residential_m2"] for row in rows)
    covered_m2 = sum(row["covered_m2"] for row in rows)
    figures = {"areas": rows, "total": {"residential_m2": residential_m2, "covered_m2": covered_m2,
                                        "coverage_pct": 100.0 * covered_m2 / residential_m2 if residential_m2 else None},
               "eligible_parks": int((radius > 0).sum())}

    os.makedirs(a.out, exist_ok=True)
    service = shapely.get_parts(shapely.union_all(buffers))
    layers = {
        "service_area": gpd.GeoDataFrame({"area_m2": shapely.area(service)}, geometry=service, crs=a.crs),
        "uncovered_residential": gpd.pd.concat(out_of_reach, ignore_index=True),
        "residential_coverage": resid.assign(area_m2=shapely.area(land), covered_m2=shapely.area(covered),
                                             covered_pct=100.0 * shapely.area(covered) / shapely.area(land)),
    }
    for name, layer in layers.items():
        # Rounded to the 7 decimals written, kept valid: written as computed, a thin piece would
        # round to a polygon that crosses itself.
        layer = layer.to_crs("EPSG:4326")
        layer.geometry = rounded(layer.geometry.values)
        layer[~layer.geometry.is_empty].to_file(os.path.join(a.out, f"{name}.geojson"), driver="GeoJSON", engine="pyogrio",
                                                layer_options={"COORDINATE_PRECISION": 7})
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    with open(os.path.join(a.out, "coverage.json"), "w") as file:
        file.write(text)
    with open(os.path.join(a.out, "coverage.csv"), "w", encoding="utf-8-sig") as file:
        file.write("name,residential_m2,covered_m2,coverage_pct\n")
        for row in rows + [dict(figures["total"], name="total")]:
            percent = "" if row["coverage_pct"] is None else f"{row['coverage_pct']:.2f}"
            file.write(f"{row['name']},{row['residential_m2']:.2f},{row['covered_m2']:.2f},{percent}\n")
    print(text)


if __name__ == "__main__":
    main()
