/// What the project file refuses, said for the person who tried.
public enum InventoryError: Error, Equatable, CustomStringConvertible {
    case unknownLayer(String, known: [String])
    case notAProject(String)
    case exists(String)
    case rejected(String, problems: [String])
    case noSuchFeature(layer: String, code: String)
    case badDate(String)
    case badFieldMapping(String)
    case overwritesProject(String)
    case notMetric(String)
    case unknownField(String, layer: String, fields: [String])
    case noSuchColumn(String, column: String, available: [String])
    case formFormat(String)
    case headersNotFound(String, layer: String, examples: [String], searched: Int, sheet: String, otherSheets: [String])
    case beforeFirstRecord(String, asOf: String, first: String)
    case undeclaredCRS(String, option: String, zone: String? = nil)
    case noCADEntities(String, kind: String, layer: String?, layers: [String])
    case webMapFormat(String)
    /// An editor's change outside its district (`EditScope`): the server answers 403.
    case outOfScope(editor: String, layer: String, code: String, reason: String)
    case codeTaken(layer: String, code: String)
    /// An upload refused whole: every bad feature, field and reason (`Importer.run(into:by:)`).
    case uploadRejected(String, rejects: [UploadReject])
    case unzipsTooLarge(String, size: Int64, limit: Int64)
    case badUploadName(String)

    /// How many problems a message lists before it only counts the rest.
    static let listed = 30

    public var description: String {
        switch self {
        case let .unknownLayer(name, known):
            "no layer '\(name)' in a habitat project (layers: \(known.joined(separator: ", ")))"
        case let .notAProject(path): "\(path): not a habitat project (make one with habitat init)"
        case let .exists(path): "\(path): " + (path.hasPrefix("postgresql://") ? "that schema is already there" : "a file is already there")
        case let .rejected(source, problems):
            "\(source): \(problems.count) problem(s), nothing imported (--skip-invalid imports the good features):\n  "
                + problems.prefix(Self.listed).joined(separator: "\n  ")
                + (problems.count > Self.listed ? "\n  … and \(problems.count - Self.listed) more; --skip-invalid writes every one beside the source" : "")
        case let .noSuchFeature(layer, code): "\(layer) has no feature with code \(code)"
        case let .badDate(text): "'\(text)' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS(.sss)Z"
        case let .badFieldMapping(text): "'\(text)' is not a field mapping; write TARGET=SOURCE, for example name=厂区名称"
        case let .unknownField(field, layer, fields):
            "\(layer) has no field '\(field)' (fields: \(fields.joined(separator: ", ")))"
        case let .notMetric(crs):
            "\(crs) is not projected in metres; a project needs one such as EPSG:4544 (Qujing) or a UTM zone"
        case let .formFormat(path): "\(path): a form is written as .xlsx or .csv"
        case let .overwritesProject(path): "\(path) is the project file itself; export to another file"
        case let .noSuchColumn(source, column, available):
            "\(source): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case let .beforeFirstRecord(path, instant, first):
            "\(path): as of \(instant) the project held nothing yet: its first change was recorded at \(first). --as-of "
                + "reads the inventory as it was recorded then, not the real-world dates of parks or renovations; "
                + "for a report month use --month, for a year's indicators --year"
        case let .undeclaredCRS(file, option, nil):
            "\(file): the file states no coordinate reference system and its coordinates are not Gauss-Krüger metres; "
                + "declare the one they are in with \(option) (an EPSG code, gcj02 or bd09)"
        case let .undeclaredCRS(file, _, zone?):
            "\(file): the file states no coordinate reference system, and \(zone)"
        case let .noCADEntities(file, kind, nil, _): "\(file): the drawing holds no \(kind)"
        case let .noCADEntities(file, kind, layer?, layers):
            "\(file): no \(kind) on layer \(layer)" + (layers.isEmpty ? "" : " (layers with \(kind): \(layers.joined(separator: ", ")))")
        case let .webMapFormat(path):
            "\(path): positions shifted for Amap, Tencent or Baidu (--to-crs) go only to .geojson, .kml, .kmz or .csv; "
                + "a GeoPackage, shapefile or workbook keeps true coordinates"
        case let .headersNotFound(source, layer, examples, searched, sheet, otherSheets):
            "\(source): the headers of \(layer) were not found: none of the first \(searched) rows names a column such as "
                + "\(examples.joined(separator: ", ")); put the headers in one row above the data, or name columns with --field TARGET=HEADER"
                + (otherSheets.isEmpty ? "" : "; that was sheet \(sheet), and \(otherSheets.joined(separator: ", ")) "
                    + (otherSheets.count == 1 ? "holds data: --sheet \(otherSheets[0]) reads it" : "hold data: --sheet NAME reads one"))
        case let .outOfScope(editor, layer, code, reason): "\(editor) may not change \(layer) \(code): \(reason); nothing changed"
        case let .codeTaken(layer, code): "\(layer) already has a feature with code \(code)"
        case let .uploadRejected(source, rejects):
            "\(source): \(rejects.count) problem(s), nothing imported:\n  "
                + rejects.prefix(Self.listed).map { "\($0.feature)\($0.field.isEmpty ? "" : ", \($0.field)"): \($0.reason)" }.joined(separator: "\n  ")
                + (rejects.count > Self.listed ? "\n  … and \(rejects.count - Self.listed) more" : "")
        case let .unzipsTooLarge(source, size, limit):
            "\(source): unzipped it would take at least \(size) bytes, more than the \(limit) accepted; nothing imported"
        case let .badUploadName(name): "'\(name.replacingOccurrences(of: "\0", with: "\\0"))' is no file name an upload may have"
        }
    }
}
