import Foundation
import Scheduler
import Testing

@testable import Sim

/// Returns the path of a file in the test bundle's `Fixtures/robustness` folder.
private func fixturePath(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.resourceURL)
    return folder.appendingPathComponent("Fixtures/robustness").appendingPathComponent(name).path
}

/// Creates an empty folder for files that a test writes.
private func makeTemporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("workload-robustness-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Returns `text` with every LF line end replaced by CRLF.
private func crlf(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: "\r\n")
}

/// Encodes `data` as a gzip member with stored (uncompressed) deflate blocks,
/// so that the tests need no compressor.
private func gzipStored(_ data: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
    var offset = 0
    repeat {
        let length = min(65_535, data.count - offset)
        let isFinal = offset + length == data.count
        output.append(isFinal ? 1 : 0)
        output += littleEndian(UInt16(length)) + littleEndian(~UInt16(length))
        output += data[offset..<offset + length]
        offset += length
    } while offset < data.count
    output += littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
    return output
}

private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<T.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}

/// Computes the CRC-32 that gzip stores (reflected polynomial 0xEDB88320).
private func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
    }
    return ~crc
}

private let swfRecord = "1 0 0 60 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n"

@Suite("SWF reader on extreme values")
struct SWFExtremeValueTests {
    @Test func defaultOptionsSkipOutOfRange() throws {
        let result = try SWFReader.read(path: try fixturePath("swf-extreme-values.swf"))
        #expect(result.report.records == 10)
        #expect(result.report.used == 2)
        #expect(result.report.skipped(.valueOutOfRange) == 8)
        #expect(result.report.skippedTotal == 8)
        #expect(result.jobs.map(\.number) == [1, 7])
        #expect(result.jobs[1].milliCores == 10_000_000_000_000)
        #expect(result.jobs[1].memoryMiB == 10_240_000_000_000)
    }

    @Test func memoryPerCoreOverflowSkipped() throws {
        let options = SWFReadOptions(memoryPerCoreMiB: 1 << 30)
        let result = try SWFReader.read(
            path: try fixturePath("swf-extreme-values.swf"), options: options)
        #expect(result.report.used == 1)
        #expect(result.report.skipped(.valueOutOfRange) == 9)
        #expect(result.jobs.map(\.number) == [1])
    }

    @Test func siteLimitCountsTooManyCores() throws {
        // A site of 1e13 cores, so the 1e17-processor records are too large
        // for it rather than out of range.
        let options = SWFReadOptions(
            memoryPerCoreMiB: 1 << 30, maxMilliCores: 10_000_000_000_000_000)
        let result = try SWFReader.read(
            path: try fixturePath("swf-extreme-values.swf"), options: options)
        #expect(result.report.used == 1)
        #expect(result.report.skipped(.tooManyCores) == 2)
        #expect(result.report.skipped(.valueOutOfRange) == 7)
    }

    @Test func timeAtLimitIsKept() throws {
        // 3_155_760_000 s is exactly WorkloadLimits.maxMilliseconds.
        let text =
            "1 3155760000 0 3155760000 4 -1 -1 4 3155760000 -1 1 1 1 1 1 1 -1 -1\n"
            + "2 3155760000.001 0 60 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n"
        let result = try SWFReader.parse(Array(text.utf8), name: "inline")
        #expect(result.report.used == 1)
        #expect(result.report.skipped(.valueOutOfRange) == 1)
        #expect(result.jobs.first?.arrival == WorkloadLimits.maxMilliseconds)
        #expect(result.jobs.first?.duration == WorkloadLimits.maxMilliseconds)
    }

    @Test func skipReasonDescription() {
        #expect(SWFSkipReason.valueOutOfRange.description == "a value beyond the supported range")
        let report = SWFReadReport()
        #expect(report.renderedLines()[1].hasSuffix("a value beyond the supported range: 0"))
    }
}

