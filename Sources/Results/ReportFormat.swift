import Foundation

/// Escaping of text for HTML and inline SVG, in element content and in quoted attributes.
enum ReportMarkup {
    /// Returns `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    /// Control characters that XML 1.0 forbids become U+FFFD, so the SVG stays well-formed.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}

/// Number formatting for the report. It uses `String(format:)` without a locale, which
/// formats in the POSIX locale, so the same value always gives the same text.
enum ReportNumber {
    /// Formats `value` with `decimals` digits after the point. Negative zero loses its sign,
    /// and NaN or infinity becomes "n/a".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            text.removeFirst()
        }
        return text
    }

    /// Formats an SVG coordinate with at most one decimal and no trailing ".0".
    static func coordinate(_ value: Double) -> String {
        var text = fixed(value, decimals: 1)
        if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        return text
    }

    /// Formats a count or amount with about three significant digits, for tooltips.
    static func approximate(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 || magnitude == 0 {
            return fixed(value, decimals: 0)
        }
        if magnitude >= 10 {
            return fixed(value, decimals: 1)
        }
        if magnitude >= 1 {
            return fixed(value, decimals: 2)
        }
        return fixed(value, decimals: 3)
    }
}

/// A step between axis ticks of the form `mantissa × 10^exponent`, with a mantissa of
/// 1, 2 or 5.
struct NiceStep: Equatable {
    var mantissa: Int
    var exponent: Int

    var value: Double { multiple(1) }

    /// Digits after the point that tick labels at this step need.
    var decimals: Int { max(0, -exponent) }

    /// Returns `k × step`. Dividing by an exact power of ten, rather than multiplying by an
    /// inexact 0.1, gives the double nearest to the decimal value, so 3 × 0.1 is 0.3.
    func multiple(_ k: Int) -> Double {
        let integer = Double(k * mantissa)
        if exponent >= 0 {
            return integer * pow(10, Double(exponent))
        }
        return integer / pow(10, Double(-exponent))
    }
}

/// Axis ticks at "nice" numbers, 1, 2 or 5 times a power of ten, chosen as in Heckbert's
/// loose labelling: the ticks enclose the data range.
enum NiceTicks {
    /// Returns a number of the form 1, 2, 5 or 10 times a power of ten near `value`. With
    /// `round` the nearest such number, otherwise the smallest one not below `value`.
    /// `value` must be positive and finite.
    static func niceNumber(_ value: Double, round: Bool) -> NiceStep {
        var exponent = Int(floor(log10(value)))
        let fraction = value / pow(10, Double(exponent))
        var mantissa: Int
        if round {
            if fraction < 1.5 {
                mantissa = 1
            } else if fraction < 3 {
                mantissa = 2
            } else if fraction < 7 {
                mantissa = 5
            } else {
                mantissa = 10
            }
        } else {
            if fraction <= 1 {
                mantissa = 1
            } else if fraction <= 2 {
                mantissa = 2
            } else if fraction <= 5 {
                mantissa = 5
            } else {
                mantissa = 10
            }
        }
        if mantissa == 10 {
            mantissa = 1
            exponent += 1
        }
        return NiceStep(mantissa: mantissa, exponent: exponent)
    }

    /// Returns about `targetCount` ticks at multiples of a nice step that cover
    /// `lower...upper`: the first tick is at or below `lower` and the last at or above
    /// `upper`. An empty or non-finite range becomes `0...1`, and a single value `v`
    /// becomes `v...v + |v|`.
    static func linear(lower: Double, upper: Double, targetCount: Int = 5)
        -> (ticks: [Double], step: NiceStep)
    {
        var lower = lower
        var upper = upper
        if !lower.isFinite || !upper.isFinite || upper < lower {
            lower = 0
            upper = 1
        }
        if upper == lower {
            upper = lower == 0 ? 1 : lower + abs(lower)
            if upper < lower {
                swap(&lower, &upper)
            }
        }
        let range = niceNumber(upper - lower, round: false).value
        let step = niceNumber(range / Double(max(1, targetCount - 1)), round: true)
        let first = Int(floor(lower / step.value))
        let last = Int(ceil(upper / step.value))
        let ticks = (first...last).map { step.multiple($0) }
        return (ticks, step)
    }

    /// Returns the powers of ten from `lower` to `upper`, both included when they are powers
    /// of ten. Both bounds must be positive.
    static func decades(lower: Double, upper: Double) -> [Double] {
        let first = Int(ceil(log10(lower) - 1e-9))
        let last = Int(floor(log10(upper) + 1e-9))
        guard first <= last else { return [] }
        return (first...last).map { pow(10, Double($0)) }
    }
}
