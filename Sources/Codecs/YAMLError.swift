/// A YAML parsing or decoding failure at a position in a named input.
public struct YAMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// 1-based line of the offending input.
    public var line: Int
    /// 1-based column of the offending input, counted in Unicode scalars.
    public var column: Int
    public var message: String
    /// The coding path that `message` starts with, as `at PATH: `, when a decoder made
    /// the error; nil otherwise. Equality ignores it.
    var codingPathText: String?

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, mark: YAMLNode.Mark, message: String) {
        self.init(file: file, line: mark.line, column: mark.column, message: message)
    }

    public static func == (left: YAMLError, right: YAMLError) -> Bool {
        left.file == right.file && left.line == right.line && left.column == right.column
            && left.message == right.message
    }

    /// The error as `file:line:column: message`, the form that compilers and editors use.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