@Suite("SWF reader on odd text")
struct SWFOddTextTests {
    @Test func emptyFileRejected() {
        #expect(throws: SWFReadError.noRecords(path: "empty.swf")) {
            try SWFReader.parse([], name: "empty.swf")
        }
    }

    @Test func commentsOnlyRejected() {
        let text = "; Version: 2.2\n\n; MaxJobs: 0\n   \n"
        #expect(throws: SWFReadError.noRecords(path: "comments.swf")) {
            try SWFReader.parse(Array(text.utf8), name: "comments.swf")
        }
        #expect(
            SWFReadError.noRecords(path: "comments.swf").description
                == "comments.swf is not an SWF file: it contains no job records, "
                + "only comments or blank lines")
    }

    @Test func nonDecimalFieldsRejected() {
        let cases: [(token: String, field: Int)] = [
            ("4\u{0}xyz", 4), ("0x10", 4), ("nan", 4), ("inf", 4), ("1e", 4), ("--1", 4),
            (".", 4), ("1.2.3", 4),
        ]
        for (token, field) in cases {
            let text = "1 0 0 \(token) 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n"
            #expect(
                throws: SWFReadError.invalidValue(
                    path: "odd.swf", line: 1, field: field, text: token),
                "token \(token.debugDescription)"
            ) {
                try SWFReader.parse(Array(text.utf8), name: "odd.swf")
            }
        }
        let error = SWFReadError.invalidValue(path: "odd.swf", line: 1, field: 4, text: "0x10")
        #expect(error.description == "odd.swf:1: field 4 is not a number: '0x10'")
    }

    @Test func decimalFormsAccepted() throws {
        for token in ["+60", "60.0", "6e1", "6.0E+1", "600e-1", ".6e2", "60."] {
            let text = "1 0 0 \(token) 4 -1 -1 4 120 -1 1 1 1 1 1 1 -1 -1\n"
            let result = try SWFReader.parse(Array(text.utf8), name: "odd.swf")
            #expect(result.jobs.first?.runTime == 60_000, "token \(token)")
        }
    }

    @Test func headerNotNumberWarns() throws {
        let text = "; MaxJobs: abc\n; MaxProcs: 100\n" + swfRecord
        let result = try SWFReader.parse(Array(text.utf8), name: "header.swf")
        #expect(result.report.header.maxJobs == nil)
        #expect(result.report.header.maxProcs == 100)
        #expect(result.report.warnings == ["line 1: header MaxJobs is not a whole number: 'abc'"])
    }

    @Test func crlfKeepsHeaderValues() throws {
        let text =
            "; MaxJobs: 2\n; MaxRecords: 2\n; MaxProcs: 100\n; UnixStartTime: 1000\n"
            + swfRecord + swfRecord
        let plain = try SWFReader.parse(Array(text.utf8), name: "trace.swf")
        let windows = try SWFReader.parse(Array(crlf(text).utf8), name: "trace.swf")

        #expect(
            windows.report.header
                == SWFHeader(
                    maxJobs: 2, maxRecords: 2, maxProcs: 100, unixStartTime: 1000))
        #expect(windows.report.warnings.isEmpty)
        #expect(windows == plain)
    }
}

@Suite("Workload file size limit")
struct WorkloadSizeLimitTests {
    /// SWF text of just over 1 MiB.
    let swfText = Array(String(repeating: swfRecord, count: 24_000).utf8)
    let limit = 1 << 20

    @Test func gzipPastLimitRejected() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("large.swf.gz").path
        try Data(gzipStored(swfText)).write(to: URL(fileURLWithPath: path))
        #expect(swfText.count > limit)

        #expect(throws: SWFReadError.tooLarge(path: path, limit: limit)) {
            try SWFReader.read(path: path, maxBytes: limit)
        }
        let result = try SWFReader.read(path: path, maxBytes: 2 * limit)
        #expect(result.report.used == 24_000)
    }

    @Test func plainPastLimitRejected() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("large.swf").path
        try Data(swfText).write(to: URL(fileURLWithPath: path))

        #expect(throws: SWFReadError.tooLarge(path: path, limit: limit)) {
            try SWFReader.read(path: path, maxBytes: limit)
        }
        let exact = try SWFReader.read(path: path, maxBytes: swfText.count)
        #expect(exact.report.used == 24_000)
    }

    @Test func gzipReaderStopsAtLimit() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("zeros.gz").path
        try Data(gzipStored([UInt8](repeating: 0, count: 3 << 20))).write(
            to: URL(fileURLWithPath: path))

        let file = try #require(GzipFile(path: path))
        #expect(throws: GzipError.tooLarge) {
            try file.readAll(maxBytes: limit)
        }
    }

    @Test func alibabaPastLimitRejected() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pods.csv").path
        try Data(swfText).write(to: URL(fileURLWithPath: path))

        #expect(throws: AlibabaReadError.tooLarge(path: path, limit: limit)) {
            try AlibabaPodReader.readText(path: path, maxBytes: limit)
        }
    }

    @Test func tooLargeMessage() {
        let error = SWFReadError.tooLarge(path: "big.swf.gz", limit: 1 << 20)
        #expect(
            error.description
                == "big.swf.gz is larger than the limit of 1048576 bytes (counted after gzip "
                + "decompression); split the trace into smaller files")
        #expect(WorkloadLimits.maxInputBytes == 2_147_483_648)
    }
}

