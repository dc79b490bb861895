import Foundation
import GeoCore
import GeoIO
import Inventory

/// Everything the atlas shows, gathered from a project: the map's layers, the indicators against
/// the profile, coverage per built-up area, progress against plan, and what the project lacks.
public struct AtlasData: Sendable {
    public let title: String
    public let period: ReportingPeriod
    /// The county the atlas is limited to; nil for the whole city.
    public let county: ProgrammeInventory.Unit?
    public let layers: [MapLayer]
    public let indicators: IndicatorReport
    /// Coverage per built-up area (those of the county, when limited to one).
    public let coverage: [AreaCoverage]
    public let progress: ProgressReport
    /// How many sites were suggested, and from how many candidates; nil without candidates.
    public let suggested: (picks: Int, candidates: Int)?
    /// What the project lacks, in words a planner acts on.
    public let missing: [String]

    /// - Parameters:
    ///   - district: a county's name or code; one the project does not know is refused with the
    ///     list of those it does (as `progress` and `report` refuse it).
    ///   - sites: how many parks to suggest, where the project has candidate sites.
    public static func gather(project path: String, period: ReportingPeriod, district: String? = nil,
                              profile: Profile, sites: Int = 5) throws -> AtlasData {
        let programme = try ProgrammeInventory.read(project: path).limited(to: district)
        let county = programme.onlyCounty
        let project = try ProjectFile.open(path)
        func read(_ layer: String) throws -> FeatureLayer { try project.placed(layer, asOf: nil) }
        let builtUp = try read("built_up_areas"), parks = try read("parks"), residential = try read("residential")
        let factories = try read("old_factories"), villages = try read("urban_villages"), oldResidential = try read("old_residential")
        let rules = profile.coverageRules
        let coverage = try CoverageJob.fromProject(path, rules: rules, layers: true)
        let indicators = try IndicatorsJob.run(project: path, profile: profile, years: [period.year])
        var suggestions: SuggestReport?
        if !factories.features.isEmpty || !villages.features.isEmpty {
            var job = SuggestJob(project: path)
            job.rules = rules
            job.limit = .count(sites)
            suggestions = try job.run()
        }

        // Limited to a county: its built-up areas, and the features that report under it.
        let locator = try CountyLocator(builtUp: builtUp)
        func inCounty(_ layer: FeatureLayer) throws -> FeatureLayer {
            guard let county else { return layer }
            var kept = layer
            kept.features = try layer.features.indices.filter { try locator.county(layer, $0) == county.code }.map { layer.features[$0] }
            return kept
        }
        let areaIndices = builtUp.features.indices.filter { county == nil || builtUp.text("district", at: $0) == county?.code }
        let system = CoordinateSystem.crs(project.crs)
        let countyAreas = try areaIndices.compactMap { try builtUp.features[$0].geometry.map(PreparedGeometry.init) }

        var layers = [MapLayer(id: "built-up", title: "建成区 built-up areas", style: .outline(colour: "#424242", dashed: true),
                               layer: try inCounty(builtUp))]
        let radii = rules.rules.map(\.radius).sorted(by: >)
        let parkRadii = try parks.features.map { try $0.geometry.map { rules.radius(forParkArea: $0.area) } ?? nil }
        let serviceColours = ["#2e7d32", "#81c784", "#c5e1a5"]
        for (rank, radius) in radii.enumerated() {
            let buffers = try parks.features.indices.filter { parkRadii[$0] == radius }
                .map { try parks.features[$0].geometry!.buffer(radius, style: coverage.bufferStyle) }
            let union = buffers.isEmpty ? nil : try Geometry.union(of: buffers)
            // Limited to a county: the parts reaching into its built-up areas, wherever their parks lie.
            let reaching = (union?.polygons ?? []).filter { part in county == nil || countyAreas.contains { $0.intersects(part) } }
            layers.append(MapLayer(id: "service-\(Int(radius))", title: "\(Int(radius)) m 服务范围 service area",
                                   style: .fill(colour: serviceColours[min(rank, 2)], opacity: 0.15),
                                   layer: FeatureLayer(source: "service area", name: "service_\(Int(radius))",
                                                       fields: [Field("radius_m", .real), Field("area_m2", .real)],
                                                       features: reaching.map {
                                                           Feature(values: [.real(radius), .real($0.area)], geometry: $0)
                                                       }, coordinateSystem: system)))
        }
        let residentialCoverage = try inCounty(coverage.residentialCoverage())
        layers.append(MapLayer(id: "residential", title: "居住用地 residential land, by covered share", style: .coveredShare,
                               layer: residentialCoverage))
        let allNames = CoverageJob.builtUpAreaNames(builtUp), areaNames = Set(areaIndices.map { allNames[$0] })
        layers.append(MapLayer(id: "uncovered", title: "未覆盖居住用地 residential land out of reach",
                               style: .fill(colour: "#7f0000", opacity: 0.55),
                               layer: FeatureLayer(source: "uncovered", name: "uncovered_residential",
                                                   fields: [Field("built_up_area", .string), Field("area_m2", .real)],
                                                   features: coverage.result.uncovered.filter { county == nil || areaNames.contains($0.area) }
                                                       .flatMap { land in land.geometry.polygons.map {
                                                           Feature(values: [.string(land.area), .real($0.area)], geometry: $0)
                                                       } }, coordinateSystem: system)))
        let parkColours = ["#1b5e20", "#43a047", "#a5d6a7"]
        let countyParks = try inCounty(parks)
        let countyParkRadii = try countyParks.features.map { try $0.geometry.map { rules.radius(forParkArea: $0.area) } ?? nil }
        for (rank, radius) in (radii.map(Optional.some) + [nil]).enumerated() {
            var ofClass = countyParks
            ofClass.features = countyParks.features.indices.filter { countyParkRadii[$0] == radius }.map { countyParks.features[$0] }
            let minimum = radius.flatMap { r in rules.rules.filter { $0.radius == r }.map(\.minimumArea).min() }
            let title = radius.map { "公园 parks ≥ \(Int(minimum ?? 0)) m², reaching \(Int($0)) m" }
                ?? "公园 parks too small to count"
            layers.append(MapLayer(id: radius.map { "parks-\(Int($0))" } ?? "parks-small", title: title,
                                   style: .fill(colour: parkColours[min(rank, 2)], opacity: 0.85), layer: ofClass))
        }
        let countyFactories = try inCounty(factories)
        let classes = Set(countyFactories.features.indices.map { countyFactories.text("category", at: $0) ?? "" }).sorted()
        let factoryColours = ["#8e24aa", "#ef6c00", "#6d4c41", "#546e7a", "#c2185b"]
        for (rank, name) in classes.enumerated() {
            var ofClass = countyFactories
            ofClass.features = countyFactories.features.indices.filter { (countyFactories.text("category", at: $0) ?? "") == name }
                .map { countyFactories.features[$0] }
            layers.append(MapLayer(id: "factories-\(rank + 1)", title: "旧厂区 old factories: \(name.isEmpty ? "class not given" : name)",
                                   style: .fill(colour: factoryColours[rank % factoryColours.count], opacity: 0.7), layer: ofClass))
        }
        layers.append(MapLayer(id: "villages", title: "城中村 urban villages", style: .fill(colour: "#e53935", opacity: 0.4),
                               layer: try inCounty(villages)))
        layers.append(MapLayer(id: "old-residential", title: "旧住宅区 old residential areas",
                               style: .fill(colour: "#1e88e5", opacity: 0.4), layer: try inCounty(oldResidential)))
        if let suggestions {
            let sites = try inCounty(suggestions.sitesLayer())
            let picks = suggestions.suggestions.picks.count
            let title = county == nil ? "the best \(picks)" : "\(sites.features.count) of the city's best \(picks)"
            layers.append(MapLayer(id: "suggested", title: "建议公园选址 suggested park sites (\(title))",
                                   style: .outline(colour: "#fdd835", dashed: false), layer: sites))
        }
        // The month's hotspots on top, the 热点难点 among them marked.
        let hotspots = try Hotspots.read(project: path, month: period)
        layers.append(MapLayer(id: "hotspots", title: MapLayer.hotspotsTitle, style: .hotspots,
                               layer: try inCounty(hotspots.hotspots.layer(crs: hotspots.crs ?? project.crs))))

        var missing: [String] = []
        for (layer, name) in [(builtUp, "built_up_areas"), (parks, "parks"), (residential, "residential"),
                              (factories, "old_factories"), (villages, "urban_villages"), (oldResidential, "old_residential")]
        where layer.features.isEmpty {
            missing.append("\(name): no features; import them (habitat import \(path) \(name) FILE)")
        }
        if suggestions == nil { missing.append("no candidate sites (old_factories, urban_villages): no parks suggested") }
        if programme.plans.households.isEmpty && programme.plans.disposalTargets.isEmpty {
            missing.append("no plans: progress needs them (habitat plan import \(path) geodata/plans)")
        }
        let areas = areaIndices.filter { $0 < coverage.result.areas.count }.map { coverage.result.areas[$0] }
        return AtlasData(title: project.name.isEmpty ? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent : project.name,
                         period: period, county: county, layers: layers,
                         indicators: IndicatorReport(profile: indicators.profile, years: indicators.years.map { year in
                             year.limited(to: county?.code)
                         }),
                         coverage: areas, progress: ProgressReport(programme, period),
                         suggested: suggestions.map { ($0.suggestions.picks.count, $0.suggestions.candidates.count) }, missing: missing)
    }
}

extension IndicatorReport.Year {
    /// Only the areas of county `code` (its built-up areas and its own row); all for nil.
    func limited(to code: String?) -> Self {
        guard let code else { return self }
        let kept = areas.filter { $0.measures.district == code }
        let names = Set(kept.map(\.measures.name))
        return Self(year: year, areas: kept, growth: growth.filter { names.contains($0.area) })
    }
}
