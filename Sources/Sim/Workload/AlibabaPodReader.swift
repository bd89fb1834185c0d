import Foundation

/// Reads the pod list of the Alibaba GPU cluster trace (cluster-trace-gpu-v2023),
/// a CSV file with the header
/// `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time`.
///
/// Columns are found by their header names, in any order. Each pod becomes a `Job`:
///
/// - arrival = `creation_time` × 1000; run time = (`deletion_time` −
///   `scheduled_time`) × 1000; times are seconds;
/// - milli-cores = `cpu_milli`; memory = `memory_mib`;
/// - GPUs: `num_gpu` whole GPUs (1000 milli-GPUs each) when `gpu_milli` is
///   1000, or 0 or empty with `num_gpu` ≥ 1; a share of `gpu_milli`
///   milli-GPUs when `num_gpu` is 1 and `gpu_milli` is below 1000;
/// - acceptable GPU models = `gpu_spec` split on `|`, empty meaning any;
/// - duration = `missingDuration` applied to the run time, since the trace
///   has no requested time;
/// - number = the record's position among the lines after the header, from 1.
///
/// Pods with an empty `scheduled_time` never ran and are skipped and
/// counted, as are lines with the wrong number of fields or a numeric field
/// that is not a number (an empty `creation_time` or `deletion_time`
/// included), and pods with a time or GPU amount out of range. Lines end in
/// LF or CRLF, and a gzip-compressed file is read like `SWFReader` reads
/// one. Used pods are sorted stably by arrival.
public enum AlibabaPodReader {
    /// How many malformed lines the report lists by line number.
    public static let malformedExampleLimit = 5

    static let columns = [
        "name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "creation_time",
        "deletion_time", "scheduled_time",
    ]

    /// Reads a pod list file.
    public static func read(path: String, options: AlibabaReadOptions = .init())
        throws(AlibabaReadError) -> AlibabaReadResult
    {
        try parse(try readText(path: path), name: path, options: options)
    }

    /// Parses pod list text; `name` identifies the source in errors.
    public static func parse(_ text: String, name: String, options: AlibabaReadOptions = .init())
        throws(AlibabaReadError) -> AlibabaReadResult
    {
        var lines = csvLines(text)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var report = AlibabaReadReport()
        report.lines = lines.count
        let header = try CSVHeader(lines.first, required: columns, path: name)

        var jobs: [Job] = []
        var latestArrival = Int64.min
        for (offset, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if fields.count == 1, fields[0].isEmpty { continue }
            report.records += 1
            switch header.pod(fields, number: report.records) {
            case .malformed(let reason):
                report.malformed += 1
                if report.malformedExamples.count < malformedExampleLimit {
                    report.malformedExamples.append(
                        AlibabaMalformedLine(line: offset + 1, reason: reason))
                }
            case .skipped(let reason):
                report.skipped[reason, default: 0] += 1
            case .pod(let pod):
                var job = pod.job(index: jobs.count, options: options)
                if job.runTime == 0 {
                    job.flags.insert(.zeroRunTime)
                    report.zeroRunTime += 1
                }
                switch (job.milliGPUs, pod.gpuCount) {
                case (0, _): report.cpuOnly += 1
                case (_, 1) where job.milliGPUs < 1000: report.gpuShares += 1
                default: report.wholeGPUs += 1
                }
                if job.arrival < latestArrival {
                    report.outOfOrder += 1
                } else {
                    latestArrival = job.arrival
                }
                report.used += 1
                jobs.append(job)
            }
        }

        if report.outOfOrder > 0 {
            // Sorting by (arrival, file position) keeps equal arrivals in file order.
            jobs.sort { ($0.arrival, $0.index) < ($1.arrival, $1.index) }
            for position in jobs.indices { jobs[position].index = position }
        }
        return AlibabaReadResult(jobs: jobs, report: report)
    }

    /// Reads a file as UTF-8 text. A file larger than `maxBytes`, after gzip
    /// decompression, throws `AlibabaReadError.tooLarge`.
    static func readText(path: String, maxBytes: Int = WorkloadLimits.maxInputBytes)
        throws(AlibabaReadError) -> String
    {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let bytes: [UInt8]
        do {
            bytes = try WorkloadFile.readBytes(path: path, maxBytes: maxBytes)
        } catch {
            switch error {
            case .unreadable(let reason): throw .unreadable(path: path, reason: reason)
            case .tooLarge: throw .tooLarge(path: path, limit: maxBytes)
            case .invalidGzip(let message):
                throw .unreadable(path: path, reason: "invalid gzip data: \(message)")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "the file is not valid UTF-8 text")
        }
        return text
    }

