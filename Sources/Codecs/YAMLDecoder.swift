import Foundation

/// Decodes `Decodable` types from YAML.
///
/// Every failure is thrown as a `YAMLError` located at the offending node, with the
/// coding path in the message, for example
/// `request.yaml:4:3: at compute.cores.min: expected an integer, found 'eight'`.
/// A missing key is reported at the mapping that lacks it. A `DecodingError` thrown by a
/// type's own `init(from:)` is converted the same way, located at the node that its
/// coding path names.
///
/// Scalars follow the YAML 1.2 core schema (see `YAMLNode`), except that a `String`
/// accepts the text of any scalar, so `no`, `3.10` and `~` decode as those strings.
/// `decodeNil` is true only for null scalars, so a quoted `"null"` is a string.
public struct YAMLDecoder: Sendable {
    /// Makes a mapping key that the type never looked up an error.
    ///
    /// NOTE: this is approximate. A key counts as known when the type's `init(from:)` looked
    /// it up in a keyed container (`contains`, `decode`, `decodeIfPresent`, `decodeNil` or
    /// a nested container), or read `allKeys`. The error lists the keys that were looked
    /// up, which may be fewer than the keys the type declares.
    public var rejectUnknownKeys: Bool
    /// Limits applied when decoding from text or data.
    public var parser: YAMLParser
    /// Values passed to `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]
    /// Makes a `String` accept only quoted scalars, so that JSON numbers, booleans and
    /// null are not read as strings. The JSON reader sets it because it builds every JSON
    /// string as a double-quoted scalar.
    var requiresQuotedStrings = false

    public init(
        rejectUnknownKeys: Bool = false, parser: YAMLParser = YAMLParser(),
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) {
        self.rejectUnknownKeys = rejectUnknownKeys
        self.parser = parser
        self.userInfo = userInfo
    }

    /// Decodes `type` from an already parsed node. `file` names the input in errors.
    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode, file: String) throws
        -> T
    {
        let context = DecodingContext(
            file: file, rejectUnknownKeys: rejectUnknownKeys, userInfo: userInfo,
            requiresQuotedStrings: requiresQuotedStrings)
        return try context.decode(type, from: node, codingPath: [])
    }

    /// Parses and decodes `type` from YAML text.
    public func decode<T: Decodable>(_ type: T.Type, from text: String, file: String) throws
        -> T
    {
        try decode(type, from: parser.parse(text, file: file), file: file)
    }

    /// Parses and decodes `type` from UTF-8 YAML data.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        try decode(type, from: parser.parse(data, file: file), file: file)
    }
}

/// Settings shared by every decoder and container of one `decode` call.
struct DecodingContext {
    let file: String
    let rejectUnknownKeys: Bool
    let userInfo: [CodingUserInfoKey: any Sendable]
    let requiresQuotedStrings: Bool

    /// Decodes one value through its `init(from:)`, converting a `DecodingError` that the
    /// type throws into a `YAMLError` at the node that the error's coding path names.
    func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode, codingPath: [any CodingKey])
        throws -> T
    {
        if T.self == URL.self, let url = try decodeURL(from: node, codingPath: codingPath) as? T {
            return url
        }

        let decoder = NodeDecoder(node: node, codingPath: codingPath, context: self)
        do {
            let value = try T(from: decoder)
            if rejectUnknownKeys {
                try decoder.checkUnknownKeys()
            }
            return value
        } catch let error as DecodingError {
            throw convert(error, base: node, basePath: codingPath)
        }
    }

    /// Decodes a URL from scalar text, as `JSONDecoder` does, because Foundation's own
    /// `URL.init(from:)` in the Swift 6.3 toolchain asks for a keyed container.
    private func decodeURL(from node: YAMLNode, codingPath: [any CodingKey]) throws -> URL {
        guard let text = node.string, let url = URL(string: text) else {
            throw error(
                "expected a URL, found \(NodeDecoder.describe(node))", at: node,
                codingPath: codingPath)
        }
        return url
    }

    /// Creates an error at `node` whose message starts with the coding path.
    func error(_ message: String, at node: YAMLNode, codingPath: [any CodingKey]) -> YAMLError {
        error(message, at: node.mark, codingPath: codingPath)
    }

    func error(_ message: String, at mark: YAMLNode.Mark, codingPath: [any CodingKey])
        -> YAMLError
    {
        let path = Self.pathText(codingPath)
        let text = path.isEmpty ? message : "at \(path): \(message)"
        var error = YAMLError(file: file, mark: mark, message: text)
        error.codingPathText = path
        return error
    }

    /// Formats a coding path as dotted keys with bracketed indices: `jobs[2].name`.
    static func pathText(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key is IndexKey {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private func convert(_ error: DecodingError, base: YAMLNode, basePath: [any CodingKey])
        -> YAMLError
    {
        switch error {
        case .keyNotFound(let key, let context):
            let node = Self.locate(context.codingPath, from: base, basePath: basePath)
            return self.error(
                "missing key '\(key.stringValue)'", at: node, codingPath: context.codingPath)
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            let node = Self.locate(context.codingPath, from: base, basePath: basePath)
            return self.error(
                context.debugDescription, at: node, codingPath: context.codingPath)
        @unknown default:
            return self.error(
                String(describing: error), at: base, codingPath: basePath)
        }
    }

    /// Follows the part of `codingPath` below `basePath` from `base`, and stops at the
    /// deepest node that exists.
    private static func locate(
        _ codingPath: [any CodingKey], from base: YAMLNode, basePath: [any CodingKey]
    ) -> YAMLNode {
        var node = base
        for key in codingPath.dropFirst(basePath.count) {
            if let mapping = node.mapping, let value = mapping[key.stringValue] {
                node = value
            } else if let items = node.sequence, let index = key.intValue,
                items.indices.contains(index)
            {
                node = items[index]
            } else {
                break
            }
        }
        return node
    }
}

/// A coding key for a position in a sequence.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }

    init(_ index: Int) {
        intValue = index
    }

    init?(stringValue: String) {
        guard let index = Int(stringValue) else { return nil }
        intValue = index
    }

    init?(intValue: Int) {
        self.intValue = intValue
    }
}

/// The coding key `super`, used by `superDecoder()`.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}

    init?(stringValue: String) {
        guard stringValue == "super" else { return nil }
    }

    init?(intValue: Int) {
        nil
    }
}
