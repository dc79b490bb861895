import CGEOS

extension Geometry {
    /// Whether the geometry is valid in the OGC Simple Features sense.
    public var isValid: Bool { GEOSisValid_r(GEOSContext.current.handle, handle) == 1 }

    /// Why the geometry is invalid, with the location GEOS found ("Self-intersection[0 5]"),
    /// or "Valid Geometry".
    public var validityReason: String {
        let context = GEOSContext.current.handle
        guard let text = GEOSisValidReason_r(context, handle) else { return "unknown" }
        defer { GEOSFree_r(context, text) }
        return String(cString: text)
    }

    /// A valid geometry covering the same area. The "structure" method treats every ring as the
    /// area it encloses, so a bow-tie keeps both loops and collapsed parts are dropped.
    public func makeValid() throws -> Geometry {
        try Geometry.make("make-valid") { context in
            guard let params = GEOSMakeValidParams_create_r(context) else { return nil }
            defer { GEOSMakeValidParams_destroy_r(context, params) }
            GEOSMakeValidParams_setMethod_r(context, params, GEOS_MAKE_VALID_STRUCTURE)
            GEOSMakeValidParams_setKeepCollapsed_r(context, params, 0)
            return GEOSMakeValidWithParams_r(context, handle, params)
        }
    }
}
