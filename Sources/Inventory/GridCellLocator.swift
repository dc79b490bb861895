import GeoCore
import GeoIO

/// The unit grid's cells, for assigning a case its cell (and, where it has none, the cell's district).
struct GridCellLocator {
    struct Cell: Sendable {
        let code: String
        let district: String?
    }

    private let cells: [Cell]
    private let outlines: [PreparedGeometry]
    private let index: STRtree

    init(_ layer: FeatureLayer) throws {
        var cells: [Cell] = [], geometries: [Geometry] = []
        for position in layer.features.indices {
            guard let geometry = layer.features[position].geometry, let code = layer.text("code", at: position) else { continue }
            cells.append(Cell(code: code, district: layer.text("district", at: position)))
            geometries.append(geometry)
        }
        self.cells = cells
        outlines = try geometries.map { try PreparedGeometry($0) }
        index = STRtree(geometries)
    }

    /// The cell covering `point`; of two cells sharing the edge it lies on, the one of lower code, so
    /// that the answer does not depend on the order the cells were stored in.
    func cell(of point: Geometry) -> Cell? {
        index.query(point).filter { outlines[$0].covers(point) }.map { cells[$0] }.min { $0.code < $1.code }
    }
}
