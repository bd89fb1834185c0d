import Foundation

/// Parses one YAML document into a `YAMLNode` tree with positions, using libyaml's event
/// API.
///
/// - An empty input, or one with only comments, gives a plain empty scalar (`isNull`).
/// - A second document in the same input is an error.
/// - Aliases resolve to the anchored node. An alias must follow the end of its anchored
///   node, so a recursive alias is reported as an unknown anchor.
/// - Merge keys (a plain `<<` key) are rejected with an error, because they would make
///   duplicate-key checks and key positions ambiguous. Write the merged keys out in full.
/// - Duplicate scalar keys in one mapping are an error naming both positions. Keys are
///   compared by text, so `1` and `"1"` are duplicates.
public struct YAMLParser: Sendable {
    /// Maximum nesting of sequences and mappings in the resolved tree, so nesting that
    /// aliases add counts too. A document whose root is a mapping of scalars has depth 1.
    public var maxDepth: Int
    /// Maximum total number of nodes that all aliases together expand to. Each alias
    /// counts every node of the anchored subtree, including nodes that came from nested
    /// aliases, so a "billion laughs" document fails at the first alias that passes the
    /// limit, before any consumer walks the expanded tree.
    public var maxAliasExpansion: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// Parses `text`. `file` names the input in error messages.
    public func parse(_ text: String, file: String) throws(YAMLError) -> YAMLNode {
        try parse(bytes: text.utf8, file: file)
    }

    /// Parses UTF-8 `data`. Invalid UTF-8 is an error at the offending byte that libyaml
    /// reports. `file` names the input in error messages.
    public func parse(_ data: Data, file: String) throws(YAMLError) -> YAMLNode {
        try parse(bytes: data, file: file)
    }

    private func parse(bytes: some Collection<UInt8>, file: String) throws(YAMLError)
        -> YAMLNode
    {
        let reader = try LibYAMLEventReader(bytes: bytes, file: file)
        var builder = TreeBuilder(parser: self, file: file)
        var root: YAMLNode?
        var sawDocument = false

        while true {
            let event = try reader.next()
            switch event {
            case .streamStart, .documentEnd:
                continue
            case .streamEnd:
                return root
                    ?? YAMLNode(
                        .scalar(YAMLNode.Scalar(text: "", style: .plain)),
                        mark: YAMLNode.Mark(line: 1, column: 1))
            case .documentStart(let mark):
                if sawDocument {
                    throw YAMLError(
                        file: file, mark: mark,
                        message: "the input contains more than one YAML document, "
                            + "but only one is allowed")
                }
                sawDocument = true
            default:
                if let node = try builder.add(event) {
                    root = node
                }
            }
        }
    }
}

/// Builds nodes from the events of one document and enforces the parser's limits.
private struct TreeBuilder {
    private struct OpenCollection {
        var mark: YAMLNode.Mark
        var tag: String?
        var anchor: String?
        var isMapping: Bool
        var items: [YAMLNode] = []
        var entries: [YAMLNode.Entry] = []
        var pendingKey: YAMLNode?
        /// Position of each scalar key seen so far, by key text.
        var keyMarks: [String: YAMLNode.Mark] = [:]
        /// Nodes in this subtree so far, counting alias expansions.
        var nodeCount = 1
        /// Levels of sequences and mappings in this subtree so far, including this one.
        var height = 1
    }

    private struct Anchored {
        var node: YAMLNode
        var nodeCount: Int
        var height: Int
    }

    let parser: YAMLParser
    let file: String
    private var stack: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasExpansion = 0

    init(parser: YAMLParser, file: String) {
        self.parser = parser
        self.file = file
    }

