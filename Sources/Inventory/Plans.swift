import Foundation
import GeoCore
import GeoIO

/// The programme's plans, kept in the project beside the inventory: households to renovate per
/// county and year, the factory classes' disposal-rate targets, and single-figure targets.
public struct Plans: Sendable {
    public struct Households: Sendable, Equatable {
        public let programme: String
        public let county: String
        public let district: String
        public let year: Int
        public let households: Int
    }

    public struct DisposalTarget: Sendable, Equatable {
        public let factoryClass: String
        /// Due by this date (YYYY-MM-DD).
        public let by: String
        public let ratePercent: Double
    }

    public var households: [Households]
    public var disposalTargets: [DisposalTarget]
    /// By name, as `cash_resettlement_pct`.
    public var targets: [String: Double]

    static let tables: [(name: String, fields: [Field])] = [
        ("plan_households", [Field("programme", .string), Field("county", .string), Field("district", .string),
                             Field("year", .integer), Field("households", .integer)]),
        ("plan_factory_targets", [Field("class", .string), Field("by", .string), Field("rate_pct", .real)]),
        ("plan_targets", [Field("name", .string), Field("value", .real), Field("source", .string)]),
    ]
    static let files = ["households.csv", "factory_targets.csv", "targets.csv"]

    /// Loads the plan files of `folder` into the project, replacing the plans it held.
    public static func importFolder(_ folder: String, into path: String, waiting: () -> Void = {}) throws -> Plans {
        let sources = try files.map { try VectorReader.read((folder as NSString).appendingPathComponent($0)) }
        var rows: [[Feature]] = []
        for (source, table) in zip(sources, tables) {
            let columns = try table.fields.map { field in
                guard let column = source.fieldIndex(field.name) else {
                    throw InventoryError.noSuchColumn(source.source, column: field.name, available: source.fields.map(\.name))
                }
                return column
            }
            rows.append(try source.features.indices.map { index in
                Feature(values: try zip(table.fields, columns).map { field, column in
                    do { return try ImportValidation.convert(source.features[index].values[column], to: field.kind) } catch {
                        throw InventoryError.rejected(source.source, problems: ["row \(index + 2): column \(field.name): '\(source.features[index].values[column])' is not a number"])
                    }
                }, geometry: nil)
            })
        }
        try ProjectFile.change(path, lock: "plans", waiting: waiting) { project in
            for (table, features) in zip(tables, rows) {
                if !project.package.hasLayer(table.name) {
                    try project.package.createLayer(table.name, crs: project.crs, content: .attributesOnly, fields: table.fields)
                }
                try project.package.deleteAll(from: table.name)
                for feature in features { try project.package.insert(feature, into: table.name) }
            }
            try project.record(.init(batch: try project.nextBatch(), kind: "plan", layer: "plans", source: folder,
                                     inserted: rows.map(\.count).reduce(0, +)))
        }
        return try ProjectFile.open(path).plans()
    }
}

extension ProjectFile {
    /// The plans last imported; empty when none were.
    public func plans() throws -> Plans {
        func rows(_ table: String) throws -> FeatureLayer? { package.hasLayer(table) ? try package.read(table) : nil }
        let households = try rows("plan_households").map { layer in
            layer.features.indices.map { index in
                Plans.Households(programme: layer.value("programme", at: index).description,
                                 county: layer.value("county", at: index).description,
                                 district: layer.value("district", at: index).description,
                                 year: Int(layer.value("year", at: index).doubleValue ?? 0),
                                 households: Int(layer.value("households", at: index).doubleValue ?? 0))
            }
        } ?? []
        let disposal = try rows("plan_factory_targets").map { layer in
            layer.features.indices.map { index in
                Plans.DisposalTarget(factoryClass: layer.value("class", at: index).description,
                                     by: layer.value("by", at: index).description,
                                     ratePercent: layer.value("rate_pct", at: index).doubleValue ?? 0)
            }
        } ?? []
        var targets: [String: Double] = [:]
        if let layer = try rows("plan_targets") {
            for index in layer.features.indices {
                targets[layer.value("name", at: index).description] = layer.value("value", at: index).doubleValue
            }
        }
        return Plans(households: households, disposalTargets: disposal, targets: targets)
    }
}
