// Interpretation of scalars under the YAML 1.2 core schema
// (https://yaml.org/spec/1.2.2/#1032-tag-resolution).

/// The result of reading a scalar as an integer of a given type.
public enum YAMLInteger<Value: FixedWidthInteger & Sendable>: Sendable, Equatable {
    case value(Value)
    /// The scalar is not an integer in the core schema, or it is a string or a collection.
    case notAnInteger
    /// The scalar is an integer that does not fit in `Value`.
    case outOfRange
}

extension YAMLNode {
    static let nullTag = "tag:yaml.org,2002:null"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"

    /// Returns the scalar text when this node may be read with the core tag `coreTag`,
    /// which is the case for a plain scalar without a tag and any scalar tagged `coreTag`.
    private func schemaText(coreTag: String) -> String? {
        guard let scalar else { return nil }
        if let tag {
            return tag == coreTag ? scalar.text : nil
        }
        return scalar.style == .plain ? scalar.text : nil
    }

    /// True for a plain empty scalar and for plain `~`, `null`, `Null` and `NULL`.
    public var isNull: Bool {
        guard let text = schemaText(coreTag: Self.nullTag) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The value of a plain `true` or `false` (also capitalized or all upper case).
    /// YAML 1.1 words such as `yes`, `no`, `on` and `off` are not booleans and return nil.
    public var bool: Bool? {
        switch schemaText(coreTag: Self.boolTag) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The value of a plain integer that fits in `Int`, or nil. Use `integer(as:)` to tell
    /// an out-of-range integer apart from text that is not an integer.
    public var int: Int? {
        if case .value(let value) = integer(as: Int.self) { return value }
        return nil
    }

    /// Reads the scalar as a core-schema integer: decimal with an optional sign (`-12`,
    /// `+7`, `0755` is 755), hexadecimal `0x1F` or octal `0o17`. Overflow gives
    /// `.outOfRange`, never a wrapped value.
    public func integer<Value: FixedWidthInteger & Sendable>(
        as type: Value.Type
    ) -> YAMLInteger<Value> {
        guard let text = schemaText(coreTag: Self.intTag) else { return .notAnInteger }
        let digits: Substring
        let radix: Int
        if text.hasPrefix("0x") {
            digits = text.dropFirst(2)
            radix = 16
        } else if text.hasPrefix("0o") {
            digits = text.dropFirst(2)
            radix = 8
        } else {
            let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
            guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .notAnInteger
            }
            guard let value = Value(text, radix: 10) else { return .outOfRange }
            return .value(value)
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            radix == 16 || digits.allSatisfy({ ("0"..."7").contains($0) })
        else {
            return .notAnInteger
        }
        guard let value = Value(digits, radix: radix) else { return .outOfRange }
        return .value(value)
    }

    /// The value of a plain core-schema float: decimal with an optional fraction and
    /// exponent (`3.10`, `-1e3`, `7`), `.inf`, `-.inf` or `.nan` in the three spellings the
    /// schema allows. A finite number too large for `Double` returns nil.
    public var double: Double? {
        guard let text = schemaText(coreTag: Self.floatTag) else { return nil }
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
        let negative = text.first == "-"
        if [".inf", ".Inf", ".INF"].contains(unsigned) {
            return negative ? -.infinity : .infinity
        }
        if [".nan", ".NaN", ".NAN"].contains(text) {
            return .nan
        }
        guard Self.isDecimalFloat(unsigned), let value = Double(text), value.isFinite else {
            return nil
        }
        return value
    }

    /// Checks `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the unsigned part of the
    /// core-schema float pattern.
    private static func isDecimalFloat(_ text: Substring) -> Bool {
        func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

        var rest = text
        let integerDigits = rest.prefix(while: isDigit)
        rest = rest.dropFirst(integerDigits.count)
        var fractionDigits: Substring = ""
        if rest.first == "." {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fractionDigits.count)
            if integerDigits.isEmpty && fractionDigits.isEmpty { return false }
        } else if integerDigits.isEmpty {
            return false
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponentDigits = rest.prefix(while: isDigit)
            if exponentDigits.isEmpty { return false }
            rest = rest.dropFirst(exponentDigits.count)
        }
        return rest.isEmpty
    }
}
