import Foundation
import GeoCore

/// A CAD drawing (DXF, or DWG saved as DXF) as survey and design institutes deliver site
/// outlines: lines and hatches, and TEXT/MTEXT labels, each on a CAD layer. GDAL's DXF driver gives
/// every entity as a feature of one layer, with its CAD layer, handle, subclasses and text, its
/// text decoded by the drawing's code page ($DWGCODEPAGE).
public struct CADDrawing: Sendable {
    /// One entity of the drawing, with what a person needs to find it in AutoCAD.
    public struct Entity: Sendable, CustomStringConvertible {
        /// Its place among the drawing's entities, from 1.
        public let number: Int
        /// Its handle, which AutoCAD's selection by handle finds; R12 drawings may have none.
        public let handle: String?
        /// LWPOLYLINE, POLYLINE, HATCH, TEXT, MTEXT, ...; nil in an R12 drawing, which does not say.
        public let type: String?
        public let layer: String
        /// The text of a TEXT or MTEXT entity, its formatting removed.
        public let text: String?
        public let geometry: Geometry

        public var description: String {
            "\(type ?? "entity") \(handle ?? "#\(number)") on layer \(layer)"
        }
    }

    public let path: String
    /// Lines, polygons (hatches) and collections: what may outline an area.
    public let shapes: [Entity]
    /// TEXT and MTEXT entities.
    public let texts: [Entity]

    /// Whether `path` names a CAD drawing.
    public static func isDrawing(_ path: String) -> Bool { (path as NSString).pathExtension.lowercased() == "dxf" }

    /// Reads the drawing at `path`, refusing one of more than `maxFeatures` entities as `VectorReader` does.
    public init(_ path: String, maxFeatures: Int? = nil) throws {
        let read = try VectorReader.read(path, maxFeatures: maxFeatures)
        var shapes: [Entity] = [], texts: [Entity] = []
        for (index, feature) in read.features.enumerated() {
            guard let geometry = feature.geometry, !geometry.isEmpty else { continue }
            func field(_ name: String) -> String? {
                read.fieldIndex(name).map { feature.values[$0].description }.flatMap { $0.isEmpty ? nil : $0 }
            }
            let text = field("Text").map { $0.components(separatedBy: .newlines).joined().trimmingCharacters(in: .whitespaces) }
            let entity = Entity(number: index + 1, handle: field("EntityHandle"),
                                type: field("SubClasses").flatMap(Self.entityType), layer: field("Layer") ?? "0",
                                text: geometry.kind == .point ? text : nil, geometry: geometry)
            if geometry.kind == .point {
                // A HATCH's Text is its pattern's name; only a point carries a label.
                if let text, !text.isEmpty { texts.append(entity) }
            } else if geometry.kind != .multiPoint {
                shapes.append(entity)
            }
        }
        self.path = path
        self.shapes = shapes
        self.texts = texts
    }

    /// The entity type AutoCAD names, from the subclass markers of a drawing since R13.
    private static func entityType(_ subclasses: String) -> String? {
        let names = ["AcDbPolyline": "LWPOLYLINE", "AcDb2dPolyline": "POLYLINE", "AcDb3dPolyline": "POLYLINE",
                     "AcDbHatch": "HATCH", "AcDbText": "TEXT", "AcDbMText": "MTEXT", "AcDbLine": "LINE",
                     "AcDbCircle": "CIRCLE", "AcDbArc": "ARC", "AcDbEllipse": "ELLIPSE", "AcDbSpline": "SPLINE"]
        // The most specific marker comes last (AcDbEntity:AcDbCircle:AcDbArc is an ARC).
        return subclasses.split(separator: ":").reversed().lazy.compactMap { names[String($0)] }.first
    }
}
