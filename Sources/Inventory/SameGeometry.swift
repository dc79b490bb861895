import GeoCore
import GeoIO

/// A layer's current features by their geometry, to the millimetre as a derived code sees it
/// (`FeatureCode`). A feature without a code of its own gets a new code when it is renamed, but it
/// lies where it lay: its geometry finds the feature it was.
struct SameGeometry {
    private let codes: [[Int64]: [String]]

    init(_ current: FeatureLayer) {
        var codes: [[Int64]: [String]] = [:]
        for feature in current.features {
            guard let geometry = feature.geometry else { continue }
            codes[FeatureCode.millimetres(geometry), default: []].append(feature.values[0].description)
        }
        self.codes = codes
    }

    /// The codes of the current features with exactly `geometry`.
    func codes(of geometry: Geometry) -> [String] {
        codes[FeatureCode.millimetres(geometry)] ?? []
    }
}
