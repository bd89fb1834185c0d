import BrokerModel
import Codecs
import Foundation

/// Typed access to the nodes of a scenario file, with errors that name the
/// file, line, column, key path, what was expected and what was found.
struct ScenarioReader {
    let file: String

    func error(_ node: YAMLNode, _ path: String, expected: String) -> YAMLError {
        node.error("\(path): expected \(expected), found \(describe(node))", file: file)
    }

    func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): scalar.text.isEmpty ? "nothing" : "'\(scalar.text)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// Returns the mapping at `node`, after checking that every key is one of `keys`.
    func mapping(_ node: YAMLNode, _ path: String, keys: [String]) throws(YAMLError)
        -> YAMLNode.Mapping
    {
        guard let mapping = node.mapping else {
            throw error(node, path, expected: "a mapping with keys \(keys.joined(separator: ", "))")
        }
        for entry in mapping where !keys.contains(entry.key.string ?? "") {
            let key = entry.key.string ?? ""
            var message = "\(path): unknown key '\(key)'"
            if let suggestion = closest(to: key, among: keys) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected one of \(keys.joined(separator: ", "))"
            }
            throw entry.key.error(message, file: file)
        }
        return mapping
    }

    /// Returns the value at `key`, or throws naming the missing key.
    func required(_ mapping: YAMLNode.Mapping, _ key: String, in parent: YAMLNode, _ path: String)
        throws(YAMLError) -> YAMLNode
    {
        guard let node = mapping[key], !node.isNull else {
            throw parent.error("\(path): missing required key '\(key)'", file: file)
        }
        return node
    }

    func string(_ node: YAMLNode, _ path: String) throws(YAMLError) -> String {
        guard let text = node.string, !text.isEmpty else {
            throw error(node, path, expected: "a text")
        }
        return text
    }

    func integer(
        _ node: YAMLNode, _ path: String, minimum: Int = Int.min, maximum: Int = Int.max
    ) throws(YAMLError) -> Int {
        guard let value = node.int, value >= minimum, value <= maximum else {
            let range =
                switch (minimum == Int.min, maximum == Int.max) {
                case (true, true): ""
                case (false, true): " of at least \(minimum)"
                case (true, false): " of at most \(maximum)"
                case (false, false): " from \(minimum) to \(maximum)"
                }
            throw error(node, path, expected: "a whole number\(range)")
        }
        return value
    }

    /// Reads a count of cores or GPUs in thousandths, from one thousandth to `maximum` whole units.
    func milliUnits(_ node: YAMLNode, _ path: String, maximum: Double, allowZero: Bool = false)
        throws(YAMLError) -> Int64
    {
        let value = try number(node, path, positive: !allowZero)
        let milli = (value * 1000).rounded()
        guard value <= maximum, allowZero || milli >= 1 else {
            throw error(
                node, path,
                expected: "a number from \(allowZero ? "0" : "0.001") to \(Int(maximum))")
        }
        return Int64(milli)
    }

    func number(_ node: YAMLNode, _ path: String, positive: Bool = false) throws(YAMLError)
        -> Double
    {
        guard let value = node.double ?? node.int.map(Double.init), value.isFinite,
            value >= 0, !positive || value > 0
        else {
            throw error(
                node, path, expected: positive ? "a positive number" : "a number of 0 or more")
        }
        return value
    }

    func bool(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Bool {
        guard let value = node.bool else { throw error(node, path, expected: "true or false") }
        return value
    }

    /// Reads an ISO-8601 duration in milliseconds.
    func duration(_ node: YAMLNode, _ path: String, positive: Bool = false) throws(YAMLError)
        -> Milliseconds
    {
        guard let text = node.string else {
            throw error(node, path, expected: "an ISO-8601 duration such as PT5M")
        }
        let value: Milliseconds
        do {
            value = try ISO8601.duration(text)
        } catch {
            throw node.error("\(path): \(error.description)", file: file)
        }
        if positive, value <= 0 {
            throw self.error(node, path, expected: "a duration longer than zero")
        }
        guard value <= WorkloadLimits.maxMilliseconds else {
            throw self.error(node, path, expected: "a duration of at most 100 years (P36525D)")
        }
        return value
    }

    func instant(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Milliseconds {
        guard let text = node.string else {
            throw error(node, path, expected: "an ISO-8601 instant such as 1996-09-23T12:00:00Z")
        }
        do {
            return try ISO8601.instant(text)
        } catch {
            throw node.error("\(path): \(error.description)", file: file)
        }
    }

    /// Reads a size such as `16GiB` or `2.5 GB`, in bytes.
    func bytes(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Int64 {
        guard let text = node.string,
            let (value, unit) = Self.splitQuantity(text),
            let scale = Self.byteUnits[unit]
        else {
            throw error(
                node, path,
                expected: "a size with a unit (B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB), "
                    + "such as 16GiB or 500MB")
        }
        let bytes = (value * scale).rounded(.up)
        guard bytes < 9e18 else { throw error(node, path, expected: "a size below 8 EiB") }
        return Int64(bytes)
    }

    /// Reads a memory size in whole MiB, rounded up.
    func mebibytes(_ node: YAMLNode, _ path: String, allowZero: Bool = false) throws(YAMLError)
        -> Int64
    {
        let value = try bytes(node, path)
        guard allowZero || value > 0 else {
            throw error(node, path, expected: "a size above zero, such as 16GiB")
        }
        return (value + 1_048_575) / 1_048_576
    }

    /// Reads a bandwidth such as `10Gbit/s` or `1.25GB/s`, in bytes per second.
    func bandwidth(_ node: YAMLNode, _ path: String) throws(YAMLError) -> Int64 {
        guard let text = node.string, text.hasSuffix("/s"),
            let (value, unit) = Self.splitQuantity(String(text.dropLast(2))),
            let scale = Self.bandwidthUnits[unit], value > 0, value * scale <= 1e15
        else {
            throw error(
                node, path, expected: "a bandwidth up to 1PB/s, such as 10Gbit/s or 500MB/s")
        }
        return max(1, Int64((value * scale).rounded()))
    }

    /// Splits `2.5 GiB` or `1e3MB` into the number and the unit, the unit
    /// being the trailing run of letters.
    static func splitQuantity(_ text: String) -> (Double, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let lastDigit = trimmed.lastIndex(where: { !$0.isLetter }) else { return nil }
        let unitStart = trimmed.index(after: lastDigit)
        guard unitStart < trimmed.endIndex else { return nil }
        let number = trimmed[..<unitStart].trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        return (value, String(trimmed[unitStart...]))
    }

    static let byteUnits: [String: Double] = [
        "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
        "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824, "TiB": 1_099_511_627_776,
        "PiB": 1_125_899_906_842_624,
    ]

    static let bandwidthUnits: [String: Double] = [
        "bit": 1.0 / 8, "kbit": 1e3 / 8, "Mbit": 1e6 / 8, "Gbit": 1e9 / 8, "Tbit": 1e12 / 8,
        "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
        "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824,
    ]

    /// Returns the candidate closest to `word` by edit distance, when it is close enough
    /// to be a likely typing mistake.
    func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
            best.distance <= max(2, word.count / 3)
        else { return nil }
        return best.candidate
    }

    private func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1,
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
