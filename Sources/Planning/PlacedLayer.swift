import GeoIO
import Inventory

extension ProjectFile {
    /// A layer as an analysis takes it, as it is or as the inventory said at `instant`: without the
    /// features left with no geometry (by an edit in QGIS, say), which take no part; with
    /// `onlyFields`, only those of its fields.
    func placed(_ layer: String, asOf instant: String?, onlyFields: Set<String>? = nil) throws -> FeatureLayer {
        var features = try self.layer(layer, asOf: instant, onlyFields: onlyFields)
        features.features = features.features.filter { $0.geometry != nil }
        return features
    }
}
