import GeoIO

extension FeatureLayer {
    /// Whether green space `index` of a `green_spaces` layer counts toward 建成区绿地率 — the one rule
    /// for the indicators and the greening form. Its 计入绿地率 (`counts_toward_ratio`, 1/0) decides
    /// where the survey gives it; left empty, every class counts but 区域绿地 (EG), which lies outside
    /// construction land (CJJ/T 85-2017).
    func countsTowardGreenSpaceRatio(_ index: Int) -> Bool {
        value("counts_toward_ratio", at: index).doubleValue.map { $0 == 1 } ?? (text("class", at: index) != "EG")
    }
}
