/// The reporting units of the programme (DOMAIN.md) and their administrative codes, so that a
/// form's 县（市、区） column ("罗平县") becomes the code the project keeps. 曲靖经济技术开发区 reports on
/// its own but has no code of its own (it lies in 麒麟区); it is kept by its short name.
public enum Counties {
    static let codes: [String: String] = [
        "麒麟区": "530302", "沾益区": "530303", "沾益县": "530303", "马龙区": "530304", "马龙县": "530304",
        "宣威市": "530381", "陆良县": "530322", "师宗县": "530323", "罗平县": "530324", "富源县": "530325",
        "会泽县": "530326", "经开区": "经开区", "曲靖经济技术开发区": "经开区", "曲靖经开区": "经开区",
    ]

    /// The name a form writes for a district code, when habitat knows it (and reads it back as
    /// that code); else the code itself.
    public static func name(for code: String) -> String { names[code] ?? code }

    /// The code for a district value: a code as it is, a known county name as its code; nil for
    /// a name habitat does not know.
    public static func code(for value: String) -> String? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.count == 6, text.allSatisfy(\.isNumber) { return text }
        return codes[text]
    }

    /// The code of one of the programme's reporting units, named by code or name; nil for any other
    /// district (figures and submissions are the reporting units' only).
    public static func reportingUnit(_ value: String) -> String? {
        code(for: value).flatMap { reportingUnits.contains($0) ? $0 : nil }
    }

    /// The known county name that `text` begins (罗平 → 罗平县), if exactly one does.
    static func completion(of text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let names = Set(codes.filter { !trimmed.isEmpty && $0.key.hasPrefix(trimmed) && $0.key != trimmed }.map { name(for: $0.value) })
        return names.count == 1 ? names.first : nil
    }

    /// The ten reporting units' codes, as the forms list them: by code, then 经开区.
    public static let reportingUnits = names.keys.sorted { a, b in a.first!.isNumber != b.first!.isNumber ? a.first!.isNumber : a < b }

    /// The name each code reports under, where a project names it neither in its districts layer
    /// nor in its plans. 530304 is 马龙县 as the programme's plans (2016) and forms name it, though it
    /// became 马龙区 in 2018: one name on the template, the forms and the status pages (马龙区 is read too).
    static let names: [String: String] = [
        "530302": "麒麟区", "530303": "沾益区", "530304": "马龙县", "530381": "宣威市", "530322": "陆良县",
        "530323": "师宗县", "530324": "罗平县", "530325": "富源县", "530326": "会泽县", "经开区": "经开区",
    ]
}

/// How every command — forms, progress, indicators — names a county from its code: as the project's
/// `districts` layer names it, else as its plans do, else as the programme's reporting units are
/// named (麒麟区 for 530302), else by the code itself.
public struct CountyNames: Sendable {
    /// The codes the project itself lists, in its districts layer or its plans.
    public let listed: Set<String>
    let names: [String: String]

    public func name(_ code: String) -> String { names[code] ?? Counties.name(for: code) }
}

extension ProjectFile {
    public func countyNames(asOf instant: String? = nil) throws -> CountyNames {
        var names: [String: String] = [:]
        for row in try plans().households { names[row.district] = row.county }
        var listed = Set(names.keys)
        let districts = try layer("districts", asOf: instant)
        for index in districts.features.indices {
            guard let code = districts.text("code", at: index) else { continue }
            listed.insert(code)
            if let name = districts.text("name", at: index) { names[code] = name }
        }
        return CountyNames(listed: listed, names: names)
    }
}
