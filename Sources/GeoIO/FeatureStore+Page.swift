import CGDAL
import GeoCore

extension FeatureStore {
    /// One page of a layer: of its features matching an OGR SQL `filter` and intersecting `area`
    /// (where given; in the layer's CRS), those at positions `window`, in the table's order; and
    /// how many match in all. The spatial index finds the candidates, so a page costs what it
    /// holds, not what the layer holds.
    public func page(_ name: String, where filter: String? = nil, intersecting area: Geometry? = nil,
                     window: Range<Int>) throws -> (features: FeatureLayer, matched: Int) {
        guard let layer = GDALDatasetGetLayerByName(dataset, name) else {
            throw GeoIOError.noSuchLayer(path, layer: name, available: layerNames)
        }
        defer {
            OGR_L_SetAttributeFilter(layer, nil)
            OGR_L_SetSpatialFilter(layer, nil)
        }
        guard OGR_L_SetAttributeFilter(layer, filter) == OGRERR_NONE else {
            throw GeoIOError.unreadable(path, reason: "filter \(filter ?? ""): \(GDAL.lastError)")
        }
        if let area {
            let ogrArea = try OGRWriting.ogrGeometry(area, promote: false)
            defer { OGR_G_DestroyGeometry(ogrArea) }
            OGR_L_SetSpatialFilter(layer, ogrArea)
        }
        let matched = Int(OGR_L_GetFeatureCount(layer, 1))
        return (try VectorReader.read(layer, source: path, window: window.clamped(to: 0..<matched)), matched)
    }
}
