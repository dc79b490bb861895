import GeoCore

/// A site whose land may become a park: an old factory changing use, an urban village cleared, an
/// illegal structure taken down (拆违还绿). Its footprint becomes the park.
public struct Candidate: Sendable {
    /// The layer or file it came from.
    public var layer: String
    public var code: String
    public var name: String
    /// The administrative code of its county, as the project keeps it.
    public var district: String
    /// Its renovation class (改造类别 of an old factory, 改造类型 of an old residential area); empty
    /// where its layer has none.
    public var siteClass: String
    /// In the analysis CRS; a point, or nil, where it has no footprint.
    public var geometry: Geometry?

    public init(layer: String, code: String, name: String = "", district: String = "", siteClass: String = "",
                geometry: Geometry?) {
        self.layer = layer
        self.code = code
        self.name = name
        self.district = district
        self.siteClass = siteClass
        self.geometry = geometry
    }
}
