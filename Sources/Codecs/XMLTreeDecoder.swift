/// Decodes `Decodable` types from an XML element tree by the mapping in
/// `docs/wire-formats.md`.
///
/// XML text has no types, so the decoder reads an element as the type requests: a
/// keyed container reads child elements and attributes by name, an unkeyed container reads
/// `<item>` children, a string-keyed dictionary reads `<entry name="KEY">` children, and a
/// single value reads the element's text exactly, spaces included.
enum XMLTreeDecoder {
    static func decode<T: Decodable>(
        _ type: T.Type, from root: XMLElementNode, source: String, rootElement: String?
    ) throws(WireError) -> T {
        if let rootElement, root.name != rootElement {
            throw WireError(
                format: .xml, source: source, line: root.mark.line, column: root.mark.column,
                problem: "expected the root element <\(rootElement)>, found <\(root.name)>")
        }
        let context = XMLDecodingContext(source: source)
        do {
            return try context.decode(type, from: .element(root), codingPath: [])
        } catch {
            throw WireError(error, format: .xml, source: source)
        }
    }
}

/// A value in the tree: an element, or an attribute read as a field.
enum XMLValueNode {
    case element(XMLElementNode)
    case attribute(name: String, value: String, mark: YAMLNode.Mark)

    var mark: YAMLNode.Mark {
        switch self {
        case .element(let element): element.mark
        case .attribute(_, _, let mark): mark
        }
    }

    /// The node's name in messages: `<compute>` or `the attribute 'type'`.
    var label: String {
        switch self {
        case .element(let element): "<\(element.name)>"
        case .attribute(let name, _, _): "the attribute '\(name)'"
        }
    }
}

struct XMLDecodingContext {
    let source: String

    /// Decodes one value through its `init(from:)`, converting a `DecodingError` that the
    /// type throws into a `WireError` at `node`.
    func decode<T: Decodable>(
        _ type: T.Type, from node: XMLValueNode, codingPath: [any CodingKey]
    ) throws -> T {
        let decoder = XMLNodeDecoder(
            node: node, codingPath: codingPath, context: self,
            isDictionary: T.self is any StringKeyedDictionary.Type)
        do {
            return try T(from: decoder)
        } catch let error as DecodingError {
            let converted = WireError(error, format: .xml, source: source)
            throw WireError(
                format: .xml, source: source, line: node.mark.line, column: node.mark.column,
                codingPath: converted.codingPath, problem: converted.problem)
        }
    }

    func error(_ problem: String, at node: XMLValueNode, codingPath: [any CodingKey])
        -> WireError
    {
        WireError(
            format: .xml, source: source, line: node.mark.line, column: node.mark.column,
            codingPath: DecodingContext.pathText(codingPath), problem: problem)
    }
}

/// The `Decoder` for one element or attribute. It is also the single-value container.
struct XMLNodeDecoder: Decoder {
    let node: XMLValueNode
    let codingPath: [any CodingKey]
    let context: XMLDecodingContext
    /// True when the type being decoded is a string-keyed dictionary.
    let isDictionary: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func error(_ problem: String) -> WireError {
        context.error(problem, at: node, codingPath: codingPath)
    }

    /// Returns the element, or throws when the node is an attribute.
    private func element(holding what: String) throws -> XMLElementNode {
        guard case .element(let element) = node else {
            throw error("expected \(what), found \(node.label)")
        }
        let text = element.text.trimmingXMLWhitespace()
        guard text.isEmpty else {
            throw error(
                "unexpected text '\(text.prefix(40))' in \(node.label), which must contain only \(what)"
            )
        }
        return element
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var fields: [String: XMLValueNode] = [:]
        var order: [String] = []
        func add(_ name: String, _ value: XMLValueNode, repeated problem: String) throws {
            if let first = fields[name] {
                throw context.error(
                    "\(problem) (first at line \(first.mark.line), column \(first.mark.column))",
                    at: value, codingPath: codingPath)
            }
            fields[name] = value
            order.append(name)
        }

        if isDictionary {
            let element = try element(holding: "<entry> elements")
            for child in element.children {
                guard child.name == "entry", let name = child.attribute("name") else {
                    throw context.error(
                        "expected <entry name=\"...\"> elements in \(node.label), found "
                            + "<\(child.name)>", at: .element(child), codingPath: codingPath)
                }
                try add(name, .element(child), repeated: "duplicate entry name '\(name)'")
            }
        } else {
            let element = try element(holding: "child elements")
            for attribute in element.attributes where attribute.name != "nil" {
                let value = XMLValueNode.attribute(
                    name: attribute.name, value: attribute.value, mark: element.mark)
                try add(attribute.name, value, repeated: "repeated field '\(attribute.name)'")
            }
            for child in element.children {
                try add(
                    child.name, .element(child),
                    repeated: "repeated element <\(child.name)>; only the <item> elements of a "
                        + "list may repeat")
            }
        }
        return KeyedDecodingContainer(
            XMLKeyedContainer<Key>(decoder: self, fields: fields, order: order))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try element(holding: "<item> elements")
        for child in element.children where child.name != "item" {
            throw context.error(
                "expected <item> elements in \(node.label), found <\(child.name)>",
                at: .element(child), codingPath: codingPath)
        }
        return XMLUnkeyedContainer(decoder: self, items: element.children)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }
}

