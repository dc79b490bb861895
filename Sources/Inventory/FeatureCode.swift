import GeoCore

/// Codes for features that arrive without one, derived from what they are so that importing the
/// same feature again finds it again: the geometry (to the millimetre, in the project CRS) and the
/// name, hashed with 64-bit FNV-1a.
enum FeatureCode {
    static func derive(prefix: String, geometry: Geometry, name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for value in millimetres(geometry) {
            withUnsafeBytes(of: value.littleEndian) { $0.forEach(mix) }
        }
        name.utf8.forEach(mix)
        let hex = String(hash, radix: 16)
        return "\(prefix)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The geometry's coordinates to the millimetre: where a derived code takes a feature to be.
    /// Imports refuse coordinates too far out for a millimetre count; should one come anyway, its
    /// bits stand in rather than the conversion trapping.
    static func millimetres(_ geometry: Geometry) -> [Int64] {
        geometry.coordinates.map { Int64(exactly: ($0 * 1000).rounded()) ?? Int64(bitPattern: $0.bitPattern) }
    }
}
