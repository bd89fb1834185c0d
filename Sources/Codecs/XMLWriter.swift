import Foundation

/// Writes a `WireValue` as an XML document by the mapping in `docs/wire-formats.md`.
///
/// The root element is named after the message. Every field is a child element, except a
/// string field named `type` or `kind`, which is an attribute. A list is one element with an
/// `<item>` child per entry, a string-keyed dictionary is one element with an
/// `<entry name="KEY">` child per key, and a null value is an element with `nil="true"`.
enum XMLWriter {
    static func write(_ value: WireValue, rootElement: String) throws(WireError) -> Data {
        guard case .object = value else {
            throw WireError(
                format: .xml, source: "",
                problem: "the top-level value must be an object to become the root element "
                    + "<\(rootElement)>")
        }
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        try writeElement(rootElement, value, indent: "", path: [], into: &text)
        return Data(text.utf8)
    }

    /// Field names written as attributes when their value is a string.
    static let attributeFields: Set<String> = ["type", "kind"]

    private static func writeElement(
        _ name: String, _ value: WireValue, attributes: [(String, String)] = [],
        indent: String, path: [String], into text: inout String
    ) throws(WireError) {
        try checkName(name, path: path)
        var openTag = "<" + name
        var attributes = attributes
        var children: [(name: String, attributes: [(String, String)], value: WireValue)] = []
        var content: String?

        switch value {
        case .null:
            attributes.append(("nil", "true"))
        case .bool(let flag):
            content = flag ? "true" : "false"
        case .number(let number):
            content = number
        case .string(let string):
            content = try escaped(string, path: path)
        case .array(let items):
            children = items.map { (name: "item", attributes: [], value: $0) }
        case .object(let fields, let isMap):
            for field in fields {
                if isMap {
                    children.append((name: "entry", attributes: [("name", field.key)], field.value))
                } else if attributeFields.contains(field.key),
                    case .string(let string) = field.value
                {
                    attributes.append((field.key, string))
                } else {
                    children.append((name: field.key, attributes: [], value: field.value))
                }
            }
        }

        for (attribute, attributeValue) in attributes {
            openTag += " \(attribute)=\"\(try escaped(attributeValue, path: path + [attribute]))\""
        }
        text += indent + openTag
        if let content {
            text += ">" + content + "</" + name + ">\n"
        } else if children.isEmpty {
            text += "/>\n"
        } else {
            text += ">\n"
            for (index, child) in children.enumerated() {
                let childPath = path + [child.name == "item" ? "[\(index)]" : child.name]
                try writeElement(
                    child.name, child.value, attributes: child.attributes, indent: indent + "  ",
                    path: childPath, into: &text)
            }
            text += indent + "</" + name + ">\n"
        }
    }

    /// Checks that a field name is an XML name without a namespace prefix: a letter or `_`,
    /// then letters, digits, `-`, `_` or `.`.
    private static func checkName(_ name: String, path: [String]) throws(WireError) {
        let scalars = name.unicodeScalars
        let valid =
            scalars.first.map { $0.properties.isAlphabetic || $0 == "_" } == true
            && scalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0)
                    || "-_.".unicodeScalars.contains($0)
            }
        guard valid else {
            throw WireError(
                format: .xml, source: "", codingPath: pathText(path),
                problem: "the field name '\(name)' is not a valid XML element name")
        }
    }

    /// Escapes text for element content and attribute values. Tabs and line breaks become
    /// character references, so that attribute normalisation and line-end handling cannot
    /// change them. XML 1.0 has no way to carry the other control characters, U+FFFE and
    /// U+FFFF, so they are an error.
    private static func escaped(_ string: String, path: [String]) throws(WireError) -> String {
        var text = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            case "\t": text += "&#9;"
            case "\n": text += "&#10;"
            case "\r": text += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    throw WireError(
                        format: .xml, source: "", codingPath: pathText(path),
                        problem: "the character U+\(String(repeating: "0", count: 4 - hex.count))"
                            + "\(hex) cannot be written in XML 1.0")
                }
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func pathText(_ path: [String]) -> String {
        var text = ""
        for part in path {
            text += part.hasPrefix("[") || text.isEmpty ? part : "." + part
        }
        return text
    }
}
