import GeoCore
import GeoIO
import Inventory

/// What the monthly forms and the progress report count, read from a project: every site with the
/// county it reports under and the real-world dates of its events.
public struct ProgrammeInventory: Sendable {
    public struct Unit: Sendable, Equatable {
        public let code: String
        public let name: String
    }

    public struct Village: Sendable { let county: String?; let households: Int; let signed: Int; let cash: Int; let completed: String? }
    public struct Factory: Sendable { let county: String?; let category: String?; let surveyed: String?; let completed: String? }

    /// The reporting units, each with its row on every form even when it has nothing to report.
    public let units: [Unit]
    let villages: [Village]
    let factories: [Factory]
    /// The old factories as surveyed, in the order of `factories`: the register's rows.
    let factoryLayer: FeatureLayer
    /// The built-up areas, parks and counted green spaces, measured for the greening form as for 绿地率.
    let green: GreenIndicators
    /// The old residential areas, one form row each.
    let residential: FeatureLayer
    let residentialCounties: [String?]
    public let plans: Plans
    /// What counties entered for the forms' figures the inventory cannot count.
    public let figures: MonthlyFigures
    /// The one county a form or report is limited to (`limited(to:)`); nil for the whole city.
    public let onlyCounty: Unit?

    public static func read(project path: String) throws -> ProgrammeInventory {
        let project = try ProjectFile.open(path)
        let locator = try CountyLocator(builtUp: try project.layer("built_up_areas"))
        func county(_ layer: FeatureLayer, _ index: Int) throws -> String? { try locator.county(layer, index) }
        func number(_ layer: FeatureLayer, _ field: String, _ index: Int) -> Int { Int(layer.value(field, at: index).doubleValue ?? 0) }

        let villageLayer = try project.layer("urban_villages"), factoryLayer = try project.layer("old_factories")
        let residential = try project.layer("old_residential")
        let plans = try project.plans()

        let villages = try villageLayer.features.indices.map { index in
            Village(county: try county(villageLayer, index), households: number(villageLayer, "households", index),
                    signed: number(villageLayer, "signed_households", index), cash: number(villageLayer, "cash_resettled", index),
                    completed: villageLayer.text("completed", at: index))
        }
        let factories = try factoryLayer.features.indices.map { index in
            Factory(county: try county(factoryLayer, index), category: factoryLayer.text("category", at: index),
                    surveyed: factoryLayer.text("surveyed", at: index), completed: factoryLayer.text("completed", at: index))
        }
        let green = try IndicatorsJob.inventory(project: path, asOf: nil, greenLandOnly: true)
        let residentialCounties = try residential.features.indices.map { try county(residential, $0) }

        let names = try project.countyNames()
        let figures = try project.monthlyFigures()
        let codes = names.listed.union(figures.entries.map(\.district)).union(villages.compactMap(\.county)).union(factories.compactMap(\.county))
            .union(green.areas.compactMap(\.district)).union(residentialCounties.compactMap { $0 })
        // Administrative codes in order, then units without one (经开区).
        let ordered = codes.sorted { a, b in
            let (x, y) = (a.allSatisfy(\.isNumber), b.allSatisfy(\.isNumber))
            return x != y ? x : a < b
        }
        return ProgrammeInventory(units: ordered.map { Unit(code: $0, name: names.name($0)) }, villages: villages,
                                  factories: factories, factoryLayer: factoryLayer, green: green, residential: residential,
                                  residentialCounties: residentialCounties, plans: plans, figures: figures,
                                  onlyCounty: nil)
    }

    /// Only the county `district` names: by its administrative code or by its name as the forms
    /// write it (麒麟区, or an older name such as 沾益县). A county the project does not know is an
    /// error that lists the ones it does.
    public func limited(to district: String?) throws -> ProgrammeInventory {
        guard let district else { return self }
        let wanted = district.trimmingCharacters(in: .whitespaces)
        guard let unit = units.first(where: { $0.code == wanted || $0.name == wanted || $0.code == Counties.code(for: wanted) }) else {
            throw ReportError.unknownCounty(district, known: units.map { $0.name == $0.code ? $0.name : "\($0.name) \($0.code)" })
        }
        // Its green land is measured in its own built-up areas only: the rest of the city is no row of its form.
        var green = green
        green.areas = green.areas.filter { $0.district == unit.code }
        return ProgrammeInventory(units: [unit], villages: villages, factories: factories, factoryLayer: factoryLayer,
                                  green: green, residential: residential, residentialCounties: residentialCounties,
                                  plans: plans, figures: figures, onlyCounty: unit)
    }
}

/// The county a feature reports under: its `district`, or else that of the built-up area it lies in.
struct CountyLocator {
    /// Prepared once: every feature without a district is tested against them.
    private let areas: [(PreparedGeometry, String)]

    init(builtUp: FeatureLayer) throws {
        areas = try builtUp.features.indices.compactMap { index -> (PreparedGeometry, String)? in
            guard let geometry = builtUp.features[index].geometry, let code = builtUp.text("district", at: index) else { return nil }
            return (try PreparedGeometry(geometry), code)
        }
    }

    func county(_ layer: FeatureLayer, _ index: Int) throws -> String? {
        if let code = layer.text("district", at: index) { return code }
        guard let point = try layer.features[index].geometry?.pointOnSurface() else { return nil }
        return areas.first { area, _ in area.contains(point) }?.1
    }
}
