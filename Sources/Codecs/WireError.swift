/// A failure to read or write a message in one of the wire formats.
///
/// `description` reads `request.xml:4:7: XML: at compute.cores: expected a number, found
/// 'eight'`: the source, the line and column when the failure has a position, the format,
/// the coding path when the failure is inside a field, and the problem.
public struct WireError: Error, CustomStringConvertible, Equatable, Sendable {
    public var format: WireFormat
    /// The name of the input, such as a file path; empty when encoding.
    public var source: String
    /// 1-based line of the offending input, or nil when the failure has no position, as
    /// for an input over the size limit or a value that cannot be encoded.
    public var line: Int?
    /// 1-based column of the offending input, counted in Unicode scalars.
    public var column: Int?
    /// The field where the failure happened, as dotted keys with bracketed indices such as
    /// `data[1].namespace`; empty at the top level.
    public var codingPath: String
    /// The problem in plain words.
    public var problem: String

    public init(
        format: WireFormat, source: String, line: Int? = nil, column: Int? = nil,
        codingPath: String = "", problem: String
    ) {
        self.format = format
        self.source = source
        self.line = line
        self.column = column
        self.codingPath = codingPath
        self.problem = problem
    }

    public var description: String {
        var text = source
        if let line, let column {
            text += text.isEmpty ? "\(line):\(column)" : ":\(line):\(column)"
        }
        text += text.isEmpty ? "\(format.name): " : ": \(format.name): "
        if !codingPath.isEmpty {
            text += "at \(codingPath): "
        }
        return text + problem
    }
}

extension WireError {
    /// Converts a YAML reader or decoder error, which carries a position and, when a
    /// decoder made it, the coding path at the start of its message.
    init(_ error: YAMLError, format: WireFormat) {
        var problem = error.message
        let path = error.codingPathText ?? ""
        if !path.isEmpty, problem.hasPrefix("at \(path): ") {
            problem.removeFirst("at \(path): ".count)
        }
        self.init(
            format: format, source: error.file, line: error.line, column: error.column,
            codingPath: path, problem: problem)
    }

    /// Converts an error that a type's `encode(to:)` or `init(from:)` threw outside any
    /// positioned input.
    init(_ error: any Error, format: WireFormat, source: String) {
        switch error {
        case let error as WireError:
            self = error
        case let error as YAMLError:
            self.init(error, format: format)
        case EncodingError.invalidValue(_, let context):
            self.init(
                format: format, source: source,
                codingPath: DecodingContext.pathText(context.codingPath),
                problem: context.debugDescription)
        case DecodingError.keyNotFound(let key, let context):
            self.init(
                format: format, source: source,
                codingPath: DecodingContext.pathText(context.codingPath),
                problem: "missing key '\(key.stringValue)'")
        case DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            self.init(
                format: format, source: source,
                codingPath: DecodingContext.pathText(context.codingPath),
                problem: context.debugDescription)
        default:
            self.init(format: format, source: source, problem: String(describing: error))
        }
    }
}
