import GeoCore
import GeoIO

/// The project's key areas, for placing a case or an inspection that names one: a hotline row
/// without coordinates whose 地址 is exactly a key area's name (or code) is put at a point on that
/// key area, flagged approximate; a located case inside a key area's outline takes its code and type.
struct KeyAreaPlaces {
    struct Place {
        let code: String
        let areaType: String?
        let district: String?
        /// A point on the key area (inside a polygon, on a line), in the project CRS.
        let point: Geometry
        let outline: Geometry?
    }

    private let places: [Place]
    /// By code, and by name where no other key area has that name.
    private let byText: [String: [Int]]
    private let outlines: [(PreparedGeometry, Int)]

    /// No key areas: every row must be located by its coordinates.
    init() { (places, byText, outlines) = ([], [:], []) }

    init(_ layer: FeatureLayer) throws {
        var places: [Place] = [], byText: [String: [Int]] = [:], outlines: [(PreparedGeometry, Int)] = []
        for index in layer.features.indices {
            guard let geometry = layer.features[index].geometry, !geometry.isEmpty, let code = layer.text("code", at: index) else { continue }
            let outline = geometry.kind.isPolygonal ? geometry : nil
            places.append(Place(code: code, areaType: layer.text("area_type", at: index), district: layer.text("district", at: index),
                                point: try geometry.pointOnSurface(), outline: outline))
            byText[code, default: []].append(places.count - 1)
            if let name = layer.text("name", at: index), name != code { byText[name, default: []].append(places.count - 1) }
            if let outline { outlines.append((try PreparedGeometry(outline), places.count - 1)) }
        }
        (self.places, self.byText, self.outlines) = (places, byText, outlines)
    }

    enum Lookup { case none, one(Place), several(Int) }

    /// The key area `text` names exactly (trimmed): by its code, or by a name only it has.
    func named(_ text: String) -> Lookup {
        let matches = byText[text.trimmingCharacters(in: .whitespaces)] ?? []
        switch Set(matches.map { places[$0].code }).count {
        case 0: return .none
        case 1: return .one(places[matches[0]])
        case let count: return .several(count)
        }
    }

    /// The first key area whose outline holds `point`.
    func containing(_ point: Geometry) -> Place? {
        outlines.first { $0.0.covers(point) }.map { places[$0.1] }
    }
}
