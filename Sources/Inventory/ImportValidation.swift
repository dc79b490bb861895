import Foundation
import GeoCore
import GeoIO

/// Checks every feature of an import source before anything is written, and says what is wrong
/// with each bad one: no geometry, the wrong kind of geometry, coordinates that cannot be where
/// the CRS says, a required field empty, a value of the wrong type, a code given twice.
struct ImportValidation {
    let schema: LayerSchema
    let importer: Importer
    let crs: CRS

    /// One source feature, ready to write (values in the schema's field order, geometry in the
    /// project CRS) or with the reasons it cannot be.
    struct Candidate: Sendable {
        let index: Int
        let description: String
        var code: String
        /// Whether the code was derived (`FeatureCode`) because the source gave none.
        let codeIsDerived: Bool
        var values: [AttributeValue]
        var geometry: Geometry
        var problems: [String]
        var repair: String?
        let sourceFeature: Feature
        /// What the person importing should hear about it, though nothing is wrong with it.
        var notes: [String] = []
        /// Whether it lies outside the project's extent (a wrong CRS puts a file hundreds of km off).
        var outside = false
        /// A row without coordinates, to be placed at the key area its `placedByKeyArea` field names.
        var awaitsKeyArea = false
    }

    /// What `check` found: the source as read, every feature checked, and what the person
    /// importing should hear about the source as a whole (columns not used, layers read).
    struct Checked {
        let source: FeatureLayer
        var candidates: [Candidate]
        var notes: [String] = []
        /// What is wrong with the source that is no one feature's (a drawing's label outside every
        /// outline): it refuses the import like a bad feature.
        var problems: [String] = []
    }

