/// The fields OGR's GeoJSON driver makes of a collection's properties: one per name, typed by
/// every value it takes, in the order the features write them. Where OGR's choice is not
/// certain to be reproduced (text mixed with numbers, booleans with numbers, an order the
/// features disagree on), `Unsupported`.
struct GeoJSONSchema {
    private enum Kind { case onlyNulls, boolean, integer, real, string }

    private(set) var names: [String] = []
    private var kinds: [Kind] = []
    private var columns: [String: Int] = [:]
    /// Pairs of columns written one right after the other by some feature (first × count + second).
    private var successions: Set<Int> = []
    private var lastFeature: [Int] = []
    private var featureCount = 0

    /// Takes in the next feature's properties.
    mutating func add(_ properties: [(key: String, value: GeoJSONFeature.Value)]) throws {
        featureCount += 1
        var previous: Int?
        for (key, value) in properties {
            let column = columns[key] ?? newColumn(key)
            guard lastFeature[column] != featureCount else { throw JSONCursor.Unsupported(what: "a property named twice") }
            lastFeature[column] = featureCount
            kinds[column] = try Self.kind(kinds[column], taking: value)
            if let previous { successions.insert(previous << 32 | column) }
            previous = column
        }
    }

    private mutating func newColumn(_ name: String) -> Int {
        columns[name] = names.count
        names.append(name)
        kinds.append(.onlyNulls)
        lastFeature.append(0)
        return names.count - 1
    }

    private static func kind(_ kind: Kind, taking value: GeoJSONFeature.Value) throws -> Kind {
        switch (kind, value) {
        case (_, .null): return kind
        case (.onlyNulls, .boolean), (.boolean, .boolean): return .boolean
        case (.onlyNulls, .number(.integer)), (.integer, .number(.integer)): return .integer
        case (.onlyNulls, .number(.real)), (.integer, .number(.real)), (.real, .number): return .real
        case (.onlyNulls, .string), (.string, .string): return .string
        default: throw JSONCursor.Unsupported(what: "a property taking values of different kinds")
        }
    }

    /// The fields, once every feature is in. OGR orders the names so that each feature's come in
    /// its own order; that is the order of first appearance here only when no feature contradicts
    /// it and every two neighbours in it were neighbours in some feature (the order is then the
    /// only one the features allow).
    func fields() throws -> [Field] {
        for pair in successions where pair >> 32 >= pair & 0xFFFF_FFFF {
            throw JSONCursor.Unsupported(what: "features that order their properties differently")
        }
        for column in names.indices.dropLast() where !successions.contains(column << 32 | (column + 1)) {
            throw JSONCursor.Unsupported(what: "an order of the properties the features leave open")
        }
        return zip(names, kinds).map { name, kind in
            switch kind {
            case .boolean, .integer: Field(name, .integer)
            case .real: Field(name, .real)
            case .onlyNulls, .string: Field(name, .string)
            }
        }
    }

    /// A feature's values, in the order of the fields, as OGR gives them.
    func values(_ properties: [(key: String, value: GeoJSONFeature.Value)]) -> [AttributeValue] {
        var values = [AttributeValue](repeating: .null, count: names.count)
        for (key, value) in properties {
            let column = columns[key]!
            switch value {
            case .null: break
            case let .boolean(truth): values[column] = .integer(truth ? 1 : 0)
            case let .number(number): values[column] = kinds[column] == .real ? .real(number.double) : .integer(number.integerValue)
            case let .string(text): values[column] = .string(text)
            }
        }
        return values
    }
}

extension JSONCursor.Number {
    /// The integer (only asked of a column every value of which is one).
    var integerValue: Int64 {
        if case let .integer(value) = self { return value }
        return Int64(double)
    }
}
