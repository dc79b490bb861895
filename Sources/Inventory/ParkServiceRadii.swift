/// GB/T 50563-2010's park service radii, largest threshold first: parks of 5000 m² and more reach
/// 500 m; 2000 to 5000 m², 300 m; smaller ones do not count. Coverage's default rules and the parks'
/// style in QGIS both take them from here.
public enum ParkServiceRadii {
    public static let gbt50563: [(minimumArea: Double, radius: Double)] = [(5000, 500), (2000, 300)]
}
