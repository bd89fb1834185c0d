import Codecs
import Foundation

/// `docs/openapi.yaml`, read with the project's YAML parser, with look-ups of its
/// component schemas.
struct OpenAPIDocument {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    static let schemaPrefix = "#/components/schemas/"

    let root: YAMLNode
    let schemas: YAMLNode.Mapping

    init() throws {
        let data = try Data(contentsOf: Self.path)
        root = try YAMLParser().parse(data, file: Self.path.path)
        guard let schemas = root["components"]?["schemas"]?.mapping else {
            throw MissingSchemas()
        }
        self.schemas = schemas
    }

    struct MissingSchemas: Error, CustomStringConvertible {
        var description: String { "\(OpenAPIDocument.path.path) has no components.schemas mapping" }
    }

    /// The names of all component schemas, in document order.
    var schemaNames: [String] { schemas.keys }

    /// Returns the component schema that a `$ref` such as `#/components/schemas/Phase` points to.
    func schema(reference: String) -> YAMLNode? {
        guard reference.hasPrefix(Self.schemaPrefix) else { return nil }
        return schemas[String(reference.dropFirst(Self.schemaPrefix.count))]
    }

    /// Returns the strings of a schema's `enum`, or nil when it has none.
    func enumValues(ofSchema name: String) -> [String]? {
        schemas[name]?["enum"]?.sequence?.compactMap(\.string)
    }

    /// Returns the `discriminator.mapping` of a `oneOf` schema, from type identifier to `$ref`.
    func discriminatorMapping(ofSchema name: String) -> [String: String] {
        var mapping: [String: String] = [:]
        for entry in schemas[name]?["discriminator"]?["mapping"]?.mapping ?? YAMLNode.Mapping([]) {
            if let key = entry.key.string, let value = entry.value.string {
                mapping[key] = value
            }
        }
        return mapping
    }

    /// Returns the `$ref`s listed in a schema's `oneOf`.
    func oneOfReferences(ofSchema name: String) -> [String] {
        (schemas[name]?["oneOf"]?.sequence ?? []).compactMap { $0["$ref"]?.string }
    }
}