    func check() throws -> Checked {
        var explicit = importer.fieldMap
        if let codeField = importer.codeField { explicit["code"] = codeField }
        let zone = GaussKrugerZone(projectCRS: crs, projectExtent: projectExtent)
        // A drawing alone: its labelled outlines are the features.
        let drawing = try given == nil && CADDrawing.isDrawing(importer.source)
            ? CADOutlines(importer.source, declared: importer.declared, outlineLayer: importer.outlineLayer, labelLayer: importer.labelLayer,
                          codes: nil, zone: zone, option: "--crs", maxFeatures: importer.maxFeatures)
            : nil
        let read = try given ?? drawing?.layer(importer.source, crs: crs)
            ?? VectorReader.read(importer.source, layer: importer.sourceLayer, declaredCoordinateSystem: importer.declared,
                                 encoding: importer.encoding, maxFeatures: importer.maxFeatures)
        let source = try HeaderRow.locate(in: read, schema: schema, explicit: explicit)
        if source.coordinateSystem == nil && source.features.contains(where: { $0.geometry != nil }) {
            throw LayerError.noCoordinateSystem(importer.source)
        }
        let location = SurveyLocation(source, declared: importer.declared, projectCRS: crs, projectExtent: projectExtent)
        let headers = try FormHeaders.match(schema, in: source, explicit: explicit, locatedBy: location?.columns ?? [])
        let joined = try importer.geometrySource.map { path in
            try JoinedPolygons(path: path, declared: importer.geometryDeclared, zone: zone, outlineLayer: importer.outlineLayer,
                               labelLayer: importer.labelLayer, codes: Self.labels(of: source, headers: headers),
                               maxFeatures: importer.maxFeatures)
        }

        // Spreadsheets end in blank rows more often than not; they are no features.
        let rows = source.features.indices.filter { index in
            source.features[index].geometry != nil
                || source.features[index].values.contains { !$0.description.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        var candidates = try rows.parallelMap { index in
            try candidate(index, in: source, drawnIn: drawing?.system, headers: headers, location: location, joined: joined)
        }
        // Prepared geometries are not shared between threads: key areas and grid cells are looked up here.
        for index in candidates.indices { placeByKeyArea(&candidates[index], headers: headers, location: location) }
        var firstWithCode: [String: Int] = [:]
        for index in candidates.indices where !candidates[index].code.isEmpty {
            let code = candidates[index].code
            if let first = firstWithCode[code] {
                candidates[index].problems.append("\(schema.fields[0].alias) \(code) appears again (first in \(candidates[first].description))")
            } else {
                firstWithCode[code] = index
            }
        }
        let file = importer.sourceLabel
        let good = candidates.filter(\.problems.isEmpty)
        return Checked(source: source, candidates: candidates,
                       notes: layersRead(source) + headers.notes(schema, source: importer.source) + good.flatMap(\.notes)
                           + outlinesWithoutRows(joined, codes: Set(candidates.map(\.code))) + outsideTheProject(good)
                           + (drawing?.repairs.map { "\(file): \($0)" } ?? []) + (joined?.repairs ?? []),
                       problems: (drawing?.problems ?? []) + (joined?.problems ?? []))
    }

    /// What a drawing's labels may say to name a row of a form, and the row's code: its code, and
    /// its name where no other row has it.
    private static func labels(of source: FeatureLayer, headers: FormHeaders.Matched) -> [String: String] {
        func column(_ field: Int) -> [String] {
            headers.columns[field].map { column in source.features.map { $0.values[column.index].description } } ?? []
        }
        let codes = column(0), names = column(1)
        var labels: [String: String] = [:]
        for (name, rows) in Dictionary(grouping: zip(names, codes), by: { CADOutlines.key($0.0) }) where rows.count == 1 && !name.isEmpty {
            labels[name] = rows[0].1
        }
        for code in codes where !code.isEmpty { labels[CADOutlines.key(code)] = code }
        return labels
    }

    /// The outlines of `--geometry` whose 编号 no row has: not imported, and said so.
    private func outlinesWithoutRows(_ joined: JoinedPolygons?, codes: Set<String>) -> [String] {
        guard let joined, case let orphans = joined.outlines.keys.filter({ !codes.contains($0) }).sorted(), !orphans.isEmpty else { return [] }
        return ["\(importer.geometrySource ?? ""): \(orphans.count) outline(s) whose \(schema.fields[0].alias) no row has, not imported: "
                + orphans.joined(separator: ", ")]
    }

    /// Features lying outside the project's districts and built-up areas: a file whose stated CRS
    /// is wrong lands far away without any other sign.
    private func outsideTheProject(_ candidates: [Candidate]) -> [String] {
        let outside = candidates.filter(\.outside)
        guard !outside.isEmpty else { return [] }
        return ["\(importer.source): \(outside.count) feature(s) lie outside the project's extent (its districts and built-up areas): "
                + outside.prefix(3).map(\.description).joined(separator: ", ") + (outside.count > 3 ? ", …" : "")
                + "; if the file's stated CRS is wrong, declare the right one with --crs"]
    }

    /// Which of the source's layers were read, where it has several that hold features.
    private func layersRead(_ source: FeatureLayer) -> [String] {
        let file = importer.sourceLabel, kind = source.layerKind
        if source.parts.count > 1 {
            let parts = source.parts.map { "\($0.name) (\($0.count) features)" }.joined(separator: ", ")
            return ["\(file): read its \(source.parts.count) \(kind)s one after another: \(parts)"]
        }
        let others = source.unreadLayers, option = kind == "sheet" ? "--sheet" : "--layer"
        guard let first = others.first else { return [] }
        let how = others.count == 1 ? "\(first) holds features too (\(option) \(first) imports it)"
            : "\(others.joined(separator: ", ")) hold features too (\(option) NAME imports one)"
        return ["\(file): read only its first \(kind), \(source.name); \(how)"]
    }

    /// Where the project's data lies, for telling whether survey positions are plausible.
    var projectExtent: Envelope?
    /// Features given whole instead of read from `importer.source` (an edit): checked alike.
    var given: FeatureLayer?

    /// A feature named by where it is in the source (its row in a spreadsheet) and by its name
    /// where it has one.
    private func describe(_ index: Int, in source: FeatureLayer, name: AttributeValue) -> String {
        source.position(index) + (name == .null ? "" : " (\"\(name)\")")
    }

    /// `drawnIn`: for a drawing alone, the coordinate system it was drawn in (its outlines are in the
    /// project's already), which `source` records.
    private func candidate(_ index: Int, in source: FeatureLayer, drawnIn: CoordinateSystem?, headers: FormHeaders.Matched,
                           location: SurveyLocation?, joined: JoinedPolygons?) throws -> Candidate {
        let feature = source.features[index]
        let columns = headers.columns
        var problems: [String] = []
        var values: [AttributeValue] = schema.fields.indices.map { field in
            guard let column = columns[field] else { return .null }
            let spec = schema.fields[field]
            do {
                let value = try Self.convert(feature.values[column.index], to: spec.field.kind)
                if let unit = column.areaUnit, let number = value.doubleValue { return .real(number * unit) }
                return value
            } catch {
                problems.append("column \(column.header): '\(feature.values[column.index])' is not \(spec.field.kind == .integer ? "a whole number" : "a number")")
                return .null
            }
        }
        for (field, spec) in schema.fields.enumerated() {
            guard let column = columns[field], case let .string(text) = values[field] else { continue }
            if spec.isDate {
                if let date = Self.isoDate(text) { values[field] = .string(date) } else {
                    problems.append("column \(column.header): '\(text)' is not a date (write 2017-05-01)")
                }
            }
            if spec.isMoment {
                if let moment = Self.isoMoment(text) { values[field] = .string(moment) } else {
                    problems.append("column \(column.header): '\(text)' is not a date and time (write 2017-05-01 09:30)")
                }
            }
            if !spec.allowed.isEmpty && !spec.allowed.contains(text) {
                problems.append("column \(column.header): '\(text)' is not one of \(spec.allowed.joined(separator: ", "))")
            }
            if spec.field.name == "district" {
                if let code = Counties.code(for: text) { values[field] = .string(code) } else {
                    problems.append("column \(column.header): '\(text)' is neither an administrative code nor a county habitat knows"
                                    + (Counties.completion(of: text).map { " (did you mean \($0)?)" } ?? ""))
                }
            }
        }
        if let ownDistrict = importer.ownDistrict, let district = schema.fieldNames.firstIndex(of: "district"), values[district] == .null {
            values[district] = .string(ownDistrict)
        }
        let description = describe(index, in: source, name: values[1])
        var geometry = try Geometry.multiPolygon([])
        var repair: String?
        var system = source.coordinateSystem
        var outlined = false, outside = false, placedByFile = false, awaitsKeyArea = false
        do {
            var intake = GeometryIntake(into: crs, polygonsOnly: !schema.takesPoints)
            intake.refusesOpenLines = schema.content == .polygons
            let placed: GeometryIntake.Placed?
            if let outline = joined?.outlines[values[0].description] {
                outlined = true
                // A surveyed outline always wins over a point.
                (placed, system) = (try intake.place(outline, from: joined!.system), joined!.drawnIn)
            } else if let joined, joined.isDrawing {
                throw GeometryIntake.Problem("\(schema.fields[0].alias) \(values[0]) has no outline in \(joined.file) (no label inside one names it)")
            } else if let original = feature.geometry {
                placedByFile = importer.declared == nil && system != nil
                placed = try intake.place(original, from: try system ?? .crs(crs))
            } else if let located = try location?.locate(feature.values) {
                system = located.system
                placed = try intake.place(located.point, from: located.system)
                if let extent = projectExtent, let envelope = placed?.geometry.envelope, !extent.contains(envelope) {
                    throw GeometryIntake.Problem("the point (\(Int(envelope.minX)), \(Int(envelope.minY))) in \(crs) lies outside the project's extent (its districts and built-up areas)")
                }
            } else if schema.placedByKeyArea != nil {
                // Placed after the check of every row, at the key area it names (`placeByKeyArea`).
                awaitsKeyArea = true
                placed = nil
            } else {
                throw GeometryIntake.Problem(location.map { "has no location (\($0.pairs) are empty)" }
                    ?? (source.isTable ? "has no location (no geometry, no 经度/纬度 or X/Y columns)" : "has no geometry"))
            }
            if let placed {
                geometry = placed.geometry.kind.isPolygonal ? try Geometry.multiPolygon([placed.geometry]) : placed.geometry
                if let extent = projectExtent, let envelope = geometry.envelope { outside = !extent.contains(envelope) }
                repair = placed.repairedBecause.map { "\(description): \($0), repaired" }
            } else {
                geometry = try Geometry(wkt: "POINT EMPTY")
            }
        } catch let problem as GeometryIntake.Problem {
            problems.append(problem.description + (problem.isPosition && placedByFile
                ? "; if the file's stated CRS is wrong, declare the right one with --crs" : ""))
        }
        if columns[schema.fieldNames.firstIndex(of: "source")!] == nil {
            let system = (drawnIn ?? system).map { " (\($0))" } ?? ""
            values[schema.fieldNames.firstIndex(of: "source")!] = .string(importer.sourceLabel + system)
        }
        if problems.isEmpty {
            try approximateFootprint(&geometry, &values, outlined: outlined)
            // A polygon layer takes a point only as the footprint of its stated area.
            if schema.content == .polygons && !geometry.kind.isPolygonal {
                var problem = "is a \(geometry.kind) where a polygon is expected"
                if geometry.kind == .point, let area = schema.footprintAreaIndex {
                    if let stated = values[area].doubleValue, let column = columns[area] {
                        problem += "; its area (column \(column.header): \(feature.values[column.index])) must be positive "
                            + "for an approximate footprint (\(stated) m² is none); give it, or its outline"
                    } else {
                        problem += "; give its area (\(FormHeaders.normalized(schema.fields[area].alias))) for an approximate footprint, or its outline"
                    }
                }
                problems.append(problem)
            }
        }
        var notes: [String] = []
        if outlined, let stated = schema.footprintAreaIndex,
           let area = values[stated].doubleValue, area > 0, abs(geometry.area - area) > area / 2 {
            notes.append("\(description): its outline's area, \(Int(geometry.area.rounded())) m², is \(String(format: "%.1f", geometry.area / area))× "
                         + "its stated \(FormHeaders.normalized(schema.fields[stated].alias)), \(Int(area.rounded())) m²; check the outline and the row")
        }
        for (field, spec) in schema.fields.enumerated() {
            guard let range = spec.range, let value = values[field].doubleValue, !range.contains(value) else { continue }
            problems.append("column \(columns[field]?.header ?? spec.alias): \(values[field]) is not between "
                            + "\(String(format: "%g", range.lowerBound)) and \(String(format: "%g", range.upperBound))")
        }
        for (field, spec) in schema.fields.enumerated() {
            guard let bound = spec.atMost, let limit = schema.fieldNames.firstIndex(of: bound),
                  let value = values[field].doubleValue, let most = values[limit].doubleValue, value > most else { continue }
            problems.append("column \(columns[field]?.header ?? spec.alias): \(values[field]) is more than "
                            + "\(columns[limit]?.header ?? schema.fields[limit].alias) (\(values[limit]))")
        }
        if let area = schema.fieldNames.firstIndex(of: "area_m2"), problems.isEmpty {
            values[area] = .real(geometry.area)
        }
        let codeIsDerived = values[0] == .null && problems.isEmpty
        if codeIsDerived {
            values[0] = .string(FeatureCode.derive(prefix: schema.codePrefix, geometry: geometry, name: values[1].description))
        }
        for (field, spec) in schema.fields.enumerated() where spec.required && spec.field.name != "code" {
            guard values[field] == .null else { continue }
            problems.append(columns[field] == nil ? headers.noColumn(for: spec) : "required field \(spec.field.name) (\(spec.alias)) is empty")
        }
        return Candidate(index: index, description: description, code: values[0].description, codeIsDerived: codeIsDerived,
                         values: values, geometry: geometry, problems: problems, repair: repair, sourceFeature: feature,
                         notes: notes, outside: outside, awaitsKeyArea: awaitsKeyArea)
    }

    /// The project's key areas, for layers placed by one (`LayerSchema.placedByKeyArea`).
    var keyAreas: KeyAreaPlaces?
    /// The unit grid, for layers with a `grid_cell`.
    var gridCells: GridCellLocator?

    /// A row of a layer placed by key area: without coordinates, it is put at the key area its field
    /// names exactly, flagged approximate; with them, inside a key area's outline, it takes that key
    /// area where it names none. Either way it takes its key area's type and district where it gives
    /// none, and the grid cell it lies in.
    private func placeByKeyArea(_ candidate: inout Candidate, headers: FormHeaders.Matched, location: SurveyLocation?) {
        guard let field = schema.placedByKeyArea, candidate.problems.isEmpty else { return }
        let keyAreas = self.keyAreas ?? KeyAreaPlaces()
        let names = schema.fieldNames
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        func fill(_ name: String, _ value: String?) {
            if let position = index(name), candidate.values[position] == .null, let value { candidate.values[position] = .string(value) }
        }
        let column = headers.columns[index(field)!]?.header ?? schema.fields[index(field)!].alias
        let text = candidate.values[index(field)!].description
        var place: KeyAreaPlaces.Place?
        switch keyAreas.named(text) {
        case let .one(found): place = found
        case let .several(count) where candidate.awaitsKeyArea || field == "key_area":
            candidate.problems.append("column \(column): '\(text)' names \(count) key areas; give its 经度/纬度 or the key area's code")
            return
        default:
            // An inspection's key area must be one of the project's, placed or not.
            if field == "key_area" && !text.isEmpty {
                candidate.problems.append("column \(column): '\(text)' is no key area of the project (give a key area's code or name)")
                return
            }
            if candidate.awaitsKeyArea {
                let empty = location.map { "\($0.pairs) are empty" } ?? "no 经度/纬度 columns"
                candidate.problems.append("has no location (\(empty)) and its \(column) '\(text)' names no key area exactly")
                return
            }
        }
        if candidate.awaitsKeyArea, let place {
            candidate.geometry = place.point
            candidate.values[index("approx")!] = .integer(1)
            if candidate.codeIsDerived {
                candidate.code = FeatureCode.derive(prefix: schema.codePrefix, geometry: place.point, name: candidate.values[1].description)
                candidate.values[0] = .string(candidate.code)
            }
        } else {
            // A point its source flags as placed by its address (habitat's own export) stays flagged.
            if candidate.values[index("approx")!] != .integer(1) { candidate.values[index("approx")!] = .integer(0) }
            if place == nil, index("key_area").map({ candidate.values[$0] == .null }) ?? false {
                place = keyAreas.containing(candidate.geometry)
            }
        }
        if let place {
            if field == "key_area" { candidate.values[index("key_area")!] = .string(place.code) } else { fill("key_area", place.code) }
            fill("area_type", place.areaType)
            fill("district", place.district)
        }
        if let cell = gridCells?.cell(of: candidate.geometry) {
            if let position = index("grid_cell") { candidate.values[position] = .string(cell.code) }
            fill("district", cell.district)
        }
    }

    /// A site surveyed only as a point, with its stated area, gets a circle of that area as its
    /// footprint, flagged approximate; the point is kept in point_x, point_y. A polygon the source
    /// itself flags approximate, with its point (habitat's own export), stays so; an outline joined
    /// from --geometry is surveyed.
    private func approximateFootprint(_ geometry: inout Geometry, _ values: inout [AttributeValue], outlined: Bool) throws {
        guard let flag = schema.fieldNames.firstIndex(of: "approximate"),
              let statedArea = schema.footprintAreaIndex else { return }
        let (pointX, pointY) = (schema.fieldNames.firstIndex(of: "point_x")!, schema.fieldNames.firstIndex(of: "point_y")!)
        guard geometry.kind == .point, let area = values[statedArea].doubleValue, area > 0 else {
            let flaggedWithPoint = values[flag] == .integer(1) && values[pointX] != .null && values[pointY] != .null
            if !(flaggedWithPoint && geometry.kind.isPolygonal && !outlined) { values[flag] = .integer(0) }
            return
        }
        let xy = geometry.coordinates
        values[pointX] = .real(xy[0])
        values[pointY] = .real(xy[1])
        values[flag] = .integer(1)
        // The buffer is a polygon of 32 sides: its radius is chosen so that its area is the stated one.
        let sides = 32.0
        let radius = (2 * area / (sides * sin(2 * .pi / sides))).squareRoot()
        geometry = try Geometry.multiPolygon([geometry.buffer(radius)])
    }

    /// A date written 2017-05-01, 2017/5/1, 2017.05.01 or 2017年5月1日 (a time after it ignored),
    /// as 2017-05-01; nil for anything else, and for a day the month does not have (2018-02-30).
    static func isoDate(_ text: String) -> String? {
        let numbers = text.split { !$0.isNumber }.prefix(3).compactMap { Int($0) }
        guard numbers.count == 3, (1000...9999).contains(numbers[0]),
              DateComponents(calendar: gregorian, year: numbers[0], month: numbers[1], day: numbers[2]).isValidDate
        else { return nil }
        return String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2])
    }

