import Foundation

/// Reads Standard Workload Format (SWF) logs, plain or gzip-compressed.
///
/// Gzip is detected by the magic bytes `1f 8b`, not by the file name. The
/// reader maps each record to a `Job`:
///
/// - arrival = submit time (field 2) × 1000; run time = field 4 × 1000;
/// - cores = requested processors (field 8), else allocated (field 5), × 1000;
/// - memory = requested memory per processor (field 10), else used memory
///   (field 7), in KiB, times the whole processors and rounded up to MiB.
///   Without either, `memoryPerCoreMiB` times the whole processors;
/// - duration = requested time (field 9) × 1000. A requested time of 0 or
///   less counts as missing and `missingDuration` sets the duration;
/// - user = field 12, executable = field 14, number = field 1.
///
/// A negative value, not only -1, counts as unknown. Times that are
/// fractional seconds stay exact to the millisecond. Used records are sorted
/// stably by arrival after skipping, and `index` is the sorted position.
public enum SWFReader {
    /// How many malformed lines the report lists by line number.
    public static let malformedExampleLimit = 5

    /// Reads an SWF file. A file larger than `maxBytes`, after gzip
    /// decompression, throws `SWFReadError.tooLarge`.
    public static func read(
        path: String, options: SWFReadOptions = .init(),
        maxBytes: Int = WorkloadLimits.maxInputBytes
    ) throws(SWFReadError) -> SWFReadResult {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .fileNotFound(path: path)
        }
        let bytes: [UInt8]
        do {
            bytes = try WorkloadFile.readBytes(path: path, maxBytes: maxBytes)
        } catch {
            switch error {
            case .unreadable(let reason): throw .unreadable(path: path, reason: reason)
            case .tooLarge: throw .tooLarge(path: path, limit: maxBytes)
            case .invalidGzip(let message): throw .invalidGzip(path: path, reason: message)
            }
        }
        return try parse(bytes, name: path, options: options)
    }

    /// Parses SWF text; `name` identifies the source in errors.
    public static func parse(_ bytes: [UInt8], name: String, options: SWFReadOptions = .init())
        throws(SWFReadError) -> SWFReadResult
    {
        var parser = SWFParser(name: name, options: options)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") {
                lineEnd += 1
            }
            // A CRLF line ends before its carriage return.
            let contentEnd =
                lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r")
                ? lineEnd - 1 : lineEnd
            try parser.parseLine(bytes, from: lineStart, to: contentEnd)
            lineStart = lineEnd + 1
        }
        return try parser.finish()
    }
}

/// The state of one SWF read.
private struct SWFParser {
    static let standardFieldCount = 18
    static let extendedFieldCount = 21

    let name: String
    let options: SWFReadOptions
    var report = SWFReadReport()
    var jobs: [Job] = []
    var latestArrival = Int64.min
    var values = [Double](repeating: 0, count: extendedFieldCount)

    init(name: String, options: SWFReadOptions) {
        self.name = name
        self.options = options
    }

    mutating func parseLine(_ bytes: [UInt8], from start: Int, to end: Int) throws(SWFReadError) {
        report.lines += 1
        var position = start
        while position < end, isSpace(bytes[position]) {
            position += 1
        }
        if position == end { return }
        if bytes[position] == UInt8(ascii: ";") {
            parseHeaderComment(bytes, from: position + 1, to: end)
            return
        }

        var fieldCount = 0
        var fractional = false
        var invalidField: (index: Int, text: String)?
        while position < end {
            let tokenStart = position
            while position < end, !isSpace(bytes[position]) {
                position += 1
            }
            if fieldCount < Self.extendedFieldCount {
                let value = parseNumber(bytes, from: tokenStart, to: position)
                if let value {
                    values[fieldCount] = value
                    if value != value.rounded(.towardZero) { fractional = true }
                } else {
                    values[fieldCount] = .nan
                    if fieldCount != 1, invalidField == nil {
                        let text = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
                        invalidField = (fieldCount, text)
                    }
                }
            }
            fieldCount += 1
            while position < end, isSpace(bytes[position]) {
                position += 1
            }
        }

        guard fieldCount == Self.standardFieldCount || fieldCount == Self.extendedFieldCount else {
            report.malformed += 1
            if report.malformedExamples.count < SWFReader.malformedExampleLimit {
                report.malformedExamples.append(
                    SWFMalformedLine(line: report.lines, fieldCount: fieldCount))
            }
            return
        }
        if let invalidField {
            throw .invalidValue(
                path: name, line: report.lines, field: invalidField.index + 1,
                text: invalidField.text)
        }

        report.records += 1
        if fieldCount == Self.extendedFieldCount { report.extendedRecords += 1 }
        if fractional { report.repaired += 1 }
        addRecord()
    }