@Suite("Alibaba readers on odd input")
struct AlibabaRobustnessTests {
    @Test func extremeValuesSkipped() throws {
        let result = try AlibabaPodReader.read(path: try fixturePath("alibaba-extreme-values.csv"))
        #expect(result.report.records == 8)
        #expect(result.report.used == 1)
        #expect(result.report.skipped(.valueOutOfRange) == 6)
        #expect(result.report.skippedTotal == 6)
        #expect(result.report.malformed == 1)
        #expect(
            result.report.malformedExamples == [
                AlibabaMalformedLine(line: 5, reason: "num_gpu is not a number: '1e16'")
            ])
        #expect(result.jobs.map(\.number) == [1])
        #expect(
            AlibabaSkipReason.valueOutOfRange.description == "a value beyond the supported range")
    }

    @Test func crlfPodListSameAsLF() throws {
        for name in ["alibaba-out-of-order.csv", "alibaba-gpu-forms.csv", "alibaba-malformed.csv"] {
            let lfPath = try fixturePath("../\(name)")
            let text = try String(contentsOfFile: lfPath, encoding: .utf8)
            let plain = try AlibabaPodReader.parse(text, name: name)
            let windows = try AlibabaPodReader.parse(crlf(text), name: name)
            #expect(plain.report.records > 0, "\(name)")
            #expect(windows == plain, "\(name)")
        }
    }

    @Test func crlfFilesReadSameAsLF() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let podText = try String(
            contentsOfFile: try fixturePath("../alibaba-out-of-order.csv"), encoding: .utf8)
        let podPath = folder.appendingPathComponent("pods.csv").path
        try crlf(podText).write(toFile: podPath, atomically: true, encoding: .utf8)
        let pods = try AlibabaPodReader.read(path: podPath)
        #expect(pods == (try AlibabaPodReader.parse(podText, name: podPath)))

        let nodeText = try String(
            contentsOfFile: try fixturePath("../alibaba-nodes.csv"), encoding: .utf8)
        let nodePath = folder.appendingPathComponent("nodes.csv").path
        try crlf(nodeText).write(toFile: nodePath, atomically: true, encoding: .utf8)
        let nodes = try AlibabaNodeReader.read(path: nodePath)
        #expect(!nodes.isEmpty)
        #expect(nodes == (try AlibabaNodeReader.parse(nodeText, name: nodePath)))
    }

    @Test func duplicatePodColumnRejected() {
        let text =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,creation_time,"
            + "deletion_time,scheduled_time,cpu_milli\n"
        #expect(throws: AlibabaReadError.duplicateColumn(path: "pods.csv", column: "cpu_milli")) {
            try AlibabaPodReader.parse(text, name: "pods.csv")
        }
        #expect(
            AlibabaReadError.duplicateColumn(path: "pods.csv", column: "cpu_milli").description
                == "pods.csv: the header line names the column 'cpu_milli' more than once; "
                + "remove or rename one of them")
    }

    @Test func duplicateNodeColumnRejected() {
        let text = "sn,cpu_milli,memory_mib,gpu,model,gpu\nnode-1,1000,1024,0,,0\n"
        #expect(throws: AlibabaReadError.duplicateColumn(path: "nodes.csv", column: "gpu")) {
            try AlibabaNodeReader.parse(text, name: "nodes.csv")
        }
    }
}
