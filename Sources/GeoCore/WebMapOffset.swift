import Foundation

/// The offsets Chinese web maps apply to WGS 84 positions: GCJ-02 (Amap, Tencent) and BD-09
/// (Baidu). PROJ does not know them. The forward formula is public; it has no closed-form inverse,
/// so the inverse iterates the forward step until it reproduces the shifted position (< 1 mm).
/// Outside China the maps do not shift, and neither does this.
public enum WebMapOffset: String, Sendable, CaseIterable {
    case gcj02
    case bd09

    /// The shifted position of a WGS 84 longitude and latitude.
    public func shift(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        if WebMapOffset.isOutsideChina(longitude, latitude) { return (longitude, latitude) }
        let gcj = WebMapOffset.gcj02Shift(longitude, latitude)
        return self == .gcj02 ? gcj : WebMapOffset.bd09Shift(gcj.longitude, gcj.latitude)
    }

    /// The WGS 84 position that `shift` moves to the given longitude and latitude.
    public func unshift(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        var guess = (longitude: longitude, latitude: latitude)
        for _ in 0..<50 {
            let shifted = shift(longitude: guess.longitude, latitude: guess.latitude)
            let dx = longitude - shifted.longitude, dy = latitude - shifted.latitude
            guess = (guess.longitude + dx, guess.latitude + dy)
            if abs(dx) < 1e-11 && abs(dy) < 1e-11 { break }  // 1e-11 degree ≈ 1 µm
        }
        return guess
    }

    // Krasovsky 1940 ellipsoid, as the published GCJ-02 formula uses it.
    private static let semiMajorAxis = 6378245.0
    private static let eccentricitySquared = 0.00669342162296594323

    private static func isOutsideChina(_ longitude: Double, _ latitude: Double) -> Bool {
        longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271
    }

    private static func gcj02Shift(_ longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double) {
        let x = longitude - 105.0, y = latitude - 35.0
        let wave = (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        var dLatitude = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x)) + wave
        dLatitude += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        dLatitude += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        var dLongitude = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x)) + wave
        dLongitude += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        dLongitude += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        let radians = latitude / 180 * .pi
        let magic = 1 - eccentricitySquared * sin(radians) * sin(radians)
        let sqrtMagic = sqrt(magic)
        dLatitude = dLatitude * 180 / (semiMajorAxis * (1 - eccentricitySquared) / (magic * sqrtMagic) * .pi)
        dLongitude = dLongitude * 180 / (semiMajorAxis / sqrtMagic * cos(radians) * .pi)
        return (longitude + dLongitude, latitude + dLatitude)
    }

    private static func bd09Shift(_ longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double) {
        let factor = Double.pi * 3000 / 180
        let radius = sqrt(longitude * longitude + latitude * latitude) + 0.00002 * sin(latitude * factor)
        let angle = atan2(latitude, longitude) + 0.000003 * cos(longitude * factor)
        return (radius * cos(angle) + 0.0065, radius * sin(angle) + 0.006)
    }
}

extension WebMapOffset {
    /// The geometry (WGS 84 longitude/latitude) with every vertex shifted as the web map draws it:
    /// what an export for Amap, Tencent or Baidu base maps writes.
    public func shift(_ geometry: Geometry) throws -> Geometry {
        var coordinates = geometry.coordinates
        for index in stride(from: 0, to: coordinates.count - 1, by: 2) {
            (coordinates[index], coordinates[index + 1]) = shift(longitude: coordinates[index], latitude: coordinates[index + 1])
        }
        return try coordinates.withUnsafeBufferPointer { try geometry.replacingCoordinates($0) }
    }
}