    /// A date and time written as `isoDate` takes dates, the time after it (09:30, 9:30:05,
    /// 下午5:40, 5:40 PM), as 2017-05-01 17:40:00; a date alone as 2017-05-01. Times are Beijing
    /// time: one marked +08:00 is taken as it is, one marked with another zone (Z, +00:00) is
    /// refused rather than shifted by guess. Nil for anything else.
    static func isoMoment(_ text: String) -> String? {
        guard let date = isoDate(text) else { return nil }
        var rest = text.trimmingCharacters(in: .whitespaces)
        for zone in ["+08:00", "+0800", "+08"] where rest.hasSuffix(zone) { rest.removeLast(zone.count) }
        if let fraction = rest.range(of: #"(?<=:\d\d)\.\d+$"#, options: .regularExpression) { rest.removeSubrange(fraction) }
        let upper = rest.uppercased()
        let afternoon = ["下午", "晚上", "PM"].contains { upper.contains($0) }
        let morning = ["上午", "凌晨", "早上", "AM"].contains { upper.contains($0) }
        // Letters other than the date's and time's separators (T) and the half of the day: a zone, or words.
        let stray = upper.replacingOccurrences(of: "PM", with: "").replacingOccurrences(of: "AM", with: "")
            .contains { $0.isLetter && $0.isASCII && $0 != "T" }
        let numbers = rest.split { !$0.isNumber }.dropFirst(3).map { Int($0) ?? -1 }
        if numbers.isEmpty { return stray || afternoon || morning ? nil : date }
        guard !stray, numbers.count <= 3, numbers.count >= 2, (0..<24).contains(numbers[0]), (0..<60).contains(numbers[1]),
              numbers.count < 3 || (0..<60).contains(numbers[2]) else { return nil }
        var hour = numbers[0]
        if afternoon || morning {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (afternoon ? 12 : 0)
        }
        return date + String(format: " %02d:%02d:%02d", hour, numbers[1], numbers.count == 3 ? numbers[2] : 0)
    }

    private static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// A source value as the schema's field kind wants it; empty text is no value.
    static func convert(_ value: AttributeValue, to kind: Field.Kind) throws -> AttributeValue {
        struct NotANumber: Error {}
        switch (value, kind) {
        case (.null, _): return .null
        case let (.string(text), _) where text.trimmingCharacters(in: .whitespaces).isEmpty: return .null
        case (_, .string): return .string(value.description)
        case (.integer, .integer), (.real, .real): return value
        case let (.integer(number), .real): return .real(Double(number))
        case let (.real(number), .integer):
            guard number == number.rounded(), abs(number) < 9e15 else { throw NotANumber() }
            return .integer(Int64(number))
        case let (.string(text), .integer):
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw NotANumber() }
            return .integer(number)
        case let (.string(text), .real):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else { throw NotANumber() }
            return .real(number)
        }
    }

