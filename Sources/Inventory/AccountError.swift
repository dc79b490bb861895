/// What the accounts refuse, said for the person who tried.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case noSuchAccount(String)
    case badName(String, maxLength: Int)
    case unknownDistrict(String, known: [String])

    public var description: String {
        switch self {
        case let .exists(name): "an account named '\(name)' is already there"
        case let .noSuchAccount(name): "no account named '\(name)' (habitat account list shows them)"
        case let .badName(name, maxLength):
            "'\(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined())' is not an account name: "
                + "1 to \(maxLength) characters, no control characters or spaces around it"
        case let .unknownDistrict(value, known):
            "'\(value)' is not a district habitat knows (codes: \(known.joined(separator: ", ")); or a county's name such as 罗平县)"
        }
    }
}
