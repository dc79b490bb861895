import Foundation
import GeoCore
import GeoIO
import Inventory

/// The unit grid (单元网格) of digital city management: squares of `cell` metres on a lattice fixed
/// to the project CRS's origin, clipped to the built-up areas. The built-up areas of one county are
/// dissolved first, so that every piece of them lies in exactly one cell; a cell's code is its
/// county's code, the cell size and the square's column and row on the lattice
/// ("530302-100-4012-28214"), the same whenever the grid is made again.
public struct UnitGrid: Sendable {
    public struct Cell: Sendable {
        public let code: String
        public let district: String
        /// The codes of the built-up areas it lies in.
        public let builtUp: [String]
        public let geometry: Geometry
    }

    public let cellSize: Double
    public let cells: [Cell]

    public init(builtUp: FeatureLayer, cellSize: Double = 100) throws {
        guard cellSize > 0, cellSize.isFinite else { throw GridError.badCellSize(cellSize) }
        self.cellSize = cellSize
        var byDistrict: [String: [(code: String, geometry: Geometry)]] = [:]
        for index in builtUp.features.indices {
            guard let geometry = builtUp.features[index].geometry, !geometry.isEmpty else { continue }
            let code = builtUp.text("code", at: index) ?? ""
            guard let district = builtUp.text("district", at: index) else { throw GridError.noDistrict(builtUpArea: code) }
            byDistrict[district, default: []].append((code, geometry))
        }
        var taken: [(district: String, land: Geometry)] = []
        var cells: [Cell] = []
        for district in byDistrict.keys.sorted() {
            let areas = byDistrict[district]!
            var land = try Geometry.union(of: areas.map(\.geometry))
            // Counties' built-up areas may not overlap: a piece of land is in one county's grid. Slivers
            // under Self.sliver (two offices drawing one boundary) go to the county of lower code.
            for earlier in taken {
                let overlap = try land.intersection(earlier.land).area
                guard overlap < Self.sliver else {
                    let (mine, theirs) = (try Self.overlapping(areas, earlier.land), try Self.overlapping(byDistrict[earlier.district]!, land))
                    throw GridError.countiesOverlap(theirs, earlier.district, mine, district, squareMetres: overlap)
                }
                if overlap > 0 { land = try land.difference(earlier.land) }
            }
            taken.append((district, land))
            cells += try Self.cells(of: land, areas: areas, district: district, cellSize: cellSize)
        }
        self.cells = cells
    }

    /// The largest overlap between two counties' built-up areas taken for a slip of the pen: a square metre.
    public static let sliver = 1.0

    /// The codes of those of `areas` that overlap `land`.
    private static func overlapping(_ areas: [(code: String, geometry: Geometry)], _ land: Geometry) throws -> String {
        try areas.filter { try $0.geometry.intersection(land).area > 0 }.map(\.code).joined(separator: ", ")
    }

    private static func cells(of land: Geometry, areas: [(code: String, geometry: Geometry)], district: String,
                              cellSize: Double) throws -> [Cell] {
        let size = cellSize == cellSize.rounded() && cellSize < 1e9 ? String(Int(cellSize)) : String(cellSize)
        guard let box = land.envelope else { return [] }
        let prepared = try areas.map { try PreparedGeometry($0.geometry) }
        let columns = Int((box.minX / cellSize).rounded(.down))...Int((box.maxX / cellSize).rounded(.down))
        let rows = Int((box.minY / cellSize).rounded(.down))...Int((box.maxY / cellSize).rounded(.down))
        let whole = try PreparedGeometry(land)
        return try rows.flatMap { row in
            try columns.compactMap { column -> Cell? in
                let (x, y) = (Double(column) * cellSize, Double(row) * cellSize)
                let square = try Geometry(wkt: "POLYGON((\(x) \(y), \(x + cellSize) \(y), \(x + cellSize) \(y + cellSize), \(x) \(y + cellSize), \(x) \(y)))")
                guard whole.intersects(square) else { return nil }
                let piece = try Geometry.multiPolygon(try land.intersection(square).polygons)
                guard piece.area > 0 else { return nil }
                let inside = areas.indices.filter { prepared[$0].intersects(square) && (try? areas[$0].geometry.intersection(square).area > 0) == true }
                return Cell(code: "\(district)-\(size)-\(column)-\(row)", district: district, builtUp: inside.map { areas[$0].code },
                            geometry: piece)
            }
        }
    }

    /// The cells as rows of the `grid_cells` layer.
    public func features(source: String) -> [Feature] {
        cells.map { cell in
            Feature(values: [.string(cell.code), .null, .string(cell.district), .string(source), .string(cell.builtUp.joined(separator: ",")),
                             .real(cellSize), .real(cell.geometry.area)], geometry: cell.geometry)
        }
    }
}

public enum GridError: Error, Equatable, CustomStringConvertible {
    case badCellSize(Double)
    case noDistrict(builtUpArea: String)
    case noBuiltUpAreas(String)
    case countiesOverlap(String, String, String, String, squareMetres: Double)

    public var description: String {
        switch self {
        case let .badCellSize(size): "a cell of \(size) m is no size; give metres above 0, for example --cell 100"
        case let .noDistrict(code):
            "built-up area \(code) has no district: the grid's codes are built from the county's code; set its 行政区划代码 and import it again"
        case let .noBuiltUpAreas(path): "\(path): no built-up areas to lay the grid over; import built_up_areas first"
        case let .countiesOverlap(first, firstDistrict, second, secondDistrict, area):
            "built-up areas \(first) (\(firstDistrict)) and \(second) (\(secondDistrict)) overlap by \(Rounding.text(area, 1)) m²: "
                + "a piece of land belongs to one county's grid; correct their outlines and import them again"
        }
    }
}

extension UnitGrid {
    /// What `habitat grid` did, said in one line.
    public struct Stored: Sendable, CustomStringConvertible {
        public let grid: UnitGrid
        public let change: ProjectFile.GridChange

        public var description: String {
            let area = grid.cells.map(\.geometry.area).reduce(0, +)
            return "\(grid.cells.count) cells of \(Rounding.text(grid.cellSize, 2)) m over \(Rounding.text(area / 10_000, 2)) ha of built-up area: "
                + "\(change.inserted) new, \(change.updated) changed, \(change.unchanged) unchanged, \(change.deleted) removed; "
                + "\(change.incidentsReassigned) case(s) assigned a new cell"
        }
    }

    /// Lays the grid over the project's built-up areas and makes it the project's `grid_cells`,
    /// every case assigned its cell.
    public static func store(project path: String, cellSize: Double, waiting: () -> Void = {}) throws -> Stored {
        let builtUp = try ProjectFile.open(path).layer("built_up_areas")
        guard !builtUp.features.isEmpty else { throw GridError.noBuiltUpAreas(path) }
        let grid = try UnitGrid(builtUp: builtUp, cellSize: cellSize)
        let source = "habitat grid --cell \(Rounding.text(cellSize, 2))"
        return Stored(grid: grid, change: try ProjectFile.replaceGrid(path, cells: grid.features(source: source), source: source, waiting: waiting))
    }
}
