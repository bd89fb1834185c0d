import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of a parsed XML document, with the position that the parser reported for
/// it.
struct XMLElementNode {
    struct Attribute {
        var name: String
        var value: String
    }

    var name: String
    /// Attributes sorted by name, because the parser reports them as a dictionary.
    var attributes: [Attribute]
    var children: [XMLElementNode] = []
    /// The character data directly inside the element, joined across child elements.
    var text = ""
    /// The parser's position after the start tag, which libxml2 reports as the line and
    /// column of its closing `>`.
    var mark: YAMLNode.Mark

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Parses XML into an element tree with FoundationXML's `XMLParser`.
///
/// Before parsing, the reader rejects what could make it load files or
/// expand entities: any `<!DOCTYPE` or `<!ENTITY` declaration, and an encoding other than
/// UTF-8, which could hide such a declaration from the byte scan. Entities are never
/// resolved. It also rejects invalid UTF-8 and NUL bytes, and nesting beyond
/// `WireLimits.maxDepth`.
enum XMLReader {
    static func parse(_ data: Data, source: String, limits: WireLimits) throws(WireError)
        -> XMLElementNode
    {
        try checkBytes(data, source: source)

        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        let builder = TreeBuilder(source: source, maxDepth: limits.maxDepth)
        parser.delegate = builder
        let finished = parser.parse()

        if let error = builder.error {
            throw error
        }
        guard finished, let root = builder.root else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw WireError(
                format: .xml, source: source, line: max(parser.lineNumber, 1),
                column: max(parser.columnNumber, 1),
                problem: "the XML is not well-formed (libxml2 error \(code): "
                    + "\(describe(errorCode: code)))")
        }
        return root
    }

    /// Rejects input that must never reach the parser.
    private static func checkBytes(_ data: Data, source: String) throws(WireError) {
        if let invalid = UTF8Check.firstInvalid(in: data) {
            throw WireError(
                format: .xml, source: source, line: invalid.mark.line,
                column: invalid.mark.column, problem: invalid.problem)
        }
        let bytes = [UInt8](data)
        if let offset = bytes.firstIndex(of: 0) {
            let mark = Self.mark(ofOffset: offset, in: bytes)
            throw WireError(
                format: .xml, source: source, line: mark.line, column: mark.column,
                problem: "the input contains a NUL byte, which XML does not allow")
        }
        for declaration in ["<!DOCTYPE", "<!ENTITY"] {
            if let offset = find(Array(declaration.utf8), in: bytes) {
                let mark = Self.mark(ofOffset: offset, in: bytes)
                throw WireError(
                    format: .xml, source: source, line: mark.line, column: mark.column,
                    problem: "\(declaration) declarations are not allowed: broker messages have "
                        + "no DTD, and the reader never expands or loads entities")
            }
        }
        try checkEncodingDeclaration(bytes, source: source)
    }

    /// Rejects an XML declaration that names an encoding other than UTF-8.
    private static func checkEncodingDeclaration(_ bytes: [UInt8], source: String)
        throws(WireError)
    {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bytes[start...].starts(with: Array("<?xml".utf8)),
            let end = find(Array("?>".utf8), in: bytes)
        else { return }
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        guard name.lowercased() == "utf-8" else {
            throw WireError(
                format: .xml, source: source, line: 1, column: 1,
                problem: "the XML declaration names the encoding '\(name)'; only UTF-8 is "
                    + "accepted")
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for offset in 0...(bytes.count - needle.count)
        where bytes[offset] == needle[0]
            && bytes[offset..<offset + needle.count].elementsEqual(needle)
        {
            return offset
        }
        return nil
    }

    private static func mark(ofOffset offset: Int, in bytes: [UInt8]) -> YAMLNode.Mark {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLNode.Mark(line: line, column: column)
    }

    /// Describes the libxml2 error codes that malformed messages cause most often.
    // NOTE: the numbers follow libxml2's xmlParserErrors enumeration but no test checks
    // them, so a description may not match the code that XMLParser passes on.
    static func describe(errorCode code: Int) -> String {
        switch code {
        case 4: "the document is empty or does not start with an element"
        case 5: "the document ends before the root element is closed"
        case 26: "an entity reference names an undefined entity"
        case 38, 39, 40, 41: "an attribute is malformed"
        case 64, 65: "the XML declaration is malformed"
        case 73, 76: "an end tag does not match its start tag"
        case 5000...: "the parser reported an error"
        default: "see the libxml2 error list for the code"
        }
    }
}

/// Builds the element tree from parser callbacks and aborts on anything that declares or
/// resolves an entity.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let source: String
    let maxDepth: Int
    var root: XMLElementNode?
    var error: WireError?
    private var stack: [XMLElementNode] = []

    init(source: String, maxDepth: Int) {
        self.source = source
        self.maxDepth = maxDepth
    }

    private func fail(_ parser: XMLParser, _ problem: String) {
        if error == nil {
            error = WireError(
                format: .xml, source: source, line: max(parser.lineNumber, 1),
                column: max(parser.columnNumber, 1), problem: problem)
        }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String]
    ) {
        guard stack.count < maxDepth else {
            fail(
                parser,
                "elements are nested deeper than the limit of \(maxDepth) levels "
                    + "(WireLimits.maxDepth)")
            return
        }
        let sorted = attributes.sorted { $0.key < $1.key }
            .map { XMLElementNode.Attribute(name: $0.key, value: $0.value) }
        let mark = YAMLNode.Mark(line: parser.lineNumber, column: parser.columnNumber)
        stack.append(XMLElementNode(name: elementName, attributes: sorted, mark: mark))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName: String?
    ) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += whitespaceString
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?
    ) {
        fail(parser, "the entity declaration '\(name)' is not allowed")
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String,
        publicID: String?, systemID: String?
    ) {
        fail(parser, "the external entity declaration '\(name)' is not allowed")
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?)
        -> Data?
    {
        fail(parser, "the external entity '\(name)' is not allowed")
        return nil
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        let code = (parseError as NSError).code
        guard error == nil else { return }
        error = WireError(
            format: .xml, source: source, line: max(parser.lineNumber, 1),
            column: max(parser.columnNumber, 1),
            problem: "the XML is not well-formed (libxml2 error \(code): "
                + "\(XMLReader.describe(errorCode: code)))")
    }
}
