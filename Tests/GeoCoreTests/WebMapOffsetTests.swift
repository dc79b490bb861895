import Foundation
import Testing
@testable import GeoCore

@Suite struct WebMapOffsetTests {
    /// Metres between two nearby longitude/latitude positions (equirectangular; plenty at this scale).
    func metres(_ a: (longitude: Double, latitude: Double), _ b: (longitude: Double, latitude: Double)) -> Double {
        let north = (a.latitude - b.latitude) * 110_574
        let east = (a.longitude - b.longitude) * 111_320 * cos(a.latitude * .pi / 180)
        return (north * north + east * east).squareRoot()
    }

    /// The values the widely used public implementation of the formula prints for its own example.
    @Test func forwardMatchesThePublishedExample() {
        let gcj = WebMapOffset.gcj02.shift(longitude: 116.404, latitude: 39.915)
        #expect(abs(gcj.longitude - 116.41024449916938) < 1e-12)
        #expect(abs(gcj.latitude - 39.91640428150164) < 1e-12)
    }

    @Test func bd09OfAGCJ02PositionMatchesThePublishedExample() {
        // BD-09 shift of the WGS 84 point whose GCJ-02 position is (116.404, 39.915).
        let wgs = WebMapOffset.gcj02.unshift(longitude: 116.404, latitude: 39.915)
        let bd = WebMapOffset.bd09.shift(longitude: wgs.longitude, latitude: wgs.latitude)
        #expect(abs(bd.longitude - 116.41036949371029) < 1e-9)
        #expect(abs(bd.latitude - 39.92133699351021) < 1e-9)
    }

    @Test(arguments: [WebMapOffset.gcj02, .bd09])
    func inverseRoundTripsWithinAMillimetre(offset: WebMapOffset) {
        for (longitude, latitude) in [(103.796, 25.503), (103.0, 24.3), (104.8, 27.1), (116.404, 39.915)] {
            let shifted = offset.shift(longitude: longitude, latitude: latitude)
            let back = offset.unshift(longitude: shifted.longitude, latitude: shifted.latitude)
            #expect(metres(back, (longitude, latitude)) < 0.001)
        }
    }

    /// DOMAIN.md: about 360–470 m for GCJ-02 in Qujing, about 0.9 km more for BD-09. A mix-up
    /// between the two, or no shift at all, cannot pass.
    @Test func offsetNearQujingHasTheKnownSize() {
        let centre = (longitude: 103.796, latitude: 25.503)
        let gcj = metres(WebMapOffset.gcj02.shift(longitude: centre.longitude, latitude: centre.latitude), centre)
        #expect(gcj > 300 && gcj < 500)
        let bd = metres(WebMapOffset.bd09.shift(longitude: centre.longitude, latitude: centre.latitude), centre)
        #expect(bd > gcj + 500 && bd < 2000)
    }

    @Test func noShiftOutsideChina() {
        for offset in WebMapOffset.allCases {
            let paris = offset.shift(longitude: 2.35, latitude: 48.85)
            #expect(paris.longitude == 2.35 && paris.latitude == 48.85)
        }
    }

    @Test func transformerRemovesTheOffsetBeforeProjecting() throws {
        let truth = (longitude: 103.796, latitude: 25.503)
        let shifted = WebMapOffset.gcj02.shift(longitude: truth.longitude, latitude: truth.latitude)
        let fromWeb = try Transformer(from: CoordinateSystem(parsing: "GCJ-02"), to: CRS("EPSG:4544"))
            .transform(x: shifted.longitude, y: shifted.latitude)
        let fromTruth = try Transformer(from: .crs(CRS("EPSG:4326")), to: CRS("EPSG:4544"))
            .transform(x: truth.longitude, y: truth.latitude)
        #expect(abs(fromWeb.x - fromTruth.x) < 0.001 && abs(fromWeb.y - fromTruth.y) < 0.001)
    }
}
