import Foundation
import GeoCore
import GeoIO

/// Site outlines from a CAD drawing, as survey and design institutes deliver them: each closed
/// polyline or hatch is a site, placed in the project CRS, and the label (TEXT/MTEXT) inside it
/// gives its code. What does not add up is listed, each naming its entity: a line that does not
/// close, an outline without a label or with labels of several sites, a label outside every
/// outline or inside more than one.
struct CADOutlines {
    /// The outlines by code, in the project CRS; a site drawn in parts, each labelled with its
    /// code, is one multi-polygon.
    private(set) var outlines: [String: Geometry] = [:]
    /// The label each code was read from.
    private(set) var labels: [String: String] = [:]
    private(set) var problems: [String] = []
    /// Outlines that were invalid and repaired, and what GEOS found.
    private(set) var repairs: [String] = []
    /// The drawing's coordinate system, declared or told by its Gauss-Krüger coordinates.
    let system: CoordinateSystem

    /// Reads the drawing at `path`.
    /// - Parameters:
    ///   - outlineLayer, labelLayer: the CAD layers of the outlines and of the labels; by
    ///     default every line and hatch, every text.
    ///   - codes: what a label may say (without spaces), and the code it stands for: a form's codes,
    ///     and its names where no two rows share one. Other texts are no labels unless they are on
    ///     `labelLayer`. Nil takes every label's text as a code.
    ///   - option: how the user declares the drawing's CRS (--crs, --geometry-crs).
    ///   - maxFeatures: the most entities the drawing may hold (`VectorReader`).
    init(_ path: String, declared: CoordinateSystem?, outlineLayer: String?, labelLayer: String?, codes: [String: String]?,
         zone: GaussKrugerZone, option: String, maxFeatures: Int?) throws {
        let drawing = try CADDrawing(path, maxFeatures: maxFeatures)
        let shapes = try Self.entities(drawing.shapes, on: outlineLayer, of: path, kind: "lines or hatches")
        let texts = try Self.entities(drawing.texts, on: labelLayer, of: path, kind: "texts")
        let extent = Envelope.union(of: shapes.compactMap(\.geometry.envelope))
        system = try zone.system(of: path, extent: extent, declared: declared, option: option)

        let sites = try place(shapes, crs: zone.projectCRS)
        let found = try labels(sites, texts, codes: codes, labelLayer: labelLayer, crs: zone.projectCRS)
        var parts: [String: [Geometry]] = [:]
        for (site, inside) in zip(sites, found) {
            let named = Set(inside.map(\.code))
            switch named.count {
            case 0:
                problems.append("\(site.entity) has no label" + (codes == nil ? "" : " naming a row of the form"))
            case 1:
                parts[inside[0].code, default: []].append(site.outline)
                labels[inside[0].code] = inside[0].text
            default:
                problems.append("\(site.entity) holds the labels of \(named.count) sites: "
                                + inside.map { "'\($0.text)'" }.joined(separator: ", ")
                                + (labelLayer == nil ? " (--label-layer picks the layer of the codes)" : ""))
            }
        }
        outlines = try parts.mapValues { $0.count == 1 ? $0[0] : try Geometry.multiPolygon($0) }
    }

    private typealias Site = (entity: CADDrawing.Entity, outline: Geometry)

    /// The shapes as outlines in `crs`: lines must close; a hatch filling a polyline is the outline
    /// drawn twice, and counted once.
    private mutating func place(_ shapes: [CADDrawing.Entity], crs: CRS) throws -> [Site] {
        let intake = GeometryIntake(into: crs, polygonsOnly: true)
        var sites: [Site] = [], drawn = Set<[UInt8]>()
        for shape in shapes {
            do {
                let placed = try intake.place(shape.geometry, from: system)
                guard drawn.insert(try placed.geometry.normalized().wkb).inserted else { continue }
                sites.append((shape, placed.geometry))
                if let reason = placed.repairedBecause { repairs.append("\(shape): \(reason), repaired") }
            } catch let problem as GeometryIntake.Problem {
                problems.append("\(shape): \(problem)")
            }
        }
        return sites
    }

    /// For each site, the labels inside it (their text and the code it stands for); a label
    /// outside every site or inside several is listed.
    private mutating func labels(_ sites: [Site], _ texts: [CADDrawing.Entity], codes: [String: String]?, labelLayer: String?,
                                 crs: CRS) throws -> [[(text: String, code: String)]] {
        let index = STRtree(sites.map(\.outline))
        let prepared = try sites.map { try PreparedGeometry($0.outline) }
        let intake = GeometryIntake(into: crs, polygonsOnly: false)
        var inside = [[(text: String, code: String)]](repeating: [], count: sites.count)
        for text in texts {
            guard let said = text.text else { continue }
            let code: String
            if let codes {
                if let known = codes[Self.key(said)] { code = known } else {
                    // Off the label layer, a text that names no row is some other note of the drawing.
                    if labelLayer != nil { problems.append("label '\(said)' (\(text)) names no row of the form") }
                    continue
                }
            } else {
                code = said
            }
            do {
                let point = try intake.place(text.geometry, from: system).geometry
                let holders = index.query(point.envelope!).filter { prepared[$0].covers(point) }
                switch holders.count {
                case 0: problems.append("label '\(said)' (\(text)) lies outside every outline")
                case 1: inside[holders[0]].append((said, code))
                default:
                    problems.append("label '\(said)' (\(text)) lies inside \(holders.count) outlines: "
                                    + holders.map { sites[$0].entity.description }.joined(separator: ", "))
                }
            } catch let problem as GeometryIntake.Problem {
                problems.append("label '\(said)' (\(text)): \(problem)")
            }
        }
        return inside
    }

    /// The labelled outlines as a layer to import, in `crs`, by code: each named by its label,
    /// which is all a drawing says of it.
    func layer(_ path: String, crs: CRS) -> FeatureLayer {
        FeatureLayer(source: path, name: "outlines", fields: [Field("code", .string), Field("name", .string)],
                     features: outlines.keys.sorted().map { code in
                         Feature(values: [.string(code), .string(labels[code]!)], geometry: outlines[code])
                     },
                     coordinateSystem: .crs(crs))
    }

    /// How a label and a code are compared: without spaces and line breaks (a label may wrap).
    static func key(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// The entities on `layer`, or all of them; a layer with none is refused, naming those that have some.
    private static func entities(_ all: [CADDrawing.Entity], on layer: String?, of path: String, kind: String) throws -> [CADDrawing.Entity] {
        let file = (path as NSString).lastPathComponent
        guard let layer else {
            if all.isEmpty && kind != "texts" { throw InventoryError.noCADEntities(file, kind: kind, layer: nil, layers: []) }
            return all
        }
        let chosen = all.filter { $0.layer == layer }
        guard chosen.isEmpty else { return chosen }
        let counts = Dictionary(grouping: all, by: \.layer).map { "\($0.key) (\($0.value.count))" }.sorted()
        throw InventoryError.noCADEntities(file, kind: kind, layer: layer, layers: counts)
    }
}
