/// A keyed decoding container whose scalar `decode` overloads all go
/// through its generic `decode(_:forKey:)`, which reads the value's node
/// and hands it to the type's own `init(from:)`.
///
/// `KeyedDecodingContainerProtocol` requires one overload per standard
/// scalar type; this extension writes them once for every container of the
/// module.
protocol ForwardingKeyedContainer: KeyedDecodingContainerProtocol {}

extension ForwardingKeyedContainer {
    /// Calls the generic requirement: inside a generic function the call
    /// resolves to `decode<T>(_:forKey:)`, never back to an overload here.
    private func forward<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try forward(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try forward(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try forward(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try forward(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try forward(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try forward(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try forward(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try forward(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try forward(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try forward(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try forward(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try forward(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try forward(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try forward(type, key) }
}
