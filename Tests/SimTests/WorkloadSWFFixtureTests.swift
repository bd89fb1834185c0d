import Foundation
import Testing

@testable import Sim

/// Returns the path of a file in the test bundle's `Fixtures` folder.
private func fixturePath(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.resourceURL)
    return folder.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

private func readFixture(_ name: String, options: SWFReadOptions = .init()) throws
    -> SWFReadResult
{
    try SWFReader.read(path: try fixturePath(name), options: options)
}

// Default options: 1024 MiB per processor without memory fields, and a
// missing duration of the run time rounded up to a 60 s step.
@Suite("SWF reader on trap fixtures")
struct WorkloadSWFFixtureTests {
    @Test("header counts that do not match")
    func headerMismatch() throws {
        let result = try readFixture("swf-header-mismatch.swf")
        let report = result.report
        #expect(report.lines == 9)
        #expect(report.records == 3)
        #expect(report.used == 3)
        #expect(
            report.header
                == SWFHeader(
                    maxJobs: 5, maxRecords: 4, maxProcs: 64, unixStartTime: 1_000_000_000))
        #expect(
            report.warnings == [
                "header MaxJobs is 5 but the file has 3 records",
                "header MaxRecords is 4 but the file has 3 records",
            ])
        #expect(
            result.jobs[0]
                == Job(
                    index: 0, number: 1, arrival: 10_000, runTime: 100_000, duration: 200_000,
                    milliCores: 4000, memoryMiB: 4096, user: 3, executable: 2))
        #expect(result.jobs[2].executable == -1)
        #expect(result.jobs[2].user == 4)
    }

    @Test("all -1 records and submit times going backwards")
    func minusOneRecords() throws {
        let result = try readFixture("swf-minus-one-records.swf")
        let report = result.report
        #expect(report.records == 6)
        #expect(report.skipped(.noSubmitTime) == 2)
        #expect(report.skippedTotal == 2)
        #expect(report.used == 4)
        #expect(report.outOfOrder == 2)
        #expect(report.warnings.isEmpty)
        #expect(result.jobs.map(\.number) == [3, 5, 1, 6])
        #expect(result.jobs.map(\.arrival) == [50_000, 50_000, 100_000, 200_000])
        #expect(result.jobs.map(\.index) == [0, 1, 2, 3])
    }

    @Test("whole columns of -1")
    func minusOneColumns() throws {
        let result = try readFixture("swf-minus-one-columns.swf")
        let report = result.report
        #expect(report.records == 4)
        #expect(report.used == 3)
        #expect(report.skipped(.noCores) == 1)
        #expect(report.zeroRunTime == 1)
        #expect(report.allocatedDiffersFromRequested == 0)
        #expect(report.header == SWFHeader())
        #expect(
            result.jobs[0]
                == Job(
                    index: 0, number: 1, arrival: 0, runTime: 90_000, duration: 120_000,
                    milliCores: 4000, memoryMiB: 4096, user: 7))
        #expect(result.jobs[1].duration == 60_000)
        #expect(result.jobs[1].flags == [.zeroRunTime])
        #expect(result.jobs[2].duration == 120_000)
        #expect(result.jobs[2].user == -1)
    }

    @Test("zero run times and run times over the request")
    func runTimes() throws {
        let result = try readFixture("swf-run-times.swf")
        let report = result.report
        #expect(report.records == 7)
        #expect(report.used == 4)
        #expect(report.skipped(.cancelledBeforeStart) == 2)
        #expect(report.skipped(.noRunTime) == 1)
        #expect(report.zeroRunTime == 2)
        #expect(report.runTimeExceedsRequest == 1)
        #expect(result.jobs.map(\.number) == [1, 2, 6, 7])
        #expect(result.jobs.map(\.duration) == [60_000, 60_000, 60_000, 60_000])
        #expect(result.jobs.map(\.memoryMiB) == [2, 8, 1024, 1024])
        #expect(result.jobs[0].flags == [.zeroRunTime])
        #expect(result.jobs[1].flags == [.runTimeExceedsRequest])
        #expect(result.jobs[1].runTime == 120_000)
        #expect(result.jobs[2].flags == [])
        #expect(result.jobs[3].flags == [.zeroRunTime])
    }

    @Test("fractional CPU time")
    func fractionalCPUTime() throws {
        let result = try readFixture("swf-fractional-cpu.swf")
        #expect(result.report.records == 3)
        #expect(result.report.used == 3)
        #expect(result.report.repaired == 2)
        #expect(result.report.warnings.isEmpty)
        #expect(result.jobs[2].arrival == 20_500)
        #expect(result.jobs[2].runTime == 10_250)
        #expect(result.jobs[2].duration == 60_000)
    }

    @Test("allocated far above requested")
    func allocatedAboveRequested() throws {
        let result = try readFixture("swf-allocated-above.swf")
        #expect(result.report.used == 4)
        #expect(result.report.skipped(.noCores) == 1)
        #expect(result.report.allocatedDiffersFromRequested == 2)
        #expect(result.jobs.map(\.milliCores) == [2000, 128_000, 4000, 100_000])
        #expect(result.jobs[0].flags == [.allocatedDiffersFromRequested])
        #expect(result.jobs[1].flags == [])

        let limited = try readFixture(
            "swf-allocated-above.swf", options: SWFReadOptions(maxMilliCores: 100_000))
        #expect(limited.report.used == 3)
        #expect(limited.report.skipped(.tooManyCores) == 1)
        #expect(limited.report.skipped(.noCores) == 1)
        #expect(limited.jobs.map(\.number) == [1, 3, 4])
    }

    @Test("21-field extended file")
    func extendedFile() throws {
        let result = try readFixture("swf-extended.swf")
        let report = result.report
        #expect(report.lines == 7)
        #expect(report.records == 3)
        #expect(report.extendedRecords == 2)
        #expect(report.malformed == 1)
        #expect(report.malformedExamples == [SWFMalformedLine(line: 6, fieldCount: 17)])
        #expect(report.warnings.isEmpty)
        #expect(result.jobs.map(\.number) == [1, 2, 4])
    }

    @Test("header stripped")
    func noHeader() throws {
        let result = try readFixture("swf-no-header.swf")
        #expect(result.report.records == 2)
        #expect(result.report.used == 2)
        #expect(result.report.header == SWFHeader())
        #expect(result.report.warnings.isEmpty)
        #expect(result.jobs.map(\.user) == [1, 2])
    }

    @Test("gzip detected by magic bytes")
    func gzipByMagic() throws {
        // A gzip file named .data, holding tab-separated lines with CRLF endings.
        let result = try readFixture("swf-gzip.data")
        #expect(result.report.lines == 2)
        #expect(result.report.used == 2)
        #expect(
            result.jobs
                == [
                    Job(
                        index: 0, number: 1, arrival: 5000, runTime: 30_000, duration: 60_000,
                        milliCores: 1000, memoryMiB: 1, user: 2, executable: 3),
                    Job(
                        index: 1, number: 2, arrival: 6000, runTime: 31_000, duration: 60_000,
                        milliCores: 3000, memoryMiB: 5, user: 2, executable: 3),
                ])
    }

    @Test("truncated gzip throws")
    func truncatedGzip() throws {
        let path = try fixturePath("swf-truncated.swf.gz")
        #expect {
            try SWFReader.read(path: path)
        } throws: { error in
            guard case SWFReadError.invalidGzip(let errorPath, _) = error else { return false }
            return errorPath == path
        }
    }

    @Test("missing file throws with the path")
    func missingFile() throws {
        let path = try fixturePath("no-such-file.swf")
        #expect(throws: SWFReadError.fileNotFound(path: path)) {
            try SWFReader.read(path: path)
        }
    }

    @Test("CSV file is not SWF")
    func notSWF() throws {
        let path = try fixturePath("not-swf.csv")
        #expect(throws: SWFReadError.notSWF(path: path, line: 1, fieldCount: 1)) {
            try SWFReader.read(path: path)
        }
    }

    @Test("non-numeric field throws with the line")
    func invalidValue() throws {
        let path = try fixturePath("swf-invalid-value.swf")
        #expect(throws: SWFReadError.invalidValue(path: path, line: 1, field: 9, text: "abc")) {
            try SWFReader.read(path: path)
        }
    }

    @Test("non-numeric submit time is skipped")
    func nonNumericSubmitTime() throws {
        let text = "1 soon 0 10 1 -1 -1 1 60 -1 1 1 1 1 1 1 -1 -1\n"
        let result = try SWFReader.parse(Array(text.utf8), name: "inline")
        #expect(result.report.skipped(.noSubmitTime) == 1)
        #expect(result.jobs.isEmpty)
    }
}
