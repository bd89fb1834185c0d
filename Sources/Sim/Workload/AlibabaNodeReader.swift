import Scheduler

/// Reads the node list of the Alibaba GPU cluster trace, a CSV file with
/// the header `sn,cpu_milli,memory_mib,gpu,model`, into node types.
///
/// Nodes are filtered and counted in file order: only nodes whose GPU model
/// is in `models` are kept when `models` is given (nodes without GPUs never
/// match then), and at most `limit` are kept. Nodes with the same cores,
/// memory, GPU count and model form one node type, in order of first
/// appearance. Every line must be valid, because the nodes are part of the
/// scenario rather than a workload to survive.
public enum AlibabaNodeReader {
    static let columns = ["cpu_milli", "memory_mib", "gpu", "model"]

    /// Reads a node list file.
    public static func read(path: String, models: [String]? = nil, limit: Int? = nil)
        throws(AlibabaReadError) -> [NodeType]
    {
        try parse(
            try AlibabaPodReader.readText(path: path), name: path, models: models, limit: limit)
    }

    /// Parses node list text; `name` identifies the source in errors.
    public static func parse(
        _ text: String, name: String, models: [String]? = nil, limit: Int? = nil
    ) throws(AlibabaReadError) -> [NodeType] {
        let lines = AlibabaPodReader.csvLines(text)
        let header = try CSVHeader(lines.first, required: columns, path: name)
        var types: [NodeType] = []
        var kept = 0
        for (offset, line) in lines.enumerated().dropFirst() {
            if let limit, kept >= limit { break }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if fields.count == 1, fields[0].isEmpty { continue }
            guard fields.count == header.names.count else {
                throw .invalidNode(
                    path: name, line: offset + 1,
                    reason: "\(fields.count) fields, expected \(header.names.count)")
            }
            var values: [Int64] = []
            // The bounds match the scenario loader's for node types: a million
            // cores, 8 EiB of memory and 64 GPUs a node.
            let bounds: [String: Int64] = [
                "cpu_milli": 1_000_000_000, "memory_mib": 1 << 43, "gpu": 64,
            ]
            for column in ["cpu_milli", "memory_mib", "gpu"] {
                guard let value = header.integer(column, in: fields), value >= 0 else {
                    throw .invalidNode(
                        path: name, line: offset + 1,
                        reason:
                            "\(column) is not a whole number: '\(header.field(column, in: fields))'"
                    )
                }
                guard value <= bounds[column]! else {
                    throw .invalidNode(
                        path: name, line: offset + 1,
                        reason: "\(column) is \(value); expected at most \(bounds[column]!)")
                }
                values.append(value)
            }
            let modelText = header.field("model", in: fields)
            let model: String? = values[2] > 0 && !modelText.isEmpty ? modelText : nil
            if let models {
                guard let model, models.contains(model) else { continue }
            }

            kept += 1
            let node = NodeType(
                count: 1, milliCores: values[0], memoryMiB: values[1], gpus: Int(values[2]),
                gpuModel: model)
            if let index = types.firstIndex(where: { sameKind($0, node) }) {
                guard types[index].count < 100_000 else {
                    throw .invalidNode(
                        path: name, line: offset + 1,
                        reason: "more than 100000 nodes of one kind; use 'limit' to take fewer")
                }
                types[index].count += 1
            } else {
                types.append(node)
            }
        }
        return types
    }

    private static func sameKind(_ left: NodeType, _ right: NodeType) -> Bool {
        left.milliCores == right.milliCores && left.memoryMiB == right.memoryMiB
            && left.gpus == right.gpus && left.gpuModel == right.gpuModel
    }
}
