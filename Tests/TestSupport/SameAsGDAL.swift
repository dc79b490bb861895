import Foundation

/// Whether GDAL reads two vector files alike: the same layer, field names and types, and feature for
/// feature the same values and the same geometries to the last bit. Checked twice, independently of
/// habitat: `ogrinfo -al` (OGR's own full report) and pyogrio/geopandas in the venv.
public enum SameAsGDAL {
    /// The differences found between `ours` and `reference` (empty when there are none). Give both
    /// files the same name (in different folders): a GeoJSON layer is named after its file.
    public static func differences(_ ours: String, _ reference: String) throws -> [String] {
        var found: [String] = []
        let report = try [ours, reference].map { path in
            try TestSupport.run("ogrinfo", ["-ro", "-al", "-nomd", path]).stdout
                .split(separator: "\n").filter { !$0.hasPrefix("INFO: Open of") }
        }
        if report[0].isEmpty { found.append("ogrinfo reports nothing for \(ours)") }
        for (line, (a, b)) in zip(report[0], report[1]).enumerated() where a != b {
            found.append("ogrinfo line \(line + 1): \(a) ≠ \(b)")
            if found.count > 10 { break }
        }
        if report[0].count != report[1].count { found.append("ogrinfo: \(report[0].count) lines ≠ \(report[1].count)") }

        let python = try TestSupport.run(TestSupport.python, ["-c", pyogrioComparison, ours, reference])
        if python.status != 0 { found.append("pyogrio: \(python.stderr)") }
        found += python.stdout.split(separator: "\n").map { "pyogrio: \($0)" }
        return found
    }

    /// Reads both files with pyogrio and prints each difference on a line.
    static let pyogrioComparison = """
        import math, sys, pyogrio, shapely
        ours, theirs = sys.argv[1], sys.argv[2]
        a_info, b_info = pyogrio.read_info(ours), pyogrio.read_info(theirs)
        for key in ("fields", "dtypes", "geometry_type", "features", "crs"):
            if str(a_info[key]) != str(b_info[key]):
                print(f"{key}: {a_info[key]} != {b_info[key]}")
        a, b = pyogrio.read_dataframe(ours), pyogrio.read_dataframe(theirs)
        if list(a.columns) != list(b.columns) or len(a) != len(b):
            print(f"columns {list(a.columns)} / {len(a)} rows != {list(b.columns)} / {len(b)} rows")
            sys.exit(0)
        def same(x, y):
            if x is None or y is None: return x is None and y is None
            if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y): return True
            return type(x) == type(y) and x == y
        shown = 0
        for column in a.columns:
            for row, (x, y) in enumerate(zip(a[column], b[column])):
                if column == a.geometry.name:
                    equal = (x is None and y is None) or (x is not None and y is not None and shapely.to_wkb(x) == shapely.to_wkb(y))
                else:
                    equal = same(x, y)
                if not equal and shown < 10:
                    shown += 1
                    print(f"feature {row + 1}, {column}: {x!r:.200} != {y!r:.200}")
        """
}
