import BrokerModel
import Codecs
import Foundation

/// Compares a fully populated Swift value, its JSON encoding and an OpenAPI schema, field
/// by field, and collects every difference as a sentence.
///
/// At each JSON object it checks that:
/// - every stored Swift property (found with `Mirror`) is set in the sample and written
///   to the JSON, so a new property without a sample value fails;
/// - the JSON keys equal the schema's `properties`, both ways;
/// - the schema's `required` equals the non-optional Swift properties, plus `type` for
///   polymorphic parts. A non-optional property may be left out of `required` only when
///   its schema gives a `default`, because the decoder then fills it in.
///
/// It resolves `$ref`s and follows a `oneOf` through its discriminator mapping, and it
/// records the name of every component schema it reaches.
struct OpenAPISchemaChecker {
    /// Swift property names whose JSON key differs. `DataResource.skao` writes
    /// `objectName` as `objectname`.
    static let wireKeys = ["objectName": "objectname"]

    let document: OpenAPIDocument
    private(set) var issues: [String] = []
    private(set) var visitedSchemas: Set<String> = []

    init(document: OpenAPIDocument) {
        self.document = document
    }

    /// Encodes `value` to JSON and checks it against the component schema `schemaName`.
    mutating func check(_ value: some Encodable, againstSchema schemaName: String) throws {
        let data = try JSONEncoder().encode(value)
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        guard let schema = document.schemas[schemaName] else {
            issues.append("the document has no schema '\(schemaName)'")
            return
        }
        visitedSchemas.insert(schemaName)
        check(value, encoded: json, against: schema, at: schemaName)
    }

