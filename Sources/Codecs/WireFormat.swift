import Foundation

/// The three formats that broker messages travel in, with one encoder and one decoder each
/// that work through the messages' `Codable` conformances.
///
/// Encoders write the same fields in every format: JSON with sorted keys, YAML and XML in
/// the order that `encode(to:)` writes them, with the keys of string-keyed dictionaries
/// sorted. Decoders accept unknown fields and ignore them, so that a newer peer can add
/// fields. Duplicate keys are an error in every format. `docs/wire-formats.md` describes
/// the XML mapping.
public enum WireFormat: String, CaseIterable, Sendable {
    case json
    case yaml
    case xml

    /// The format's name in messages: JSON, YAML or XML.
    public var name: String { rawValue.uppercased() }

    /// The media type for HTTP `Content-Type` and `Accept` headers.
    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .yaml: "application/yaml"
        case .xml: "application/xml"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Creates the format for a media type such as `application/json; charset=utf-8`, or
    /// returns nil. It also accepts `text/xml`, `text/yaml` and `application/x-yaml`.
    public init?(mediaType: String) {
        let essence = mediaType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch essence {
        case "application/json": self = .json
        case "application/yaml", "application/x-yaml", "text/yaml": self = .yaml
        case "application/xml", "text/xml": self = .xml
        default: return nil
        }
    }

