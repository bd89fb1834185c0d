import Foundation

/// Parses JSON (RFC 8259) into a `YAMLNode` tree with positions, so that the YAML decoder
/// can decode it and report positions and coding paths.
///
/// Strings become double-quoted scalars, and numbers, `true`, `false` and `null` become
/// plain scalars, which the YAML 1.2 core schema reads as the same values. The reader
/// rejects what `JSONSerialization` accepts silently or fails on badly: a key repeated in
/// one object, nesting beyond `WireLimits.maxDepth`, numbers longer than
/// `WireLimits.maxNumberLength`, invalid UTF-8 and unpaired surrogate escapes.
struct JSONReader {
    private let bytes: [UInt8]
    private let source: String
    private let limits: WireLimits
    private var offset = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    static func parse(_ data: Data, source: String, limits: WireLimits) throws(WireError)
        -> YAMLNode
    {
        if let invalid = UTF8Check.firstInvalid(in: data) {
            throw WireError(
                format: .json, source: source, line: invalid.mark.line,
                column: invalid.mark.column, problem: invalid.problem)
        }
        var reader = JSONReader(bytes: Array(data), source: source, limits: limits)
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.offset = 3
        }
        reader.skipWhitespace()
        let root = try reader.parseValue()
        reader.skipWhitespace()
        guard reader.offset == reader.bytes.count else {
            throw reader.error("unexpected \(reader.describeCurrent()) after the JSON value")
        }
        return root
    }

    private init(bytes: [UInt8], source: String, limits: WireLimits) {
        self.bytes = bytes
        self.source = source
        self.limits = limits
    }

    // MARK: Positions

    private var mark: YAMLNode.Mark { YAMLNode.Mark(line: line, column: column) }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Moves past one byte, counting lines and, for columns, the bytes that start a
    /// UTF-8 sequence.
    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func error(_ problem: String, at mark: YAMLNode.Mark? = nil) -> WireError {
        let position = mark ?? self.mark
        return WireError(
            format: .json, source: source, line: position.line, column: position.column,
            problem: problem)
    }

    private func describeCurrent() -> String {
        guard let byte = current else { return "end of input" }
        if byte >= 0x21, byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while let byte = current,
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        {
            advance()
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(WireError) -> YAMLNode {
        let start = mark
        switch current ?? 0 {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            let text = try parseString()
            return YAMLNode(.scalar(YAMLNode.Scalar(text: text, style: .doubleQuoted)), mark: start)
        case UInt8(ascii: "t"):
            return try parseLiteral("true", start: start)
        case UInt8(ascii: "f"):
            return try parseLiteral("false", start: start)
        case UInt8(ascii: "n"):
            return try parseLiteral("null", start: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber(start: start)
        default:
            throw error("expected a JSON value, found \(describeCurrent())")
        }
    }

    private mutating func enter(_ start: YAMLNode.Mark) throws(WireError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            throw error(
                "objects and arrays are nested deeper than the limit of \(limits.maxDepth) "
                    + "levels (WireLimits.maxDepth)", at: start)
        }
        advance()
        skipWhitespace()
    }

    private mutating func parseObject() throws(WireError) -> YAMLNode {
        let start = mark
        try enter(start)
        var entries: [YAMLNode.Entry] = []
        var keyMarks: [String: YAMLNode.Mark] = [:]
        if current == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return YAMLNode(.mapping(YAMLNode.Mapping(entries)), mark: start)
        }
        while true {
            guard current == UInt8(ascii: "\"") else {
                throw error("expected a string key in quotes, found \(describeCurrent())")
            }
            let keyMark = mark
            let key = try parseString()
            if let first = keyMarks[key] {
                throw error(
                    "duplicate key '\(key)' (first at line \(first.line), column \(first.column))",
                    at: keyMark)
            }
            keyMarks[key] = keyMark
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw error("expected ':' after the key '\(key)', found \(describeCurrent())")
            }
            advance()
            skipWhitespace()
            let value = try parseValue()
            let keyNode = YAMLNode(
                .scalar(YAMLNode.Scalar(text: key, style: .doubleQuoted)), mark: keyMark)
            entries.append(YAMLNode.Entry(key: keyNode, value: value))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                skipWhitespace()
            } else if current == UInt8(ascii: "}") {
                advance()
                depth -= 1
                return YAMLNode(.mapping(YAMLNode.Mapping(entries)), mark: start)
            } else {
                throw error("expected ',' or '}' in the object, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray() throws(WireError) -> YAMLNode {
        let start = mark
        try enter(start)
        var items: [YAMLNode] = []
        if current == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return YAMLNode(.sequence(items), mark: start)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                skipWhitespace()
            } else if current == UInt8(ascii: "]") {
                advance()
                depth -= 1
                return YAMLNode(.sequence(items), mark: start)
            } else {
                throw error("expected ',' or ']' in the array, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseLiteral(_ word: String, start: YAMLNode.Mark) throws(WireError)
        -> YAMLNode
    {
        for expected in word.utf8 {
            guard current == expected else {
                throw error("invalid literal; expected '\(word)'", at: start)
            }
            advance()
        }
        return YAMLNode(.scalar(YAMLNode.Scalar(text: word, style: .plain)), mark: start)
    }

    /// Reads a number by the JSON grammar `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    /// The decoder checks the range when it knows the type.
    private mutating func parseNumber(start: YAMLNode.Mark) throws(WireError) -> YAMLNode {
        let first = offset
        func isDigit(_ byte: UInt8?) -> Bool {
            byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        }
        func digits() throws(WireError) {
            guard isDigit(current) else {
                throw error("invalid number; expected a digit, found \(describeCurrent())")
            }
            while isDigit(current) {
                advance()
                guard offset - first <= limits.maxNumberLength else {
                    throw error(
                        "the number has more than \(limits.maxNumberLength) characters "
                            + "(WireLimits.maxNumberLength)", at: start)
                }
            }
        }

        if current == UInt8(ascii: "-") { advance() }
        if current == UInt8(ascii: "0") {
            advance()
            if isDigit(current) {
                throw error("invalid number; JSON numbers have no leading zeros", at: start)
            }
        } else {
            try digits()
        }
        if current == UInt8(ascii: ".") {
            advance()
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            try digits()
        }
        let text = String(decoding: bytes[first..<offset], as: UTF8.self)
        return YAMLNode(.scalar(YAMLNode.Scalar(text: text, style: .plain)), mark: start)
    }

    /// Reads a string literal and returns its text with escapes resolved.
    private mutating func parseString() throws(WireError) -> String {
        advance()
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw error("the string has no closing quote")
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escapeMark = mark
                advance()
                let scalar = try parseEscape(at: escapeMark)
                text.append(contentsOf: String(Character(scalar)).utf8)
            case 0..<0x20:
                throw error(
                    "control character U+00\(byte < 0x10 ? "0" : "")"
                        + "\(String(byte, radix: 16, uppercase: true)) must be escaped in a string")
            default:
                text.append(byte)
                advance()
            }
        }
    }

    private mutating func parseEscape(at escapeMark: YAMLNode.Mark) throws(WireError)
        -> Unicode.Scalar
    {
        guard let byte = current else {
            throw error("the string has no closing quote")
        }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHex(at: escapeMark)
            if (0xD800..<0xDC00).contains(unit) {
                guard current == UInt8(ascii: "\\") else {
                    throw error("unpaired surrogate escape in a string", at: escapeMark)
                }
                advance()
                guard current == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate escape in a string", at: escapeMark)
                }
                advance()
                let low = try parseHex(at: escapeMark)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("unpaired surrogate escape in a string", at: escapeMark)
                }
                let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                return Unicode.Scalar(value)!
            }
            guard let scalar = Unicode.Scalar(unit) else {
                throw error("unpaired surrogate escape in a string", at: escapeMark)
            }
            return scalar
        default:
            throw error("invalid escape sequence in a string", at: escapeMark)
        }
    }

    private mutating func parseHex(at escapeMark: YAMLNode.Mark) throws(WireError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw error("invalid \\u escape; expected four hexadecimal digits", at: escapeMark)
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