    /// Turns the parsed `values` into a job, or counts why it is skipped.
    mutating func addRecord() {
        let submit = values[1]
        let runSeconds = values[3]
        let allocated = values[4]
        let requested = values[7]

        guard submit >= 0 else { return skip(.noSubmitTime) }
        if values[10] == 5, runSeconds <= 0 { return skip(.cancelledBeforeStart) }
        guard runSeconds >= 0 else { return skip(.noRunTime) }
        let processors = requested > 0 ? requested : allocated
        guard processors > 0 else { return skip(.noCores) }
        let milliCores = WorkloadLimits.thousandths(of: processors).map { max(1, $0) }
        if let maxMilliCores = options.maxMilliCores, (milliCores ?? .max) > maxMilliCores {
            return skip(.tooManyCores)
        }

        // Every conversion below is checked, because a value that does not
        // fit in Int64 would trap, and times beyond the supported range would
        // overflow later sums such as arrival plus duration.
        guard let milliCores,
            let memoryMiB = memoryMiB(processors: processors),
            let arrival = WorkloadLimits.milliseconds(fromSeconds: submit),
            let runTime = WorkloadLimits.milliseconds(fromSeconds: runSeconds)
        else { return skip(.valueOutOfRange) }
        let duration: Int64
        if values[8] > 0 {
            guard let requestedTime = WorkloadLimits.milliseconds(fromSeconds: values[8]) else {
                return skip(.valueOutOfRange)
            }
            duration = max(1, requestedTime)
        } else {
            duration = options.missingDuration.duration(forRunTime: runTime)
        }

        var flags: JobFlags = []
        if runTime > duration {
            flags.insert(.runTimeExceedsRequest)
            report.runTimeExceedsRequest += 1
        }
        if allocated > 0, requested > 0, allocated != requested {
            flags.insert(.allocatedDiffersFromRequested)
            report.allocatedDiffersFromRequested += 1
        }
        if runTime == 0 {
            flags.insert(.zeroRunTime)
            report.zeroRunTime += 1
        }

        if arrival < latestArrival {
            report.outOfOrder += 1
        } else {
            latestArrival = arrival
        }
        report.used += 1
        jobs.append(
            Job(
                index: jobs.count, number: rounded(values[0]), arrival: arrival,
                runTime: runTime, duration: duration, milliCores: milliCores,
                memoryMiB: memoryMiB, user: values[11] >= 0 ? rounded(values[11]) : -1,
                executable: values[13] >= 0 ? rounded(values[13]) : -1, flags: flags))
    }

    /// Returns the memory of a record in MiB, or nil when it does not fit in
    /// `Int64`. Field 10, else field 7, is KiB per processor.
    func memoryMiB(processors: Double) -> Int64? {
        let wholeProcessors = processors.rounded(.up)
        let memoryKiB = values[9] > 0 ? values[9] : values[6]
        if memoryKiB > 0 {
            let memoryMiB = (memoryKiB * wholeProcessors / 1024).rounded(.up)
            guard memoryMiB < 0x1p63 else { return nil }
            return max(1, Int64(memoryMiB))
        }
        guard wholeProcessors < 0x1p63 else { return nil }
        let (memoryMiB, overflow) = options.memoryPerCoreMiB.multipliedReportingOverflow(
            by: Int64(wholeProcessors))
        return overflow ? nil : memoryMiB
    }

    mutating func skip(_ reason: SWFSkipReason) {
        report.skipped[reason, default: 0] += 1
    }

