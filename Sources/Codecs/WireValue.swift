/// A value tree that the encoders of all three formats write out, built by
/// `WireValueEncoder` from a value's `encode(to:)`.
enum WireValue: Equatable {
    case null
    case bool(Bool)
    /// A number as decimal text that JSON, YAML and XML all read back to the same value.
    case number(String)
    case string(String)
    case array([WireValue])
    /// An object's fields in the order `encode(to:)` wrote them. `isMap` marks a
    /// string-keyed dictionary, whose keys are data rather than field names and are sorted.
    case object([Field], isMap: Bool)

    struct Field: Equatable {
        var key: String
        var value: WireValue
    }
}

/// The string-keyed dictionaries, which XML writes as `<entry name="KEY">` elements.
protocol StringKeyedDictionary {}

extension Dictionary: StringKeyedDictionary where Key == String {}

/// A node of the tree under construction. An `Encoder` may ask for the same keyed container
/// more than once, as a polymorphic type does when it writes its type identifier and then
/// lets the selected case write its fields, so nodes are mutable references.
private final class EncodingNode {
    enum Kind {
        case unset
        case scalar(WireValue)
        case keyed
        case unkeyed
    }

    var kind = Kind.unset
    var keys: [String] = []
    var children: [String: EncodingNode] = [:]
    var items: [EncodingNode] = []
    var isMap = false

    func child(forKey key: String) -> EncodingNode {
        if let node = children[key] { return node }
        let node = EncodingNode()
        keys.append(key)
        children[key] = node
        return node
    }

    func appendItem() -> EncodingNode {
        let node = EncodingNode()
        items.append(node)
        return node
    }

    var value: WireValue {
        switch kind {
        case .unset: return .object([], isMap: isMap)
        case .scalar(let value): return value
        case .unkeyed: return .array(items.map(\.value))
        case .keyed:
            let order = isMap ? keys.sorted() : keys
            let fields = order.map { WireValue.Field(key: $0, value: children[$0]!.value) }
            return .object(fields, isMap: isMap)
        }
    }
}

/// An `Encoder` that builds a `WireValue`.
struct WireValueEncoder: Encoder {
    fileprivate let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    fileprivate init(node: EncodingNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    /// Encodes `value` into a tree.
    static func encode<T: Encodable>(_ value: T) throws -> WireValue {
        let node = EncodingNode()
        try encodeValue(value, into: node, codingPath: [])
        return node.value
    }

    fileprivate static func encodeValue<T: Encodable>(
        _ value: T, into node: EncodingNode, codingPath: [any CodingKey]
    ) throws {
        try value.encode(to: WireValueEncoder(node: node, codingPath: codingPath))
        if value is any StringKeyedDictionary {
            node.isMap = true
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .unset = node.kind { node.kind = .keyed }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unset = node.kind { node.kind = .unkeyed }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        self
    }
}

extension WireValueEncoder: SingleValueEncodingContainer {
    private func set(_ value: WireValue) {
        node.kind = .scalar(value)
    }

    func encodeNil() { set(.null) }
    func encode(_ value: Bool) { set(.bool(value)) }
    func encode(_ value: String) { set(.string(value)) }
    func encode(_ value: Double) throws { set(.number(try Self.text(of: value, codingPath))) }
    func encode(_ value: Float) throws {
        set(.number(try Self.text(of: Double(value), codingPath)))
    }
    func encode(_ value: Int) { set(.number(String(value))) }
    func encode(_ value: Int8) { set(.number(String(value))) }
    func encode(_ value: Int16) { set(.number(String(value))) }
    func encode(_ value: Int32) { set(.number(String(value))) }
    func encode(_ value: Int64) { set(.number(String(value))) }
    func encode(_ value: UInt) { set(.number(String(value))) }
    func encode(_ value: UInt8) { set(.number(String(value))) }
    func encode(_ value: UInt16) { set(.number(String(value))) }
    func encode(_ value: UInt32) { set(.number(String(value))) }
    func encode(_ value: UInt64) { set(.number(String(value))) }
    func encode<T: Encodable>(_ value: T) throws {
        try Self.encodeValue(value, into: node, codingPath: codingPath)
    }

    /// Formats a finite `Double` as the shortest decimal that reads back to the same
    /// value. Whole numbers below 10^15 have no fraction, so 8.0 is `8`.
    static func text(of value: Double, _ codingPath: [any CodingKey]) throws -> String {
        guard value.isFinite else {
            throw nonFinite(value, codingPath)
        }
        if value == value.rounded(), value.magnitude < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    static func nonFinite(_ value: some Sendable, _ codingPath: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(
            value,
            EncodingError.Context(
                codingPath: codingPath,
                debugDescription: "\(value) is not a finite number, which no wire format can carry")
        )
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func encoder(for key: Key) -> WireValueEncoder {
        WireValueEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func encodeNil(forKey key: Key) { encoder(for: key).encodeNil() }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try WireValueEncoder.encodeValue(
            value, into: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder(for: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder(for: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        WireValueEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder(for: key)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.items.count }

    private func nextEncoder() -> WireValueEncoder {
        WireValueEncoder(node: node.appendItem(), codingPath: codingPath + [IndexKey(count)])
    }

    mutating func encodeNil() { nextEncoder().encodeNil() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try WireValueEncoder.encodeValue(value, into: node.appendItem(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        nextEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nextEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        nextEncoder()
    }
}