    /// Writes the rejected features beside the source, as `<source>.rejects.csv`: the feature's
    /// position, what is wrong, its attributes, and its geometry as WKT in the source's CRS. The
    /// file is complete before `beforeMoving` runs and moved in only if it succeeds.
    static func writeRejects(_ rejects: [Candidate], from original: FeatureLayer,
                             beforeMoving: () throws -> Void) throws -> String {
        let path = original.source + ".rejects.csv"
        // The file's own columns take names no source column has: a survey may well have a `problem`.
        let taken = Set(original.fields.map { $0.name.lowercased() })
        func unused(_ name: String) -> String {
            (1...).lazy.map { $0 == 1 ? name : "\(name)_\($0)" }.first { !taken.contains($0.lowercased()) }!
        }
        let layer = FeatureLayer(
            source: path, name: "rejects",
            fields: [Field(unused("feature"), .string), Field(unused("problem"), .string)] + original.fields,
            features: rejects.map { reject in
                // The position as the messages give it: "row 6", "folder 二期, feature 2".
                Feature(values: [.string(original.position(reject.index)), .string(reject.problems.joined(separator: "; "))]
                            + reject.sourceFeature.values,
                        geometry: reject.sourceFeature.geometry)
            },
            coordinateSystem: try original.coordinateSystem ?? .crs(CRS.wgs84))
        try VectorWriter.write(layer, to: path, format: .csv, beforeMoving: beforeMoving)
        return path
    }
}