    private mutating func check(
        _ value: Any, encoded json: Any, against node: YAMLNode, at path: String
    ) {
        guard let schema = resolve(node, at: path) else { return }
        if schema["oneOf"] != nil {
            checkPolymorphic(value, encoded: json, against: schema, at: path)
            return
        }

        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else {
                issues.append("\(path): the sample leaves this optional unset; give it a value")
                return
            }
            check(wrapped, encoded: json, against: schema, at: path)
        case .collection:
            checkArray(mirror, encoded: json, against: schema, at: path)
        case .dictionary:
            checkDictionary(mirror, encoded: json, against: schema, at: path)
        case .struct, .tuple:
            checkObject(fields: Array(mirror.children), encoded: json, against: schema, at: path)
        case .enum:
            if let payload = mirror.children.first?.value {
                // A case with associated values: the payload's fields are the object's.
                let payloadMirror = Mirror(reflecting: payload)
                checkObject(
                    fields: Array(payloadMirror.children), encoded: json, against: schema, at: path)
            } else {
                checkScalar(value, encoded: json, against: schema, at: path)
            }
        default:
            checkScalar(value, encoded: json, against: schema, at: path)
        }
    }

    /// Follows `$ref`s to the schema they name and records each name reached.
    private mutating func resolve(_ node: YAMLNode, at path: String) -> YAMLNode? {
        var current = node
        var seen: Set<String> = []
        while let reference = current["$ref"]?.string {
            guard seen.insert(reference).inserted else {
                issues.append("\(path): '$ref' \(reference) refers to itself")
                return nil
            }
            guard let target = document.schema(reference: reference) else {
                issues.append("\(path): '$ref' \(reference) names no component schema")
                return nil
            }
            visitedSchemas.insert(String(reference.dropFirst(OpenAPIDocument.schemaPrefix.count)))
            current = target
        }
        return current
    }

    private mutating func checkPolymorphic(
        _ value: Any, encoded json: Any, against schema: YAMLNode, at path: String
    ) {
        guard let object = json as? [String: Any], let type = object["type"] as? String else {
            issues.append("\(path): a oneOf schema, but the encoding has no string 'type'")
            return
        }
        guard schema["discriminator"]?["propertyName"]?.string == "type" else {
            issues.append("\(path): the oneOf schema has no discriminator with propertyName 'type'")
            return
        }
        guard let reference = schema["discriminator"]?["mapping"]?[type]?.string,
            let target = document.schema(reference: reference)
        else {
            issues.append("\(path): the discriminator mapping has no schema for type '\(type)'")
            return
        }
        visitedSchemas.insert(String(reference.dropFirst(OpenAPIDocument.schemaPrefix.count)))
        check(value, encoded: json, against: target, at: "\(path)<\(type)>")
    }

    private mutating func checkArray(
        _ mirror: Mirror, encoded json: Any, against schema: YAMLNode, at path: String
    ) {
        guard let array = json as? [Any] else {
            issues.append("\(path): the Swift array is not encoded as a JSON array")
            return
        }
        guard schema["type"]?.string == "array", let items = schema["items"] else {
            issues.append("\(path): the schema is not of type 'array' with 'items'")
            return
        }
        if array.isEmpty {
            issues.append("\(path): the sample array is empty; give it an element")
        }
        for (index, (element, encoded)) in zip(mirror.children, array).enumerated() {
            check(element.value, encoded: encoded, against: items, at: "\(path)[\(index)]")
        }
    }

    private mutating func checkDictionary(
        _ mirror: Mirror, encoded json: Any, against schema: YAMLNode, at path: String
    ) {
        guard let object = json as? [String: Any] else {
            issues.append("\(path): the Swift dictionary is not encoded as a JSON object")
            return
        }
        guard schema["type"]?.string == "object", let values = schema["additionalProperties"],
            values.mapping != nil
        else {
            issues.append(
                "\(path): the schema is not of type 'object' with an 'additionalProperties' schema")
            return
        }
        if object.isEmpty {
            issues.append("\(path): the sample dictionary is empty; give it an entry")
        }
        for entry in mirror.children {
            // Each child of a dictionary's mirror is a (key, value) tuple.
            let pair = Mirror(reflecting: entry.value).children.map(\.value)
            guard pair.count == 2, let key = pair[0] as? String, let encoded = object[key] else {
                issues.append("\(path): a dictionary entry has no string key in the encoding")
                continue
            }
            if let names = schema["propertyNames"] {
                check(key, encoded: key, against: names, at: "\(path) key '\(key)'")
            }
            check(pair[1], encoded: encoded, against: values, at: "\(path).\(key)")
        }
    }

    private mutating func checkObject(
        fields: [Mirror.Child], encoded json: Any, against schema: YAMLNode, at path: String
    ) {
        guard let object = json as? [String: Any] else {
            issues.append("\(path): the Swift value is not encoded as a JSON object")
            return
        }
        guard schema["type"]?.string == "object", let properties = schema["properties"]?.mapping
        else {
            issues.append("\(path): the schema is not of type 'object' with 'properties'")
            return
        }

        let propertyNames = Set(properties.keys)
        let encodedKeys = Set(object.keys)
        for key in encodedKeys.subtracting(propertyNames).sorted() {
            issues.append(
                "\(path): the encoding writes '\(key)', which the schema's properties lack")
        }
        for key in propertyNames.subtracting(encodedKeys).sorted() {
            issues.append(
                "\(path): the schema lists '\(key)', which the populated sample does not write")
        }

        var expectedRequired: Set<String> = []
        for field in fields {
            guard let label = field.label else { continue }
            let key = Self.wireKeys[label] ?? label
            let isOptional = Mirror(reflecting: field.value).displayStyle == .optional
            guard let encoded = object[key] else {
                if isOptional && Mirror(reflecting: field.value).children.isEmpty {
                    issues.append(
                        "\(path): Swift property '\(label)' is nil in the sample; give it a value")
                } else {
                    issues.append("\(path): Swift property '\(label)' is not encoded as '\(key)'")
                }
                continue
            }
            let hasDefault = properties[key]?["default"] != nil
            if !isOptional && !hasDefault {
                expectedRequired.insert(key)
            }
            if let property = properties[key] {
                check(field.value, encoded: encoded, against: property, at: "\(path).\(key)")
            }
        }
        if let type = object["type"] as? String {
            expectedRequired.insert("type")
            let constant = properties["type"]?["const"]?.string
            if constant != type {
                issues.append(
                    "\(path): 'type' is '\(type)', but the schema's const is '\(constant ?? "absent")'"
                )
            }
        }

        let required = Set((schema["required"]?.sequence ?? []).compactMap(\.string))
        for key in expectedRequired.subtracting(required).sorted() {
            issues.append(
                "\(path): '\(key)' is non-optional in Swift but not in the schema's required")
        }
        for key in required.subtracting(expectedRequired).sorted() {
            issues.append("\(path): '\(key)' is in the schema's required but optional in Swift")
        }
    }

    /// Checks a leaf value: the schema's `type` against the Swift type, and `const`,
    /// `enum` and `format` against the encoded text.
    private mutating func checkScalar(
        _ value: Any, encoded json: Any, against schema: YAMLNode, at path: String
    ) {
        let expectedType: String? =
            switch value {
            case is Bool: "boolean"
            case is String: "string"
            case is Int, is Int64: "integer"
            case is Double: "number"
            case is any RawRepresentable<String>: "string"
            default: nil
            }
        let schemaType = schema["type"]?.string
        if expectedType == nil {
            issues.append("\(path): the checker has no JSON type for Swift type \(type(of: value))")
        } else if schemaType != expectedType {
            issues.append(
                "\(path): Swift type \(type(of: value)) needs schema type '\(expectedType ?? "")', found '\(schemaType ?? "absent")'"
            )
        }

        let text = json as? String
        if let constant = schema["const"]?.string, text != constant {
            issues.append(
                "\(path): '\(text ?? "non-string")' differs from the schema's const '\(constant)'")
        }
        if let values = schema["enum"]?.sequence?.compactMap(\.string), !values.contains(text ?? "")
        {
            issues.append(
                "\(path): '\(text ?? "non-string")' is not in the schema's enum \(values)")
        }
        checkFormat(text, of: schema, at: path)
    }

    /// Checks that the sample's text is valid for the schema's `format`, as the broker's
    /// own ISO-8601 and UUID parsers read it.
    private mutating func checkFormat(_ text: String?, of schema: YAMLNode, at path: String) {
        guard let format = schema["format"]?.string, let text else { return }
        switch format {
        case "date-time":
            do { _ = try ISO8601.instant(text) } catch {
                issues.append("\(path): format date-time, but \(error)")
            }
        case "duration":
            do { _ = try ISO8601.duration(text) } catch {
                issues.append("\(path): format duration, but \(error)")
            }
        case "uuid":
            if UUID(uuidString: text) == nil {
                issues.append("\(path): format uuid, but '\(text)' is not a UUID")
            }
        default:
            break
        }
    }
}
