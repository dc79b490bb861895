import Planning
import Testing

/// The atlas's map fetches nothing but the tiles asked for: its content security policy names
/// their origin, a subdomain placeholder as the wildcard CSP allows.
@Suite struct MapRendererTests {
    @Test func tileOriginForThePolicy() {
        #expect(MapRenderer(layers: []).tileOrigin == nil)
        #expect(MapRenderer(layers: [], tiles: "https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}").tileOrigin
            == "https://*.tianditu.gov.cn")
        #expect(MapRenderer(layers: [], tiles: "http://localhost:8080/{z}/{x}/{y}.png").tileOrigin == "http://localhost:8080")
    }
}
