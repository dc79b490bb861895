import GeoCore

/// What a written file carries beyond its features, each where its format has a place for it.
public struct WriteOptions: Sendable {
    /// GeoPackage: the layer's default style (QGIS's `layer_styles`).
    public var style: LayerStyle?
    /// GeoPackage: each field's display name (field → name), in `gpkg_data_columns`.
    public var aliases: [String: String] = [:]
    /// Shapefile: the attributes' encoding, which the .cpg states: UTF-8, or GBK for old ArcMap.
    public var encoding: TextEncoding = .utf8
    /// The coordinate system written, where not the format's or the layer's own: any CRS for CSV;
    /// for GeoJSON, KML and CSV, WGS 84 shifted as a Chinese web map draws it (GCJ-02, BD-09).
    public var coordinateSystem: CoordinateSystem?
    /// CSV: columns giving each feature's position, for spreadsheet users.
    public var positionColumns: PositionColumns?
    /// KML: the styles placemarks are drawn in and their balloons.
    public var kml: KMLPresentation?
    /// GeoJSON and KML: what the file as a whole holds (its `description`).
    public var description: String?

    public init(style: LayerStyle? = nil, aliases: [String: String] = [:]) {
        self.style = style
        self.aliases = aliases
    }
}