    /// Splits text into lines at LF and drops the CR of a CRLF line end.
    /// Splitting the `String` on "\n" would not work, because "\r\n" is one
    /// `Character` in Swift.
    static func csvLines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            line in
            let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return Substring(decoding: content, as: UTF8.self)
        }
    }
}

/// One pod record with its numbers parsed.
private struct PodRecord {
    var number: Int
    var milliCores: Int64
    var memoryMiB: Int64
    var gpuCount: Int64
    var milliGPUs: Int64
    var gpuModels: [String]
    /// The creation time in ms.
    var arrival: Int64
    var runTime: Int64

    func job(index: Int, options: AlibabaReadOptions) -> Job {
        Job(
            index: index, number: Int64(number), arrival: arrival, runTime: runTime,
            duration: options.missingDuration.duration(forRunTime: runTime),
            milliCores: milliCores, memoryMiB: memoryMiB, milliGPUs: milliGPUs,
            gpuModels: milliGPUs > 0 ? gpuModels : [])
    }
}

private enum PodOutcome {
    case pod(PodRecord)
    case skipped(AlibabaSkipReason)
    case malformed(String)
}

/// The positions of the columns named in a CSV header line.
struct CSVHeader {
    let names: [String]
    let positions: [String: Int]

    init(_ line: Substring?, required: [String], path: String) throws(AlibabaReadError) {
        names = (line ?? "").split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard positions[name] == nil else {
                throw .duplicateColumn(path: path, column: name)
            }
            positions[name] = index
        }
        self.positions = positions
        let missing = required.filter { positions[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(path: path, columns: missing) }
    }

    /// Returns the field of `column`, which the header is known to have.
    func field(_ column: String, in fields: [String]) -> String {
        fields[positions[column]!]
    }

    /// Parses a whole number, or returns nil for text that is not one.
    func integer(_ column: String, in fields: [String]) -> Int64? {
        Int64(field(column, in: fields))
    }

    fileprivate func pod(_ fields: [String], number: Int) -> PodOutcome {
        guard fields.count == names.count else {
            return .malformed("\(fields.count) fields, expected \(names.count)")
        }
        func malformed(_ column: String) -> PodOutcome {
            .malformed("\(column) is not a number: '\(field(column, in: fields))'")
        }

        guard let cores = integer("cpu_milli", in: fields), cores >= 0 else {
            return malformed("cpu_milli")
        }
        guard let memory = integer("memory_mib", in: fields), memory >= 0 else {
            return malformed("memory_mib")
        }
        guard let gpuCount = integer("num_gpu", in: fields), gpuCount >= 0 else {
            return malformed("num_gpu")
        }
        let gpuMilliText = field("gpu_milli", in: fields)
        guard let gpuMilli = gpuMilliText.isEmpty ? 0 : Int64(gpuMilliText), gpuMilli >= 0 else {
            return malformed("gpu_milli")
        }
        guard let created = Double(field("creation_time", in: fields)), created.isFinite else {
            return malformed("creation_time")
        }
        guard let deleted = Double(field("deletion_time", in: fields)), deleted.isFinite else {
            return malformed("deletion_time")
        }
        let scheduledText = field("scheduled_time", in: fields)
        let scheduled: Double
        if scheduledText.isEmpty {
            scheduled = .nan
        } else if let value = Double(scheduledText), value.isFinite {
            scheduled = value
        } else {
            return malformed("scheduled_time")
        }

        guard !scheduled.isNaN else { return .skipped(.neverScheduled) }
        guard deleted >= scheduled else { return .skipped(.negativeRunTime) }
        let milliGPUs: Int64?
        switch (gpuCount, gpuMilli) {
        case (0, 0): milliGPUs = 0
        case (1..., 0), (1..., 1000):
            let (product, overflow) = gpuCount.multipliedReportingOverflow(by: 1000)
            milliGPUs = overflow ? nil : product
        case (1, 1..<1000): milliGPUs = gpuMilli
        default: return .skipped(.invalidGPURequest)
        }

        // Checked conversions, because a value that does not fit in Int64
        // would trap, and times beyond the supported range would overflow
        // later sums such as arrival plus duration.
        guard let milliGPUs,
            WorkloadLimits.milliseconds(fromSeconds: deleted) != nil,
            WorkloadLimits.milliseconds(fromSeconds: scheduled) != nil,
            let arrival = WorkloadLimits.milliseconds(fromSeconds: created),
            let runTime = WorkloadLimits.milliseconds(fromSeconds: deleted - scheduled)
        else { return .skipped(.valueOutOfRange) }
        let models = field("gpu_spec", in: fields).split(separator: "|").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        return .pod(
            PodRecord(
                number: number, milliCores: cores, memoryMiB: memory, gpuCount: gpuCount,
                milliGPUs: milliGPUs, gpuModels: models, arrival: arrival, runTime: runTime))
    }
}