    /// Creates the format for a file extension (`json`, `yaml`, `yml` or `xml`, in any
    /// case), or returns nil.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        case "xml": self = .xml
        default: return nil
        }
    }

    /// Returns the format of `content` from its first byte that is not white space or a
    /// UTF-8 byte order mark: `{` or `[` is JSON, `<` is XML, anything else is YAML.
    public static func detect(content: Data) -> WireFormat {
        let skipped: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
        switch content.first(where: { !skipped.contains($0) }) {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: "<"): return .xml
        default: return .yaml
        }
    }

    /// Returns the format for the extension of `path`, or else the format that `content`
    /// looks like.
    public static func detect(path: String, content: Data) -> WireFormat {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."),
            let format = WireFormat(fileExtension: String(name[name.index(after: dot)...]))
        {
            return format
        }
        return detect(content: content)
    }

    // MARK: Encoding

    /// Encodes `value` as UTF-8 text ending in a line break. In XML the root element is
    /// named after the type, such as `<ExecutionRequest>`, with any generic arguments left
    /// out.
    public func encode<T: Encodable>(_ value: T) throws(WireError) -> Data {
        try encode(value, rootElement: Self.rootElementName(of: T.self))
    }

    /// Encodes `value`, naming the XML root element `rootElement`. JSON and YAML ignore
    /// the name.
    public func encode<T: Encodable>(_ value: T, rootElement: String) throws(WireError) -> Data {
        let tree: WireValue
        do {
            tree = try WireValueEncoder.encode(value)
        } catch {
            throw WireError(error, format: self, source: "")
        }
        switch self {
        case .json:
            return Data(JSONWriter.write(tree).utf8)
        case .yaml:
            return try YAMLWriter.write(tree)
        case .xml:
            return try XMLWriter.write(tree, rootElement: rootElement)
        }
    }

    /// The XML root element name for a type: its name without generic arguments.
    public static func rootElementName<T>(of type: T.Type) -> String {
        let name = String(describing: type)
        return String(name.prefix { $0 != "<" })
    }

    // MARK: Decoding

    /// Decodes a `type` from `data`. `source` names the input in errors, such as a file
    /// path. In XML the root element must be named as `encode` names it.
    public func decode<T: Decodable>(
        _ type: T.Type, from data: Data, source: String, limits: WireLimits = WireLimits()
    ) throws(WireError) -> T {
        try decode(
            type, from: data, source: source, rootElement: Self.rootElementName(of: T.self),
            limits: limits)
    }

    /// Decodes a `type` from `data`, requiring the XML root element `rootElement`, or any
    /// root element when it is nil. JSON and YAML ignore the name.
    public func decode<T: Decodable>(
        _ type: T.Type, from data: Data, source: String, rootElement: String?,
        limits: WireLimits = WireLimits()
    ) throws(WireError) -> T {
        try checkSize(data, source: source, limits: limits)
        switch self {
        case .json:
            let node = try JSONReader.parse(data, source: source, limits: limits)
            var decoder = YAMLDecoder()
            decoder.requiresQuotedStrings = true
            return try decodeNode(type, node: node, decoder: decoder, source: source)
        case .yaml:
            let parser = YAMLParser(
                maxDepth: limits.maxDepth, maxAliasExpansion: limits.maxAliasExpansion)
            let node: YAMLNode
            do {
                node = try parser.parse(data, file: source)
            } catch {
                throw WireError(error, format: .yaml)
            }
            return try decodeNode(type, node: node, decoder: YAMLDecoder(), source: source)
        case .xml:
            let document = try XMLReader.parse(data, source: source, limits: limits)
            return try XMLTreeDecoder.decode(
                type, from: document, source: source, rootElement: rootElement)
        }
    }

    /// Returns the outline of a document: the XML root element name and the names of the
    /// top-level fields, for telling which message a document holds.
    public func outline(of data: Data, source: String, limits: WireLimits = WireLimits())
        throws(WireError) -> WireOutline
    {
        try checkSize(data, source: source, limits: limits)
        switch self {
        case .json, .yaml:
            let node: YAMLNode
            if self == .json {
                node = try JSONReader.parse(data, source: source, limits: limits)
            } else {
                do {
                    node = try YAMLParser(
                        maxDepth: limits.maxDepth, maxAliasExpansion: limits.maxAliasExpansion
                    ).parse(data, file: source)
                } catch {
                    throw WireError(error, format: .yaml)
                }
            }
            return WireOutline(rootElement: nil, fields: node.mapping?.keys ?? [])
        case .xml:
            let root = try XMLReader.parse(data, source: source, limits: limits)
            let fields = root.attributes.map(\.name) + root.children.map(\.name)
            return WireOutline(rootElement: root.name, fields: fields)
        }
    }

    private func checkSize(_ data: Data, source: String, limits: WireLimits) throws(WireError) {
        guard data.count <= limits.maxBytes else {
            throw WireError(
                format: self, source: source,
                problem: "the input has \(data.count) bytes, more than the limit of "
                    + "\(limits.maxBytes) bytes (WireLimits.maxBytes)")
        }
    }

    private func decodeNode<T: Decodable>(
        _ type: T.Type, node: YAMLNode, decoder: YAMLDecoder, source: String
    ) throws(WireError) -> T {
        do {
            return try decoder.decode(type, from: node, file: source)
        } catch {
            throw WireError(error, format: self, source: source)
        }
    }
}

/// Bounds on the input that decoders accept, so that hostile input fails with an error
/// instead of exhausting memory or the stack.
public struct WireLimits: Sendable, Equatable {
    /// Maximum size of the input in bytes.
    public var maxBytes: Int
    /// Maximum nesting of objects and lists (JSON, YAML) or elements (XML). A document
    /// whose root is an object of scalars has depth 1.
    public var maxDepth: Int
    /// Maximum number of nodes that YAML aliases may expand to in total.
    public var maxAliasExpansion: Int
    /// Maximum length of one JSON number in characters.
    public var maxNumberLength: Int

    // NOTE: the defaults are generous guesses for single broker messages, which are a few
    // kilobytes and nest fewer than ten levels; they are not derived from a standard.
    public init(
        maxBytes: Int = 16 << 20, maxDepth: Int = 128, maxAliasExpansion: Int = 100_000,
        maxNumberLength: Int = 1_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNumberLength = maxNumberLength
    }
}

/// The root element name and top-level field names of a document.
public struct WireOutline: Sendable, Equatable {
    /// The XML root element name; nil for JSON and YAML.
    public var rootElement: String?
    /// The top-level keys in JSON and YAML, or the attribute and child element names of the
    /// XML root, in document order.
    public var fields: [String]
}