    /// Consumes one node event. Returns the root node when the event completes it.
    mutating func add(_ event: YAMLEvent) throws(YAMLError) -> YAMLNode? {
        switch event {
        case .scalar(let scalar, let tag, let anchor, let mark):
            let node = YAMLNode(.scalar(scalar), mark: mark, tag: tag)
            return try complete(node, nodeCount: 1, height: 0, anchor: anchor)

        case .alias(let anchor, let mark):
            guard let anchored = anchors[anchor] else {
                throw YAMLError(
                    file: file, mark: mark,
                    message: "unknown anchor '\(anchor)' in alias '*\(anchor)' (an alias must come "
                        + "after the complete node that defines '&\(anchor)')")
            }
            aliasExpansion += anchored.nodeCount
            if aliasExpansion > parser.maxAliasExpansion {
                throw YAMLError(
                    file: file, mark: mark,
                    message: "aliases expand to more than \(parser.maxAliasExpansion) nodes, the "
                        + "maxAliasExpansion limit that guards against alias expansion attacks")
            }
            // The anchored subtree goes under the collections open here, so its height
            // adds to the current depth.
            if stack.count + anchored.height > parser.maxDepth {
                throw YAMLError(
                    file: file, mark: mark,
                    message: "alias '*\(anchor)' makes sequences and mappings nest deeper "
                        + "than the limit of \(parser.maxDepth) levels (maxDepth)")
            }
            return try complete(
                anchored.node, nodeCount: anchored.nodeCount, height: anchored.height, anchor: nil)

        case .sequenceStart(let tag, let anchor, let mark):
            try push(OpenCollection(mark: mark, tag: tag, anchor: anchor, isMapping: false))
            return nil

        case .mappingStart(let tag, let anchor, let mark):
            try push(OpenCollection(mark: mark, tag: tag, anchor: anchor, isMapping: true))
            return nil

        case .sequenceEnd, .mappingEnd:
            let collection = stack.removeLast()
            let content: YAMLNode.Content =
                collection.isMapping
                ? .mapping(YAMLNode.Mapping(collection.entries)) : .sequence(collection.items)
            let node = YAMLNode(content, mark: collection.mark, tag: collection.tag)
            return try complete(
                node, nodeCount: collection.nodeCount, height: collection.height,
                anchor: collection.anchor)

        case .streamStart, .streamEnd, .documentStart, .documentEnd:
            return nil
        }
    }

    private mutating func push(_ collection: OpenCollection) throws(YAMLError) {
        guard stack.count < parser.maxDepth else {
            throw YAMLError(
                file: file, mark: collection.mark,
                message: "sequences and mappings are nested deeper than the limit of "
                    + "\(parser.maxDepth) levels (maxDepth)")
        }
        stack.append(collection)
    }

    /// Records the anchor of a finished node and adds the node to its parent. Returns the
    /// node when it is the document root.
    private mutating func complete(
        _ node: YAMLNode, nodeCount: Int, height: Int, anchor: String?
    )
        throws(YAMLError) -> YAMLNode?
    {
        if let anchor {
            anchors[anchor] = Anchored(node: node, nodeCount: nodeCount, height: height)
        }
        guard !stack.isEmpty else { return node }

        let top = stack.count - 1
        stack[top].nodeCount += nodeCount
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return nil
        }
        guard let key = stack[top].pendingKey else {
            try checkKey(node, in: stack[top])
            stack[top].pendingKey = node
            if let text = node.scalar?.text {
                stack[top].keyMarks[text] = node.mark
            }
            return nil
        }
        stack[top].entries.append(YAMLNode.Entry(key: key, value: node))
        stack[top].pendingKey = nil
        return nil
    }

    private func checkKey(_ key: YAMLNode, in mapping: OpenCollection) throws(YAMLError) {
        guard let scalar = key.scalar else { return }
        if scalar.style == .plain && key.tag == nil && scalar.text == "<<" {
            throw YAMLError(
                file: file, mark: key.mark,
                message: "merge keys ('<<') are not supported, so write the merged keys out "
                    + "in full")
        }
        if let first = mapping.keyMarks[scalar.text] {
            throw YAMLError(
                file: file, mark: key.mark,
                message: "duplicate key '\(scalar.text)' (first at line \(first.line), "
                    + "column \(first.column))")
        }
    }
}
