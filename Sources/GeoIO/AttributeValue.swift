/// One attribute of a feature.
public enum AttributeValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case string(String)

    public var description: String {
        switch self {
        case .null: ""
        case let .integer(value): String(value)
        case let .real(value): String(value)
        case let .string(value): value
        }
    }

    public var doubleValue: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .real(value): value
        case let .string(value): Double(value)
        case .null: nil
        }
    }
}

/// A named, typed attribute column.
public struct Field: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case integer, real, string }

    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
