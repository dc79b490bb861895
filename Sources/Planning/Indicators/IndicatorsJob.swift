import GeoCore
import GeoIO
import Inventory

/// The green indicators of a project file, for one year or a series of years.
public enum IndicatorsJob {
    /// - Parameters:
    ///   - years: the years to report, each as at its end (parks and green spaces counted from their opening date).
    ///     The year before the first is computed too, for the growth rules.
    ///   - asOf: read the inventory as it stood then; now when nil.
    public static func run(project path: String, profile: Profile, years: [Int], asOf: String? = nil) throws -> IndicatorReport {
        let inventory = try inventory(project: path, asOf: asOf)
        guard let first = years.first else { return IndicatorReport(profile: profile.name, years: []) }
        let measured = try ([first - 1] + years).parallelMap { year in
            try inventory.asAtEndOf(year).measure(coverageRules: profile.coverageRules)
        }
        let reports = years.enumerated().map { offset, year in
            IndicatorReport.Year.assess(year: year, measures: measured[offset + 1], previous: measured[offset], profile: profile)
        }
        return IndicatorReport(profile: profile.name, years: reports)
    }

    /// The layers the indicators need, read from the project in its (metric) CRS; with `greenLandOnly`
    /// (for the greening form) only the built-up areas, parks and green spaces.
    static func inventory(project path: String, asOf: String?, greenLandOnly: Bool = false) throws -> GreenIndicators {
        let project = try ProjectFile.open(path)
        try CoverageJob.checkMetric(project.crs)
        func read(_ layer: String) throws -> FeatureLayer { try project.placed(layer, asOf: asOf) }
        let builtUp = try read("built_up_areas"), parks = try read("parks"), green = try read("green_spaces")
        let names = try project.countyNames(asOf: asOf), areaNames = CoverageJob.builtUpAreaNames(builtUp)
        return GreenIndicators(
            areas: builtUp.features.indices.map { index in
                GreenIndicators.BuiltUpArea(
                    name: areaNames[index],
                    district: builtUp.text("district", at: index), geometry: builtUp.features[index].geometry!,
                    population: builtUp.value("population", at: index).doubleValue,
                    centralCity: builtUp.value("central_city", at: index).doubleValue == 1,
                    historicShare: builtUp.value("historic_share", at: index).doubleValue ?? 0)
            },
            parks: parks.features.indices.map { index in
                GreenIndicators.Park(geometry: parks.features[index].geometry!, parkClass: parks.text("class", at: index),
                                     opened: parks.text("opened", at: index))
            },
            countedGreenSpaces: green.features.indices.filter(green.countsTowardGreenSpaceRatio).map { index in
                GreenIndicators.GreenSpace(geometry: green.features[index].geometry!, opened: green.text("opened", at: index))
            },
            canopy: greenLandOnly ? [] : try read("canopy").features.compactMap(\.geometry),
            residential: greenLandOnly ? [] : try read("residential").features.compactMap(\.geometry),
            districtNames: Dictionary(builtUp.features.indices.compactMap { index in
                builtUp.text("district", at: index).map { ($0, names.name($0)) }
            }, uniquingKeysWith: { a, _ in a }))
    }
}
