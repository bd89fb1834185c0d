/// The `Decoder` for one node. It is also the node's single-value container.
final class NodeDecoder: Decoder {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let context: DecodingContext

    /// Keys looked up in a keyed container of this node, in lookup order, or nil when no
    /// keyed container was created.
    private var usedKeys: [String]?
    private var readAllKeys = false
    /// Decoders for nested containers and super decoders, whose keys are checked with
    /// this decoder's keys.
    private var children: [NodeDecoder] = []

    init(node: YAMLNode, codingPath: [any CodingKey], context: DecodingContext) {
        self.node = node
        self.codingPath = codingPath
        self.context = context
    }

    var userInfo: [CodingUserInfoKey: Any] {
        context.userInfo.mapValues { $0 as Any }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws
        -> KeyedDecodingContainer<Key>
    {
        guard let mapping = node.mapping else {
            throw mismatch(expected: "a mapping")
        }
        if usedKeys == nil {
            usedKeys = []
        }
        return KeyedDecodingContainer(MappingContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = node.sequence else {
            throw mismatch(expected: "a sequence")
        }
        return SequenceContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    // MARK: Unknown keys

    func noteKey(_ key: String) {
        if usedKeys?.contains(key) == false {
            usedKeys?.append(key)
        }
    }

    func noteAllKeysRead() {
        readAllKeys = true
    }

    /// Creates the decoder for a nested container or super decoder, whose keys are
    /// checked together with this decoder's keys.
    func makeChild(node: YAMLNode, codingPath: [any CodingKey]) -> NodeDecoder {
        let child = NodeDecoder(node: node, codingPath: codingPath, context: context)
        children.append(child)
        return child
    }

    /// Throws for the first scalar key of this node's mapping that no keyed container
    /// looked up, then checks nested containers the same way.
    func checkUnknownKeys() throws {
        if let usedKeys, !readAllKeys, let mapping = node.mapping {
            for entry in mapping {
                guard let key = entry.key.string, !usedKeys.contains(key) else { continue }
                let known = usedKeys.isEmpty ? "none" : usedKeys.joined(separator: ", ")
                throw context.error(
                    "unknown key '\(key)' (known keys: \(known))", at: entry.key,
                    codingPath: codingPath)
            }
        }
        for child in children {
            try child.checkUnknownKeys()
        }
    }

    // MARK: Errors

    func mismatch(expected: String) -> YAMLError {
        context.error(
            "expected \(expected), found \(Self.describe(node))", at: node,
            codingPath: codingPath)
    }

    /// Returns `text` cut to 40 characters with the count of the rest, for numbers in
    /// messages.
    static func shortened(_ text: String) -> String {
        guard text.count > 40 else { return text }
        return "\(text.prefix(40))... (\(text.count) characters)"
    }

    /// Describes a node for "found …" in messages, with scalar text cut to 60 characters.
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .sequence:
            return "a sequence"
        case .mapping:
            return "a mapping"
        case .scalar(let scalar):
            var text = scalar.text
            if text.count > 60 {
                text = text.prefix(57) + "..."
            }
            switch scalar.style {
            case .plain:
                return text.isEmpty ? "an empty value" : "'\(text)'"
            case .singleQuoted, .doubleQuoted:
                return "the quoted string '\(text)'"
            case .literal, .folded:
                return "a block string"
            }
        }
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        node.isNull
    }

    func decode(_ type: String.Type) throws -> String {
        guard let scalar = node.scalar else {
            throw mismatch(expected: "a string")
        }
        if context.requiresQuotedStrings && scalar.style == .plain {
            throw mismatch(expected: "a string")
        }
        return scalar.text
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = node.bool else {
            throw mismatch(expected: "a boolean (true or false)")
        }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        try decodeFloatingPoint(type)
    }

    func decode(_ type: Float.Type) throws -> Float {
        try decodeFloatingPoint(type)
    }

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

    private func decodeInteger<T: FixedWidthInteger & Sendable>(_ type: T.Type) throws -> T {
        switch node.integer(as: type) {
        case .value(let value):
            return value
        case .outOfRange:
            throw context.error(
                "integer \(Self.shortened(node.string ?? "")) is out of range for \(type) "
                    + "(\(T.min)...\(T.max))", at: node, codingPath: codingPath)
        case .notAnInteger:
            throw mismatch(expected: "an integer")
        }
    }

    /// Reads a core-schema float, or an integer such as `0x1F` converted to a float.
    private func decodeFloatingPoint<T: BinaryFloatingPoint>(_ type: T.Type) throws -> T {
        let number: Double
        if let value = node.double {
            number = value
        } else if case .value(let value) = node.integer(as: Int.self) {
            number = Double(value)
        } else if node.scalar?.style == .plain, let text = node.string,
            text.last.map({ $0.isASCII && $0.isNumber }) == true,
            let value = Double(text), value.isInfinite
        {
            // The core schema spells infinity `.inf`; a decimal such as 1e999 or a
            // 400-digit integer only overflows `Double`.
            throw context.error(
                "number \(Self.shortened(text)) is out of range for \(type)", at: node,
                codingPath: codingPath)
        } else {
            throw mismatch(expected: "a number")
        }
        let value = T(number)
        if number.isFinite && !value.isFinite {
            throw context.error(
                "number \(node.string ?? "") is out of range for \(type)", at: node,
                codingPath: codingPath)
        }
        return value
    }
}

/// A keyed container over a mapping node.
private struct MappingContainer<Key: CodingKey>: ForwardingKeyedContainer {
    let decoder: NodeDecoder
    let mapping: YAMLNode.Mapping
    /// Entry index by scalar key text. The first entry wins if a hand-built node repeats
    /// a key.
    private let index: [String: Int]

