/// Reads the type identifier of a polymorphic part: `type` with a URN in the
/// 2024 design, or `kind` with a URL ending in the same name in the current
/// draft. Encoders write `type`.
enum TypeIdentifierKey: String, CodingKey {
    case type
    case kind
}

extension KeyedDecodingContainer where Key == TypeIdentifierKey {
    /// Returns the URN of the part, normalising a `kind` URL to its URN.
    func typeIdentifier(known: [String]) throws -> String {
        let urn: String
        if let type = try decodeIfPresent(String.self, forKey: .type) {
            urn = type
        } else if let kind = try decodeIfPresent(String.self, forKey: .kind) {
            let name = kind.split(separator: "/").last.map(String.init) ?? kind
            urn = name.hasPrefix("urn:") ? name : "urn:" + name
        } else {
            throw DecodingError.keyNotFound(
                TypeIdentifierKey.type,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription:
                        "missing type identifier; expected one of \(known.joined(separator: ", "))"
                ))
        }
        guard known.contains(urn) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: self,
                debugDescription:
                    "unknown type '\(urn)'; expected one of \(known.joined(separator: ", "))")
        }
        return urn
    }
}
