import Foundation
import Testing
import TestSupport

/// What a bbox query must and must not return, by shapely from `habitat export`'s GeoJSON: a box
/// inset by `1/inset` of the layer's extent on each side; `must` holds the features reaching 1e-6°
/// inside it, `never` those not within 1e-6° of it.
struct BoxExpectation {
    let bbox: [Double]
    let must: Set<String>
    let never: Set<String>

    init(exported: String, inset: Int, in folder: URL) throws {
        let script = try TestSupport.write(#"""
            import json, sys
            from shapely.geometry import shape, box
            features = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
            inset = int(sys.argv[2])
            shapes = [(f["properties"]["code"], shape(f["geometry"])) for f in features]
            minx = min(s.bounds[0] for _, s in shapes); maxx = max(s.bounds[2] for _, s in shapes)
            miny = min(s.bounds[1] for _, s in shapes); maxy = max(s.bounds[3] for _, s in shapes)
            dx, dy = (maxx - minx) / inset, (maxy - miny) / inset
            b = box(minx + dx, miny + dy, maxx - dx, maxy - dy)
            must = sorted(c for c, s in shapes if s.intersects(b.buffer(-1e-6)))
            never = sorted(c for c, s in shapes if not s.intersects(b.buffer(1e-6)))
            print(json.dumps({"bbox": list(b.bounds), "must": must, "never": never}))
            """#, to: "box.py", in: folder)
        let run = try TestSupport.run(TestSupport.python, [script, exported, String(inset)])
        try #require(run.status == 0, "shapely: \(run.stderr)")
        let expected = try TestSupport.json(run.stdout)
        bbox = try #require(expected["bbox"] as? [Double])
        must = Set(expected["must"] as? [String] ?? [])
        never = Set(expected["never"] as? [String] ?? [])
    }

    /// The box as the `bbox` parameter writes it.
    var parameter: String { bbox.map { String($0) }.joined(separator: ",") }
}
