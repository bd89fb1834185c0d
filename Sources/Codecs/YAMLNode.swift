/// A node of a parsed YAML document: a scalar, a sequence or a mapping, with the position
/// where it starts in the input.
///
/// Scalars keep their exact text and style, so the caller decides what a scalar means.
/// The helpers `isNull`, `bool`, `int` and `double` follow the YAML 1.2 core schema and
/// interpret only plain scalars without a tag, or scalars with the matching core tag such
/// as `!!int "7"`. A quoted or block scalar without a tag is always a string.
///
/// An alias resolves to a copy of the anchored node, so its `mark` is the position of the
/// anchored node, not of the alias.
public struct YAMLNode: Sendable, Hashable {
    /// A 1-based position in the input. Columns count Unicode scalars, as libyaml does.
    public struct Mark: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public var description: String { "line \(line), column \(column)" }
    }

    /// The presentation style of a scalar in the input.
    public enum ScalarStyle: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// A block scalar introduced by `|`.
        case literal
        /// A block scalar introduced by `>`.
        case folded
    }

    /// Scalar text after YAML unescaping and line folding, with its style.
    public struct Scalar: Sendable, Hashable {
        public var text: String
        public var style: ScalarStyle

        public init(text: String, style: ScalarStyle) {
            self.text = text
            self.style = style
        }
    }

    /// One key-value pair of a mapping.
    public struct Entry: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// Mapping entries in input order. The parser rejects duplicate scalar keys, so a key
    /// text names at most one entry.
    public struct Mapping: Sendable, Hashable, RandomAccessCollection {
        public var entries: [Entry]

        public init(_ entries: [Entry]) {
            self.entries = entries
        }

        public var startIndex: Int { entries.startIndex }
        public var endIndex: Int { entries.endIndex }
        public subscript(position: Int) -> Entry { entries[position] }

        /// Finds the entry whose key is a scalar with exactly this text.
        public func entry(forKey key: String) -> Entry? {
            entries.first { $0.key.scalar?.text == key }
        }

        /// The value whose key is a scalar with exactly this text, or nil.
        public subscript(key: String) -> YAMLNode? {
            entry(forKey: key)?.value
        }

        /// The text of every scalar key, in input order.
        public var keys: [String] {
            entries.compactMap { $0.key.scalar?.text }
        }
    }

    public enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping(Mapping)
    }

    public var content: Content
    /// Position of the first character of the node, including its tag or anchor if any.
    public var mark: Mark
    /// The explicit tag in full form (`!!int` becomes `tag:yaml.org,2002:int`), or nil when
    /// the input gives none. The non-specific tag `!` is kept as `"!"`.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let mapping) = content { return mapping }
        return nil
    }

    /// The scalar text in any style, or nil for a sequence or mapping.
    public var string: String? { scalar?.text }

    /// The value for a scalar key with this text when this node is a mapping, or nil.
    public subscript(key: String) -> YAMLNode? {
        mapping?[key]
    }

    /// Creates an error located at the start of this node.
    public func error(_ message: String, file: String) -> YAMLError {
        YAMLError(file: file, mark: mark, message: message)
    }
}
