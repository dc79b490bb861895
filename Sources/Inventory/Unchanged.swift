import GeoCore
import GeoIO

/// Whether an imported feature is the stored one, unchanged: its geometry the same to the
/// millimetre (as `FeatureCode` sees it) and its values the same, reals to a relative 1e-9. A round
/// trip through degrees (经度/纬度) or 万平方米 moves the last bits, and a shapefile turns rings the
/// other way round: no change anybody made.
enum Unchanged {
    static func geometry(_ stored: Geometry?, _ imported: Geometry) throws -> Bool {
        guard let stored, stored.kind == imported.kind else { return false }
        return FeatureCode.millimetres(try stored.normalized()) == FeatureCode.millimetres(try imported.normalized())
    }

    static func value(_ stored: AttributeValue, _ imported: AttributeValue) -> Bool {
        guard case let (.real(a), .real(b)) = (stored, imported) else { return stored == imported }
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }
}
