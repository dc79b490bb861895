import GeoIO
import Inventory

extension ProjectFile {
    /// A layer as an analysis takes it, as it is or as the inventory said at `instant`: without the
    /// features left with no geometry (by an edit in QGIS, say), which take no part; with
    /// `onlyFields`, only those of its fields; with `polygonsAsImported`, see `ProjectFile.layer`.
    func placed(_ layer: String, asOf instant: String?, onlyFields: Set<String>? = nil,
                polygonsAsImported: Bool = false) throws -> FeatureLayer {
        var features = try self.layer(layer, asOf: instant, onlyFields: onlyFields, polygonsAsImported: polygonsAsImported)
        features.features.removeAll { $0.geometry == nil }  // in place: no second array of a large layer
        return features
    }
}
