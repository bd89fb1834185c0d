/// The reason the Alibaba pod reader skipped a well-formed record. A record
/// counts under the first reason that matches, in the order of the cases.
public enum AlibabaSkipReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `scheduled_time` is empty: the pod never ran.
    case neverScheduled
    /// `deletion_time` is before `scheduled_time`.
    case negativeRunTime
    /// `num_gpu` and `gpu_milli` give neither whole GPUs nor a share of one
    /// GPU, such as a share spread over two GPUs.
    case invalidGPURequest
    /// A time above `WorkloadLimits.maxMilliseconds` in magnitude once
    /// converted to ms, or milli-GPUs that do not fit in `Int64`.
    case valueOutOfRange

    public var description: String {
        switch self {
        case .neverScheduled: "never scheduled"
        case .negativeRunTime: "deleted before it was scheduled"
        case .invalidGPURequest: "neither whole GPUs nor a share of one GPU"
        case .valueOutOfRange: "a value beyond the supported range"
        }
    }
}

/// A line that the reader could not parse, and why.
public struct AlibabaMalformedLine: Sendable, Equatable {
    /// The 1-based line number; the header is line 1.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// The counts of pod records the Alibaba reader used and skipped.
public struct AlibabaReadReport: Sendable, Equatable {
    /// All lines, including the header and blank lines.
    public var lines = 0
    /// Lines after the header that are not blank; `used`, all skipped
    /// records and `malformed` add up to it.
    public var records = 0
    public var used = 0
    public var skipped: [AlibabaSkipReason: Int] = [:]
    /// Lines with the wrong number of fields or a value that is not a number, skipped.
    public var malformed = 0
    /// The first `AlibabaPodReader.malformedExampleLimit` malformed lines.
    public var malformedExamples: [AlibabaMalformedLine] = []
    /// Used pods without GPUs.
    public var cpuOnly = 0
    /// Used pods that take whole GPUs.
    public var wholeGPUs = 0
    /// Used pods that take a share of one GPU.
    public var gpuShares = 0
    /// Used pods with a run time of 0.
    public var zeroRunTime = 0
    /// Used pods that arrive earlier than a used pod before them in the file.
    public var outOfOrder = 0

    public init() {}

    /// Returns the number of records skipped for a reason.
    public func skipped(_ reason: AlibabaSkipReason) -> Int {
        skipped[reason, default: 0]
    }

    public var skippedTotal: Int {
        skipped.values.reduce(0, +)
    }

    /// Renders the report as a few readable lines.
    public func renderedLines() -> [String] {
        var output = ["\(lines) lines, \(records) pod records, \(used) used"]
        let reasons = AlibabaSkipReason.allCases.map { "\($0): \(skipped($0))" }
        output.append("skipped \(skippedTotal): " + reasons.joined(separator: ", "))
        output.append(
            "GPUs: \(cpuOnly) without, \(wholeGPUs) whole, \(gpuShares) shares of one GPU; "
                + "zero run time: \(zeroRunTime)")
        var counts = "out of order \(outOfOrder), malformed \(malformed)"
        if !malformedExamples.isEmpty {
            let examples = malformedExamples.map { "line \($0.line): \($0.reason)" }
            counts += " (" + examples.joined(separator: "; ") + ")"
        }
        output.append(counts)
        return output
    }
}

/// The jobs read from an Alibaba pod list, sorted by arrival, and the report.
public struct AlibabaReadResult: Sendable, Equatable {
    public var jobs: [Job]
    public var report: AlibabaReadReport

    public init(jobs: [Job], report: AlibabaReadReport) {
        self.jobs = jobs
        self.report = report
    }
}

/// Options for turning pod records into jobs.
public struct AlibabaReadOptions: Sendable, Equatable {
    /// The duration rule: the trace has no requested time.
    public var missingDuration: MissingDurationRule

    public init(missingDuration: MissingDurationRule = .init()) {
        self.missingDuration = missingDuration
    }
}

/// A failure to read an Alibaba CSV file.
public enum AlibabaReadError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// The header line lacks columns that the reader needs.
    case missingColumns(path: String, columns: [String])
    /// The header line names a column twice.
    case duplicateColumn(path: String, column: String)
    /// The file, after gzip decompression, is larger than the limit in bytes.
    case tooLarge(path: String, limit: Int)
    /// A line of a node list that cannot be read; node lists are read strictly.
    case invalidNode(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "Alibaba trace file not found: \(path)"
        case .unreadable(let path, let reason):
            "cannot read Alibaba trace file \(path): \(reason)"
        case .missingColumns(let path, let columns):
            "\(path): the header line has no column \(columns.joined(separator: ", ")); "
                + "expected the header of the Alibaba cluster-trace-gpu-v2023 CSV files"
        case .duplicateColumn(let path, let column):
            "\(path): the header line names the column '\(column)' more than once; "
                + "remove or rename one of them"
        case .tooLarge(let path, let limit):
            "\(path) is larger than the limit of \(limit) bytes (counted after gzip "
                + "decompression); split the trace into smaller files"
        case .invalidNode(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        }
    }
}