extension XMLNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        guard case .element(let element) = node else { return false }
        return element.attribute("nil") == "true"
    }

    /// Returns the exact text of the element or attribute.
    private func text(expected: String) throws -> String {
        switch node {
        case .attribute(_, let value, _):
            return value
        case .element(let element):
            guard element.children.isEmpty else {
                throw error("expected \(expected), found child elements in \(node.label)")
            }
            // nil="true" stands for an absent value, which only an optional field may take.
            guard element.attribute("nil") != "true" else {
                throw error("expected \(expected), found nil=\"true\" in \(node.label)")
            }
            return element.text
        }
    }

    func decode(_ type: String.Type) throws -> String {
        try text(expected: "text")
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch try text(expected: "a boolean") {
        case "true", "1": return true
        case "false", "0": return false
        case let text: throw error("expected a boolean (true or false), found '\(text.prefix(40))'")
        }
    }

    func decode(_ type: Double.Type) throws -> Double { try decodeFloatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeFloatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try context.decode(type, from: node, codingPath: codingPath)
    }

    private func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let text = try text(expected: "an integer")
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw error("expected an integer, found '\(NodeDecoder.shortened(text))'")
        }
        guard let value = T(text) else {
            throw error(
                "integer \(NodeDecoder.shortened(text)) is out of range for \(type) "
                    + "(\(T.min)...\(T.max))")
        }
        return value
    }

    /// Reads a decimal number with an optional fraction and exponent. `INF` and `NaN`,
    /// which XML Schema allows, are rejected because no broker field can hold them.
    private func decodeFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ type: T.Type
    ) throws -> T {
        let text = try text(expected: "a number")
        let allowed = "0123456789+-.eE"
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }), let value = T(text) else {
            throw error("expected a number, found '\(NodeDecoder.shortened(text))'")
        }
        guard value.isFinite else {
            throw error("number \(NodeDecoder.shortened(text)) is out of range for \(type)")
        }
        return value
    }
}

private struct XMLKeyedContainer<Key: CodingKey>: ForwardingKeyedContainer {
    let decoder: XMLNodeDecoder
    let fields: [String: XMLValueNode]
    let order: [String]

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    private func value(for key: Key) throws -> XMLValueNode {
        guard let value = fields[key.stringValue] else {
            throw decoder.error("missing element <\(key.stringValue)>")
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard case .element(let element) = try value(for: key) else { return false }
        return element.attribute("nil") == "true"
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.context.decode(type, from: value(for: key), codingPath: codingPath + [key])
    }

    private func childDecoder(for key: Key) throws -> XMLNodeDecoder {
        XMLNodeDecoder(
            node: try value(for: key), codingPath: codingPath + [key], context: decoder.context,
            isDictionary: false)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        throws -> KeyedDecodingContainer<NestedKey>
    {
        try childDecoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let value = fields["super"] else {
            throw decoder.error("missing element <super>")
        }
        return XMLNodeDecoder(
            node: value, codingPath: codingPath + [SuperKey()], context: decoder.context,
            isDictionary: false)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try childDecoder(for: key)
    }
}

private struct XMLUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: XMLNodeDecoder
    let items: [XMLElementNode]
    private(set) var currentIndex = 0

    init(decoder: XMLNodeDecoder, items: [XMLElementNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private func current() throws -> XMLElementNode {
        guard !isAtEnd else {
            throw decoder.error("expected more <item> elements, but there are only \(items.count)")
        }
        return items[currentIndex]
    }

    private var currentPath: [any CodingKey] { codingPath + [IndexKey(currentIndex)] }

    mutating func decodeNil() throws -> Bool {
        guard try current().attribute("nil") == "true" else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decoder.context.decode(
            type, from: .element(current()), codingPath: currentPath)
        currentIndex += 1
        return value
    }

    private func childDecoder() throws -> XMLNodeDecoder {
        XMLNodeDecoder(
            node: .element(try current()), codingPath: currentPath, context: decoder.context,
            isDictionary: false)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let container = try childDecoder().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try childDecoder().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = try childDecoder()
        currentIndex += 1
        return child
    }
}

extension String {
    /// Returns the text without leading and trailing XML white space: space, tab, CR and LF.
    func trimmingXMLWhitespace() -> Substring {
        // A CR LF pair is one Character, so test its scalars.
        let isSpace: (Character) -> Bool = {
            $0.unicodeScalars.allSatisfy { " \t\r\n".unicodeScalars.contains($0) }
        }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
