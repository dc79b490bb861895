import Foundation

/// Figures as people read them: rounded once to the decimals shown, halves away from zero as by hand,
/// so that what is compared or added up is what is shown.
enum Rounding {
    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        // + 0 turns a -0.0 into 0.0, so that nothing shows as "-0.00".
        return (value * scale).rounded() / scale + 0
    }

    static func text(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", rounded(value, decimals))
    }
}
