import CYAML

/// One libyaml parse event, copied into Swift values.
enum YAMLEvent {
    case streamStart
    case streamEnd
    case documentStart(YAMLNode.Mark)
    case documentEnd
    case alias(anchor: String, mark: YAMLNode.Mark)
    case scalar(
        YAMLNode.Scalar, tag: String?, anchor: String?, mark: YAMLNode.Mark)
    case sequenceStart(tag: String?, anchor: String?, mark: YAMLNode.Mark)
    case sequenceEnd
    case mappingStart(tag: String?, anchor: String?, mark: YAMLNode.Mark)
    case mappingEnd
}

/// A libyaml parser reading UTF-8 input through the event API.
///
/// This is the only type that touches the libyaml C API. It owns the parser state and a
/// copy of the input, which libyaml reads in place: `init` allocates both and `deinit`
/// frees them. Instances are not thread-safe.
final class LibYAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let file: String

    /// Creates a parser over a copy of `bytes`. A leading UTF-8 byte order mark is
    /// dropped, because with the encoding set to UTF-8 libyaml reads it as a character
    /// of the first line, which shifts its columns and breaks the indentation of the
    /// first key. Marks and byte offsets count from the first byte after it.
    init(bytes: some Collection<UInt8>, file: String) throws(YAMLError) {
        self.file = file
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(content.count, 1))
        _ = input.initialize(from: content)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            input.deallocate()
            throw YAMLError(
                file: file, line: 1, column: 1, message: "libyaml failed to allocate a parser")
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, content.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// Parses and returns the next event, or throws the libyaml error with its position.
    func next() throws(YAMLError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            throw currentError()
        }
        defer { yaml_event_delete(&event) }

        let mark = YAMLNode.Mark(
            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(
                decoding: UnsafeBufferPointer(start: data.value, count: data.length),
                as: UTF8.self)
            return .scalar(
                YAMLNode.Scalar(text: text, style: Self.style(data.style)),
                tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(
                tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(
                tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            throw YAMLError(
                file: file, mark: mark,
                message: "libyaml returned an unknown event type \(event.type.rawValue)")
        }
    }

    /// Converts the error that libyaml recorded in the parser state.
    private func currentError() -> YAMLError {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? "unknown libyaml error"

        switch state.error {
        case YAML_READER_ERROR:
            // The reader reports a byte offset but no line and column.
            let mark = Self.mark(ofByteOffset: state.problem_offset, in: input)
            let prefix = problem.contains("UTF-8") ? "input is not valid UTF-8" : "invalid input"
            var message = "\(prefix): \(problem)"
            if state.problem_value >= 0 {
                message += " (\(Self.describe(readerValue: state.problem_value, problem: problem)))"
            }
            return YAMLError(file: file, mark: mark, message: message)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            var message = problem
            if let context = Self.string(state.context) {
                let contextMark = Self.mark(state.context_mark)
                message += " (\(context) at \(contextMark))"
            }
            return YAMLError(file: file, mark: Self.mark(state.problem_mark), message: message)
        case YAML_MEMORY_ERROR:
            return YAMLError(
                file: file, line: 1, column: 1, message: "libyaml ran out of memory")
        default:
            return YAMLError(file: file, line: 1, column: 1, message: problem)
        }
    }

    /// Describes the value of a reader error: the offending byte for UTF-8 octet problems,
    /// and the code point otherwise, such as for "control characters are not allowed".
    private static func describe(readerValue value: Int32, problem: String) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        if problem.contains("octet") {
            return "byte 0x\(hex)"
        }
        let padding = String(repeating: "0", count: max(0, 4 - hex.count))
        return "character U+\(padding)\(hex)"
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark {
        YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Computes the line and column of a byte offset by counting line breaks and UTF-8
    /// lead bytes before it, because libyaml's reader errors carry only the offset.
    private static func mark(
        ofByteOffset offset: Int, in bytes: UnsafeMutableBufferPointer<UInt8>
    ) -> YAMLNode.Mark {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                if previous != UInt8(ascii: "\r") { line += 1 }
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return YAMLNode.Mark(line: line, column: column)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
