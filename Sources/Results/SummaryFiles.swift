import Foundation

extension RunSummary {
    /// Encodes the summary as the bytes of `summary.json`: pretty-printed, keys sorted,
    /// absent figures left out and a trailing newline.
    ///
    /// Numbers are written by Foundation's `JSONEncoder` (swift-corelibs-foundation of
    /// Swift 6.3), which prints the shortest text that reads back as the same `Double`,
    /// so equal summaries give equal bytes. A non-finite value, which a correct summary
    /// never contains, is written as the string "NaN", "Infinity" or "-Infinity".
    public func jsonData() -> Data {
        summaryJSON(self)
    }

    /// Decodes a summary from the bytes of `summary.json`.
    public static func decode(json: Data) throws -> RunSummary {
        try JSONDecoder().decode(RunSummary.self, from: json)
    }

    /// Renders `summary.csv`: the header `scope,site,figure,value`, then one line per
    /// figure of `figures()`. Fields are quoted as RFC 4180 describes, and lines end with
    /// a line feed.
    public func csvText() -> String {
        var text = "scope,site,figure,value\n"
        for figure in figures() {
            let fields = [
                figure.scope.rawValue, figure.site ?? "", figure.name,
                Self.formatNumber(figure.value),
            ]
            text += fields.map(Self.csvField).joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// Quotes a CSV field when it contains a comma, a double quote or a line break, and
    /// doubles the double quotes inside it.
    static func csvField(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0.isNewline }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Formats a figure's value: whole numbers below 2^53 without a fraction (`12`), others
    /// as the shortest text that reads back as the same `Double` (`0.1`, `1e-05`).
    static func formatNumber(_ value: Double) -> String {
        if value == 0 {
            return "0"
        }
        if value.rounded() == value && abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(value)
    }
}

/// Encodes a summary pretty-printed with sorted keys and a trailing newline, the layout of
/// every `summary.json`.
func summaryJSON<Value: Encodable>(_ value: Value) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    // Encoding can only fail on non-finite numbers, and the strategy above handles those,
    // so a failure here is a bug.
    var data = try! encoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    return data
}
