/// Each field's name in a shapefile, whose DBF holds ten characters at most: chosen once, by
/// hand, so that ArcGIS users see the same names in every export (`bldg_desc`, not the driver's
/// cut `building_d`), and an export imports back by them. `<name>.fields.csv` beside the shapefile
/// gives each one's full name and Chinese name.
///
/// Every field of every layer has one (a test checks it): at most 10 ASCII characters, unique in
/// its layer, and never a header another field of the layer answers to.
enum ShapefileNames {
    /// The fields every layer has (`code`, `name`, `district`, `source`) and those of a layer whose
    /// sites may be points with a stated area.
    private static let common = ["code": "code", "name": "name", "district": "district", "source": "source"]
    private static let footprint = ["approximate": "approx", "point_x": "point_x", "point_y": "point_y"]

    /// Layer → field → short name.
    static let table: [String: [String: String]] = [
        "districts": common,
        "built_up_areas": common.merging([
            "population": "population", "central_city": "central", "boundary_year": "bound_year", "historic_share": "hist_share",
        ]) { $1 },
        "parks": common.merging(footprint) { $1 }.merging([
            "class": "class", "opened": "opened", "area_m2": "area_m2",
        ]) { $1 },
        "green_spaces": common.merging([
            "class": "class", "subclass": "subclass", "counts_toward_ratio": "in_ratio", "opened": "opened",
        ]) { $1 },
        "canopy": common.merging(["kind": "kind"]) { $1 },
        "residential": common.merging(["population": "population"]) { $1 },
        "old_residential": common.merging([
            "address": "address", "built": "built", "renovation_type": "reno_type", "renovation_content": "reno_work",
            "planned_start": "plan_start", "planned_end": "plan_end", "progress": "progress", "households": "households",
            "completed": "completed",
        ]) { $1 },
        "urban_villages": common.merging([
            "households": "households", "plan_year": "plan_year", "signed_households": "signed_hh", "cash_resettled": "cash_hh",
            "status": "status", "completed": "completed",
        ]) { $1 },
        "old_factories": common.merging(footprint) { $1 }.merging([
            "location": "location", "regulatory_plan": "reg_plan", "building_description": "bldg_desc", "production": "production",
            "site_area_m2": "site_m2", "footprint_m2": "fprint_m2", "floor_area_m2": "floor_m2", "category": "category",
            "surveyed": "surveyed", "status": "status", "completed": "completed",
        ]) { $1 },
        // The 治乱治脏 layers' names are short already.
        "key_areas": common.merging(["area_type": "area_type"]) { $1 },
        "incidents": common.merging([
            "kind": "kind", "area_type": "area_type", "descr": "descr", "address": "address", "channel": "channel",
            "reported": "reported", "deadline": "deadline", "resolved": "resolved", "closed": "closed", "key_area": "key_area",
            "grid_cell": "grid_cell", "approx": "approx",
        ]) { $1 },
        "inspections": common.merging([
            "key_area": "key_area", "inspected": "inspected", "method": "method", "score": "score", "problems": "problems",
            "approx": "approx",
        ]) { $1 },
        "grid_cells": common.merging(["built_up": "built_up", "cell_m": "cell_m", "area_m2": "area_m2"]) { $1 },
    ]
}
