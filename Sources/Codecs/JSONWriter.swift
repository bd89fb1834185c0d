/// Writes a `WireValue` as JSON indented by two spaces, with the keys of every object
/// sorted so that equal values give equal bytes.
enum JSONWriter {
    static func write(_ value: WireValue) -> String {
        var text = ""
        write(value, indent: "", into: &text)
        return text + "\n"
    }

    private static func write(_ value: WireValue, indent: String, into text: inout String) {
        switch value {
        case .null:
            text += "null"
        case .bool(let flag):
            text += flag ? "true" : "false"
        case .number(let number):
            text += number
        case .string(let string):
            writeString(string, into: &text)
        case .array(let items):
            guard !items.isEmpty else {
                text += "[]"
                return
            }
            let inner = indent + "  "
            text += "[\n"
            for (index, item) in items.enumerated() {
                text += inner
                write(item, indent: inner, into: &text)
                text += index == items.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .object(let fields, _):
            guard !fields.isEmpty else {
                text += "{}"
                return
            }
            let inner = indent + "  "
            let sorted = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            text += "{\n"
            for (index, field) in sorted.enumerated() {
                text += inner
                writeString(field.key, into: &text)
                text += ": "
                write(field.value, indent: inner, into: &text)
                text += index == sorted.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        }
    }

    /// Writes a JSON string literal, escaping the quote, the backslash and the control
    /// characters U+0000 to U+001F, which JSON does not allow raw.
    private static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