    /// Parses `; Key: value` comments for the header counts. The first
    /// occurrence of a key wins.
    mutating func parseHeaderComment(_ bytes: [UInt8], from start: Int, to end: Int) {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        let valueText = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let firstToken = valueText.split(separator: " ").first.map(String.init) ?? ""
        let headerKeys = ["MaxJobs", "MaxRecords", "MaxProcs", "UnixStartTime"]
        guard let value = Int64(firstToken) else {
            if headerKeys.contains(key) {
                report.warnings.append(
                    "line \(report.lines): header \(key) is not a whole number: '\(valueText)'")
            }
            return
        }
        switch key {
        case "MaxJobs" where report.header.maxJobs == nil:
            report.header.maxJobs = value
        case "MaxRecords" where report.header.maxRecords == nil:
            report.header.maxRecords = value
        case "MaxProcs" where report.header.maxProcs == nil:
            report.header.maxProcs = value
        case "UnixStartTime" where report.header.unixStartTime == nil:
            report.header.unixStartTime = value
        default:
            break
        }
    }

    /// Sorts the jobs, sets their indices and adds the header warnings.
    mutating func finish() throws(SWFReadError) -> SWFReadResult {
        if report.records == 0 {
            guard let first = report.malformedExamples.first else {
                throw .noRecords(path: name)
            }
            throw .notSWF(path: name, line: first.line, fieldCount: first.fieldCount)
        }
        if report.outOfOrder > 0 {
            // Sorting by (arrival, file position) keeps equal arrivals in file order.
            jobs.sort { ($0.arrival, $0.index) < ($1.arrival, $1.index) }
            for position in jobs.indices {
                jobs[position].index = position
            }
        }

        let counts = [("MaxJobs", report.header.maxJobs), ("MaxRecords", report.header.maxRecords)]
        for case (let key, let value?) in counts where value != Int64(report.records) {
            report.warnings.append(
                "header \(key) is \(value) but the file has \(report.records) records")
        }
        return SWFReadResult(jobs: jobs, report: report)
    }
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}

/// Parses a decimal number without creating a `String` for plain integers.
/// Returns nil for text that is not a finite number.
private func parseNumber(_ bytes: [UInt8], from start: Int, to end: Int) -> Double? {
    var position = start
    var negative = false
    if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
        negative = bytes[position] == UInt8(ascii: "-")
        position += 1
    }
    let digitsStart = position
    var value: Int64 = 0
    while position < end, position - digitsStart < 18 {
        let digit = bytes[position] &- UInt8(ascii: "0")
        guard digit < 10 else { break }
        value = value * 10 + Int64(digit)
        position += 1
    }
    if position == end, position > digitsStart {
        return Double(negative ? -value : value)
    }

    guard isDecimal(bytes[start..<end]) else { return nil }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    guard let parsed = Double(text), parsed.isFinite else { return nil }
    return parsed
}

/// Returns whether `token` is a plain decimal number: an optional sign,
/// digits with an optional fraction, and an optional exponent. This rejects
/// what `Double(String)` would also accept, such as hexadecimal (`0x10`),
/// `nan`, `inf` and text after a NUL byte.
private func isDecimal(_ token: ArraySlice<UInt8>) -> Bool {
    var position = token.startIndex
    func skipDigits() -> Int {
        let digitsStart = position
        while position < token.endIndex,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(token[position])
        {
            position += 1
        }
        return position - digitsStart
    }
    func skipSign() {
        if position < token.endIndex,
            token[position] == UInt8(ascii: "+") || token[position] == UInt8(ascii: "-")
        {
            position += 1
        }
    }

    skipSign()
    var mantissaDigits = skipDigits()
    if position < token.endIndex, token[position] == UInt8(ascii: ".") {
        position += 1
        mantissaDigits += skipDigits()
    }
    guard mantissaDigits > 0 else { return false }
    if position < token.endIndex,
        token[position] == UInt8(ascii: "e") || token[position] == UInt8(ascii: "E")
    {
        position += 1
        skipSign()
        guard skipDigits() > 0 else { return false }
    }
    return position == token.endIndex
}

private func rounded(_ value: Double) -> Int64 {
    KeyedRandom.milliseconds(value)
}
