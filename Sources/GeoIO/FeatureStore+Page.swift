import CGDAL
import GeoCore

extension FeatureStore {
    /// One page of a layer: of its features matching an OGR SQL `filter` and intersecting `area`
    /// (where given; in the layer's CRS), those at positions `window`, in the order of their fids;
    /// and how many match in all. The spatial index finds the candidates, so a page costs what it
    /// holds, not what the layer holds.
    public func page(_ name: String, where filter: String? = nil, intersecting area: Geometry? = nil,
                     window: Range<Int>) throws -> (features: FeatureLayer, matched: Int) {
        guard let layer = GDALDatasetGetLayerByName(dataset, name) else {
            throw GeoIOError.noSuchLayer(path, layer: name, available: layerNames)
        }
        if let store = self as? PostGISStore {
            return try store.orderedPage(name, where: filter, intersecting: area, window: window)
        }
        // A GeoPackage reads in the order of its rowids, which are the fids.
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

extension PostGISStore {
    /// The page by SQL, `ORDER BY fid`: OGR's PostgreSQL layer reads rows where the table keeps
    /// them, and an UPDATE moves a row, so pages read through it would repeat some features and
    /// miss others while the project changes. (The filters habitat writes are PostgreSQL too.)
    func orderedPage(_ name: String, where filter: String?, intersecting area: Geometry?,
                     window: Range<Int>) throws -> (features: FeatureLayer, matched: Int) {
        var conditions = filter.map { ["(\($0))"] } ?? []
        if let area {
            let hex = area.wkb.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            conditions.append("ST_Intersects(geom, ST_GeomFromWKB(decode('\(hex)', 'hex'), Find_SRID('\(address.schema)', '\(name)', 'geom')))")
        }
        let selection = "FROM \"\(address.schema)\".\"\(name)\"" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        let matched = try count("SELECT count(*) \(selection)")
        var page = try query("SELECT * \(selection) ORDER BY fid LIMIT \(window.count) OFFSET \(window.lowerBound)")
        page.name = name
        return (page, matched)
    }
}
