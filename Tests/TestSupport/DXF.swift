import Foundation

/// A DXF drawing written by hand, group code and value a line each, the way AutoCAD writes the
/// entities survey institutes deliver: R12 (AC1009: POLYLINE, VERTEX, SEQEND and TEXT, without
/// subclass markers) or R2000 (AC1015: LWPOLYLINE, TEXT, MTEXT, HATCH). Saved in GBK with
/// $DWGCODEPAGE ANSI_936, as a Chinese AutoCAD saves it.
public struct DXF {
    public enum Version: String, Sendable { case r12 = "AC1009", r2000 = "AC1015" }

    public let version: Version
    private var entities = ""

    public init(_ version: Version) { self.version = version }

    private mutating func add(_ groups: [(Int, Any)]) {
        for (code, value) in groups { entities += String(repeating: " ", count: max(0, 3 - String(code).count)) + "\(code)\n\(value)\n" }
    }

    private func common(_ handle: String, _ layer: String, _ subclass: String) -> [(Int, Any)] {
        version == .r12 ? [(5, handle), (8, layer)] : [(5, handle), (100, "AcDbEntity"), (8, layer), (100, subclass)]
    }

    /// A polyline through `points`, flagged closed or not (its points as given: repeat the first
    /// at the end, or not): POLYLINE with VERTEX entities in R12, LWPOLYLINE in R2000.
    public mutating func polyline(_ handle: String, layer: String, _ points: [(Double, Double)], closed: Bool) {
        if version == .r12 {
            add([(0, "POLYLINE")] + common(handle, layer, "") + [(66, 1), (10, 0), (20, 0), (30, 0), (70, closed ? 1 : 0)])
            for (x, y) in points { add([(0, "VERTEX"), (8, layer), (10, x), (20, y), (30, 0)]) }
            add([(0, "SEQEND"), (8, layer)])
        } else {
            add([(0, "LWPOLYLINE")] + common(handle, layer, "AcDbPolyline") + [(90, points.count), (70, closed ? 1 : 0)])
            for (x, y) in points { add([(10, x), (20, y)]) }
        }
    }

    /// A TEXT, or in R2000 an MTEXT whose text may carry formatting codes.
    public mutating func text(_ handle: String, layer: String, at point: (Double, Double), _ text: String, mtext: Bool = false) {
        add([(0, mtext ? "MTEXT" : "TEXT")] + common(handle, layer, mtext ? "AcDbMText" : "AcDbText")
            + [(10, point.0), (20, point.1), (30, 0), (40, 2.5), (1, text)])
    }

    /// A solid HATCH bounded by one polyline path through `points` (R2000).
    public mutating func hatch(_ handle: String, layer: String, _ points: [(Double, Double)]) {
        add([(0, "HATCH")] + common(handle, layer, "AcDbHatch")
            + [(10, 0), (20, 0), (30, 0), (210, 0), (220, 0), (230, 1), (2, "SOLID"), (70, 1), (71, 0), (91, 1),
               (92, 2), (72, 0), (73, 1), (93, points.count)])
        for (x, y) in points { add([(10, x), (20, y)]) }
        add([(97, 0), (75, 0), (76, 1), (98, 0)])
    }

    /// The drawing as text: header, entities, end.
    public var text: String {
        "  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\n\(version.rawValue)\n  9\n$DWGCODEPAGE\n  3\nANSI_936\n  0\nENDSEC\n"
            + "  0\nSECTION\n  2\nENTITIES\n" + entities + "  0\nENDSEC\n  0\nEOF\n"
    }

    /// Writes the drawing to `name` in `folder` in GBK and returns its path.
    @discardableResult
    public func write(to name: String, in folder: URL) throws -> String {
        let utf8 = try TestSupport.write(text, to: name + ".utf8", in: folder)
        let path = folder.appendingPathComponent(name).path
        let run = try TestSupport.run("/bin/sh", ["-c", "iconv -f UTF-8 -t GBK '\(utf8)' > '\(path)' && rm '\(utf8)'"])
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return path
    }

    /// A drawing written by GDAL's own DXF writer (ogr2ogr -f DXF) from WKT shapes on CAD layers,
    /// a shape with a label becoming an MTEXT; its UTF-8 layer names then saved in GBK with
    /// $DWGCODEPAGE ANSI_936, as GDAL 3.6 writes them under ANSI_1252.
    public static func byGDAL(_ shapes: [(wkt: String, layer: String, label: String?)], to name: String, in folder: URL) throws -> String {
        let rows = shapes.map { shape in
            let style = shape.label.map { "LABEL(f:\"\"Arial\"\",t:\"\"\($0)\"\")" } ?? "PEN(c:#000000)"
            return "\"\(shape.wkt)\",\(shape.layer),\"\(style)\""
        }
        let csv = try TestSupport.write((["WKT,Layer,style"] + rows).joined(separator: "\n") + "\n", to: name + ".csv", in: folder)
        let written = folder.appendingPathComponent(name + ".gdal.dxf").path
        let conversion = try TestSupport.run("ogr2ogr", ["-f", "DXF", written, csv, "-sql", "SELECT Layer, style AS OGR_STYLE FROM \"\(name)\""])
        guard conversion.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: conversion.stderr]) }
        let path = folder.appendingPathComponent(name).path
        let run = try TestSupport.run("/bin/sh", ["-c", "sed 's/ANSI_1252/ANSI_936/' '\(written)' | iconv -f UTF-8 -t GBK > '\(path)'"])
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return path
    }
}