    init(decoder: NodeDecoder, mapping: YAMLNode.Mapping) {
        self.decoder = decoder
        self.mapping = mapping
        var index: [String: Int] = [:]
        for (position, entry) in mapping.enumerated() {
            if let key = entry.key.string, index[key] == nil {
                index[key] = position
            }
        }
        self.index = index
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.noteAllKeysRead()
        return mapping.compactMap { entry in entry.key.string.flatMap(Key.init(stringValue:)) }
    }

    func contains(_ key: Key) -> Bool {
        decoder.noteKey(key.stringValue)
        return index[key.stringValue] != nil
    }

    private func value(for key: Key) throws -> YAMLNode {
        decoder.noteKey(key.stringValue)
        guard let position = index[key.stringValue] else {
            throw decoder.context.error(
                "missing key '\(key.stringValue)'", at: decoder.node, codingPath: codingPath)
        }
        return mapping[position].value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try value(for: key).isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.context.decode(type, from: value(for: key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        throws -> KeyedDecodingContainer<NestedKey>
    {
        let child = decoder.makeChild(node: try value(for: key), codingPath: codingPath + [key])
        return try child.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let child = decoder.makeChild(node: try value(for: key), codingPath: codingPath + [key])
        return try child.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = SuperKey()
        decoder.noteKey(key.stringValue)
        guard let position = index[key.stringValue] else {
            throw decoder.context.error(
                "missing key 'super'", at: decoder.node, codingPath: codingPath)
        }
        return decoder.makeChild(node: mapping[position].value, codingPath: codingPath + [key])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.makeChild(node: try value(for: key), codingPath: codingPath + [key])
    }
}

/// An unkeyed container over a sequence node.
private struct SequenceContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [YAMLNode]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, items: [YAMLNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private var currentPath: [any CodingKey] { codingPath + [IndexKey(currentIndex)] }

    private func currentNode() throws -> YAMLNode {
        guard !isAtEnd else {
            throw decoder.context.error(
                "expected more items, but the sequence has only \(items.count)",
                at: decoder.node, codingPath: codingPath)
        }
        return items[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try currentNode().isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decoder.context.decode(type, from: currentNode(), codingPath: currentPath)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let container = try makeChild().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try makeChild().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = try makeChild()
        currentIndex += 1
        return child
    }

    private func makeChild() throws -> NodeDecoder {
        decoder.makeChild(node: try currentNode(), codingPath: currentPath)
    }
}
