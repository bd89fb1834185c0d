/// The reason the SWF reader skipped a record. A record counts under the
/// first reason that matches, in the order of the cases.
public enum SWFSkipReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The submit time (field 2) is negative or not a number.
    case noSubmitTime
    /// Status 5 (cancelled) with a run time of 0 or less.
    case cancelledBeforeStart
    /// The run time (field 4) is negative.
    case noRunTime
    /// Neither requested (field 8) nor allocated (field 5) processors are positive.
    case noCores
    /// More cores than `SWFReadOptions.maxMilliCores`.
    case tooManyCores
    /// A time above `WorkloadLimits.maxMilliseconds` once converted to ms, or
    /// a memory or milli-core amount that does not fit in `Int64`.
    case valueOutOfRange

    public var description: String {
        switch self {
        case .noSubmitTime: "no usable submit time"
        case .cancelledBeforeStart: "cancelled before it started"
        case .noRunTime: "no run time"
        case .noCores: "no processors"
        case .tooManyCores: "more cores than the largest site"
        case .valueOutOfRange: "a value beyond the supported range"
        }
    }
}

/// The counts that an SWF file declares in its header comments.
public struct SWFHeader: Sendable, Equatable {
    public var maxJobs: Int64?
    public var maxRecords: Int64?
    public var maxProcs: Int64?
    public var unixStartTime: Int64?

    public init(
        maxJobs: Int64? = nil, maxRecords: Int64? = nil, maxProcs: Int64? = nil,
        unixStartTime: Int64? = nil
    ) {
        self.maxJobs = maxJobs
        self.maxRecords = maxRecords
        self.maxProcs = maxProcs
        self.unixStartTime = unixStartTime
    }
}

/// A line that does not have 18 or 21 fields.
public struct SWFMalformedLine: Sendable, Equatable {
    /// The 1-based line number.
    public var line: Int
    public var fieldCount: Int

    public init(line: Int, fieldCount: Int) {
        self.line = line
        self.fieldCount = fieldCount
    }
}

/// The counts of records the SWF reader used, skipped, flagged and repaired.
public struct SWFReadReport: Sendable, Equatable {
    /// All lines, including comments and blank lines.
    public var lines = 0
    /// Lines with 18 or 21 fields; `used` plus all skipped records.
    public var records = 0
    public var used = 0
    public var skipped: [SWFSkipReason: Int] = [:]
    /// Used records whose run time is longer than the duration.
    public var runTimeExceedsRequest = 0
    /// Used records whose allocated and requested processors are both known and differ.
    public var allocatedDiffersFromRequested = 0
    /// Used records with a run time of 0.
    public var zeroRunTime = 0
    /// Records with a fractional value in any field, read as a `Double`.
    public var repaired = 0
    /// Records with 21 fields, whose fields 19 to 21 are ignored.
    public var extendedRecords = 0
    /// Lines with a field count other than 18 or 21, skipped.
    public var malformed = 0
    /// The first `SWFReader.malformedExampleLimit` malformed lines.
    public var malformedExamples: [SWFMalformedLine] = []
    /// Used records that arrive earlier than a used record before them in the file.
    public var outOfOrder = 0
    public var header = SWFHeader()
    /// Problems that did not stop the read, such as header counts that do not
    /// match the records.
    public var warnings: [String] = []

    public init() {}

    /// Returns the number of records skipped for a reason.
    public func skipped(_ reason: SWFSkipReason) -> Int {
        skipped[reason, default: 0]
    }

    public var skippedTotal: Int {
        skipped.values.reduce(0, +)
    }

    /// Renders the report as a few readable lines.
    public func renderedLines() -> [String] {
        var output = [
            "\(lines) lines, \(records) records (\(extendedRecords) with 21 fields), \(used) used"
        ]
        let reasons = SWFSkipReason.allCases.map { "\($0): \(skipped($0))" }
        output.append("skipped \(skippedTotal): " + reasons.joined(separator: ", "))
        output.append(
            "flagged: run time exceeds request: \(runTimeExceedsRequest), "
                + "allocated differs from requested: \(allocatedDiffersFromRequested), "
                + "zero run time: \(zeroRunTime)")
        var counts = "repaired \(repaired), out of order \(outOfOrder), malformed \(malformed)"
        if !malformedExamples.isEmpty {
            let examples = malformedExamples.map { "line \($0.line) has \($0.fieldCount) fields" }
            counts += " (" + examples.joined(separator: ", ") + ")"
        }
        output.append(counts)
        output.append(
            "header: MaxJobs \(text(header.maxJobs)), MaxRecords \(text(header.maxRecords)), "
                + "MaxProcs \(text(header.maxProcs)), "
                + "UnixStartTime \(text(header.unixStartTime))")
        output += warnings.map { "warning: " + $0 }
        return output
    }

    private func text(_ value: Int64?) -> String {
        value.map(String.init) ?? "absent"
    }
}

/// The jobs read from an SWF file, sorted by arrival, and the report.
public struct SWFReadResult: Sendable, Equatable {
    public var jobs: [Job]
    public var report: SWFReadReport

    public init(jobs: [Job], report: SWFReadReport) {
        self.jobs = jobs
        self.report = report
    }
}

/// Options for turning SWF records into jobs.
public struct SWFReadOptions: Sendable, Equatable {
    /// Memory per whole processor, in MiB, when the record gives none.
    public var memoryPerCoreMiB: Int64
    /// The duration rule for records without a requested time.
    public var missingDuration: MissingDurationRule
    /// The cores of the largest site, in milli-cores; larger jobs are skipped.
    /// Nil keeps every size.
    public var maxMilliCores: Int64?

    public init(
        memoryPerCoreMiB: Int64 = 1024, missingDuration: MissingDurationRule = .init(),
        maxMilliCores: Int64? = nil
    ) {
        self.memoryPerCoreMiB = memoryPerCoreMiB
        self.missingDuration = missingDuration
        self.maxMilliCores = maxMilliCores
    }
}

/// A failure to read an SWF file.
public enum SWFReadError: Error, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case invalidGzip(path: String, reason: String)
    /// A field other than the submit time is not a number.
    case invalidValue(path: String, line: Int, field: Int, text: String)
    /// No line has 18 or 21 fields, but some lines are not comments.
    case notSWF(path: String, line: Int, fieldCount: Int)
    /// The file is empty or has only comments and blank lines.
    case noRecords(path: String)
    /// The file, after gzip decompression, is larger than the limit in bytes.
    case tooLarge(path: String, limit: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "SWF file not found: \(path)"
        case .unreadable(let path, let reason):
            "cannot read SWF file \(path): \(reason)"
        case .invalidGzip(let path, let reason):
            "invalid gzip data in \(path): \(reason); check that the file is complete"
        case .invalidValue(let path, let line, let field, let text):
            "\(path):\(line): field \(field) is not a number: '\(text)'"
        case .notSWF(let path, let line, let fieldCount):
            "\(path) is not an SWF file: no line has 18 or 21 fields "
                + "(line \(line) has \(fieldCount))"
        case .noRecords(let path):
            "\(path) is not an SWF file: it contains no job records, only comments or blank lines"
        case .tooLarge(let path, let limit):
            "\(path) is larger than the limit of \(limit) bytes (counted after gzip "
                + "decompression); split the trace into smaller files"
        }
    }
}
