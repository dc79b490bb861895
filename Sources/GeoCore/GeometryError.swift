/// A geometry operation that GEOS could not carry out, or input that is not geometry.
public enum GeometryError: Error, Equatable, CustomStringConvertible {
    case geos(operation: String, message: String)
    case invalidWKB(String)

    public var description: String {
        switch self {
        case let .geos(operation, message): "GEOS \(operation) failed: \(message)"
        case let .invalidWKB(message): "not valid WKB: \(message)"
        }
    }
}
