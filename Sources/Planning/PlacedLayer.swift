import GeoIO
import Inventory

extension ProjectFile {
    /// A layer as an analysis takes it, as it is or as the inventory said at `instant`: without the
    /// features left with no geometry (by an edit in QGIS, say), which take no part.
    func placed(_ layer: String, asOf instant: String?) throws -> FeatureLayer {
        var features = try self.layer(layer, asOf: instant)
        features.features = features.features.filter { $0.geometry != nil }
        return features
    }
}
