/// Who makes a change to a project, and where they may make it: the city office everywhere, a
/// county (or the 经开区) only in its own district (辖区负责). Every change is recorded with its name.
public struct Editor: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case city
        /// The district's code, as the layers' `district` field holds it.
        case district(String)
    }

    public let name: String
    public let scope: Scope
    /// A read-only account reads like any other and changes nothing.
    public let readOnly: Bool

    public init(name: String, scope: Scope, readOnly: Bool = false) {
        self.name = name
        self.scope = scope
        self.readOnly = readOnly
    }

    public var canWrite: Bool { !readOnly }

    /// The district of a county's editor; nil for the city's.
    var ownDistrict: String? {
        if case let .district(code) = scope { code } else { nil }
    }
}
