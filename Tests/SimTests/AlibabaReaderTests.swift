import Foundation
import Scheduler
import Testing

@testable import Sim

/// Returns the path of a file in the test bundle's `Fixtures` folder.
private func fixturePath(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.resourceURL)
    return folder.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

private func readFixture(_ name: String) throws -> AlibabaReadResult {
    try AlibabaPodReader.read(path: try fixturePath(name))
}

/// The Alibaba GPU trace in the repository's `traces/` folder.
private let traceFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("traces/alibaba-gpu-2023")

// The expected counts come from awk over the pod list, with the skip
// reasons and GPU forms in the reader's order:
//
//   awk -F, 'NR==1{next} NF==0{next} {n++; if(NF!=11){m++; next}
//     if($11==""){s1++; next} if($10<$11){s2++; next} g=$4; k=$5;
//     if(g==0&&k==0)c++; else if(g>=1&&(k==0||k==1000))w++;
//     else if(g==1&&k>0&&k<1000)sh++; else {s3++; next} u++;
//     if($10==$11)z++; if($9<mx)o++; else mx=$9}
//     END{print NR, n, u, s1+0, s2+0, s3+0, m+0, c+0, w+0, sh+0, z+0, o+0}'
//     traces/alibaba-gpu-2023/openb_pod_list_default.csv
//   -> 8153 8152 7255 897 0 0 0 1052 3630 2573 0 0
@Suite("Alibaba pod list")
struct AlibabaTraceTests {
    @Test("pod list counts")
    func podListCounts() throws {
        let path = traceFolder.appendingPathComponent("openb_pod_list_default.csv").path
        let result = try AlibabaPodReader.read(path: path)
        let report = result.report
        #expect(report.lines == 8153)
        #expect(report.records == 8152)
        #expect(report.used == 7255)
        #expect(report.skipped(.neverScheduled) == 897)
        #expect(report.skipped(.negativeRunTime) == 0)
        #expect(report.skipped(.invalidGPURequest) == 0)
        #expect(report.malformed == 0)
        #expect(report.cpuOnly == 1052)
        #expect(report.wholeGPUs == 3630)
        #expect(report.gpuShares == 2573)
        #expect(report.zeroRunTime == 0)
        #expect(report.outOfOrder == 0)
        #expect(result.jobs.count == 7255)
        #expect(result.jobs.allSatisfy { $0.gpuModels.isEmpty })
    }

    @Test("pod list first and last job")
    func podListFirstAndLastJob() throws {
        let path = traceFolder.appendingPathComponent("openb_pod_list_default.csv").path
        let jobs = try AlibabaPodReader.read(path: path).jobs
        // Line "openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0".
        #expect(
            jobs.first
                == Job(
                    index: 0, number: 1, arrival: 0, runTime: 12_537_496_000,
                    duration: 12_537_540_000, milliCores: 12_000, memoryMiB: 16_384,
                    milliGPUs: 1000))
        // Line "openb-pod-8151,3152,5600,1,590,,BE,Failed,12901761,12901792,12901762".
        #expect(
            jobs.last
                == Job(
                    index: 7254, number: 8152, arrival: 12_901_761_000, runTime: 30_000,
                    duration: 60_000, milliCores: 3152, memoryMiB: 5600, milliGPUs: 590))
    }

    // awk -F, 'NR>1 && ($5=="G2"||$5=="T4"){print $2,$3,$4,$5}'
    //   traces/alibaba-gpu-2023/openb_node_list_all_node.csv | sort | uniq -c
    // gives 549 G2 nodes (96 cores, 384 GiB, 8 GPUs), 387 T4 nodes
    // (104 cores, 512 GiB, 2 GPUs) and 17 T4 nodes (96 cores, 384 GiB, 4 GPUs).
    @Test("node list by model")
    func nodeListByModel() throws {
        let path = traceFolder.appendingPathComponent("openb_node_list_all_node.csv").path
        let all = try AlibabaNodeReader.read(path: path)
        #expect(all.reduce(0) { $0 + $1.count } == 1523)
        let types = try AlibabaNodeReader.read(path: path, models: ["G2", "T4"])
        #expect(types.reduce(0) { $0 + $1.count } == 953)
        #expect(
            types.contains(
                NodeType(
                    count: 549, milliCores: 96_000, memoryMiB: 393_216, gpus: 8, gpuModel: "G2")))
        #expect(
            types.contains(
                NodeType(
                    count: 387, milliCores: 104_000, memoryMiB: 524_288, gpus: 2, gpuModel: "T4")))
        #expect(
            types.contains(
                NodeType(count: 17, milliCores: 96_000, memoryMiB: 393_216, gpus: 4, gpuModel: "T4")
            ))
        #expect(types.count == 3)
    }
}

// Default options: a duration of the run time rounded up to a 60 s step.
@Suite("Alibaba readers on trap fixtures")
struct AlibabaFixtureTests {
    @Test("never scheduled pods skipped")
    func neverScheduled() throws {
        let result = try readFixture("alibaba-never-scheduled.csv")
        let report = result.report
        #expect(report.lines == 5)
        #expect(report.records == 4)
        #expect(report.used == 2)
        #expect(report.skipped(.neverScheduled) == 2)
        #expect(report.skippedTotal == 2)
        #expect(report.zeroRunTime == 1)
        #expect(
            result.jobs[0]
                == Job(
                    index: 0, number: 1, arrival: 10_000, runTime: 90_000, duration: 120_000,
                    milliCores: 1000, memoryMiB: 2048))
        #expect(
            result.jobs[1]
                == Job(
                    index: 1, number: 4, arrival: 50_000, runTime: 0, duration: 60_000,
                    milliCores: 1000, memoryMiB: 1024, flags: .zeroRunTime))
    }

    @Test("malformed lines counted with examples")
    func malformedLines() throws {
        let result = try readFixture("alibaba-malformed.csv")
        let report = result.report
        #expect(report.lines == 12)
        #expect(report.records == 10)
        #expect(report.used == 2)
        #expect(report.malformed == 7)
        #expect(report.skipped(.negativeRunTime) == 1)
        #expect(report.used + report.skippedTotal + report.malformed == report.records)
        #expect(
            report.malformedExamples == [
                AlibabaMalformedLine(line: 3, reason: "10 fields, expected 11"),
                AlibabaMalformedLine(line: 4, reason: "cpu_milli is not a number: 'x'"),
                AlibabaMalformedLine(line: 5, reason: "creation_time is not a number: ''"),
                AlibabaMalformedLine(line: 7, reason: "memory_mib is not a number: '2.5GiB'"),
                AlibabaMalformedLine(line: 8, reason: "gpu_milli is not a number: 'half'"),
            ])
        #expect(result.jobs.map(\.number) == [1, 10])
        let rendered: String =
            "out of order 0, malformed 7 (line 3: 10 fields, expected 11; "
            + "line 4: cpu_milli is not a number: 'x'; "
            + "line 5: creation_time is not a number: ''; "
            + "line 7: memory_mib is not a number: '2.5GiB'; "
            + "line 8: gpu_milli is not a number: 'half')"
        #expect(report.renderedLines().last == rendered)
    }

    @Test("GPU forms and model lists")
    func gpuForms() throws {
        let result = try readFixture("alibaba-gpu-forms.csv")
        let report = result.report
        #expect(report.used == 8)
        #expect(report.wholeGPUs == 4)
        #expect(report.gpuShares == 2)
        #expect(report.cpuOnly == 2)
        #expect(report.skipped(.invalidGPURequest) == 2)
        #expect(result.jobs.map(\.milliGPUs) == [2000, 4000, 1000, 460, 250, 8000, 0, 0])
        #expect(
            result.jobs.map(\.gpuModels) == [[], [], [], [], ["V100M32", "G2"], ["T4"], [], []])
        #expect(result.jobs.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test("out of order pods sorted stably")
    func outOfOrder() throws {
        let result = try readFixture("alibaba-out-of-order.csv")
        #expect(result.report.outOfOrder == 3)
        #expect(result.jobs.map(\.number) == [2, 5, 4, 1, 3])
        #expect(result.jobs.map(\.arrival) == [100_000, 100_000, 200_000, 300_000, 300_000])
        #expect(result.jobs.map(\.runTime) == [50_000, 0, 60_000, 100_000, 50_000])
        #expect(result.jobs.map(\.index) == [0, 1, 2, 3, 4])
    }

    @Test("columns found by header name")
    func columnsByName() throws {
        let result = try readFixture("alibaba-columns-reordered.csv")
        #expect(
            result.jobs
                == [
                    Job(
                        index: 0, number: 1, arrival: 2000, runTime: 60_000, duration: 60_000,
                        milliCores: 2000, memoryMiB: 4096, milliGPUs: 300)
                ])
    }

    @Test("missing columns rejected")
    func missingColumns() throws {
        let path = try fixturePath("alibaba-missing-columns.csv")
        #expect(
            throws: AlibabaReadError.missingColumns(
                path: path, columns: ["num_gpu", "gpu_spec", "scheduled_time"])
        ) {
            try AlibabaPodReader.read(path: path)
        }
    }

    @Test("duration rule applied")
    func durationRule() throws {
        let options = AlibabaReadOptions(
            missingDuration: MissingDurationRule(factor: 1.5, stepMillis: 300_000))
        let jobs = try AlibabaPodReader.read(
            path: try fixturePath("alibaba-out-of-order.csv"), options: options
        ).jobs
        // 50 s × 1.5 = 75 s, 0 s, 60 s × 1.5 = 90 s, 150 s and 75 s, all up to 300 s.
        #expect(jobs.map(\.duration) == [300_000, 300_000, 300_000, 300_000, 300_000])
        let hourly = AlibabaReadOptions(
            missingDuration: MissingDurationRule(factor: 2, stepMillis: 1000))
        let exact = try AlibabaPodReader.read(
            path: try fixturePath("alibaba-out-of-order.csv"), options: hourly
        ).jobs
        #expect(exact.map(\.duration) == [100_000, 1000, 120_000, 200_000, 100_000])
    }

    @Test("node list grouped into types")
    func nodeTypes() throws {
        let path = try fixturePath("alibaba-nodes.csv")
        let g2 = NodeType(count: 3, milliCores: 96_000, memoryMiB: 393_216, gpus: 8, gpuModel: "G2")
        let g2Large = NodeType(
            count: 1, milliCores: 96_000, memoryMiB: 786_432, gpus: 8, gpuModel: "G2")
        let t4 = NodeType(
            count: 2, milliCores: 104_000, memoryMiB: 524_288, gpus: 2, gpuModel: "T4")
        let cpu = NodeType(count: 1, milliCores: 32_000, memoryMiB: 262_144)
        #expect(try AlibabaNodeReader.read(path: path) == [cpu, g2, t4, g2Large])
        #expect(try AlibabaNodeReader.read(path: path, models: ["G2"]) == [g2, g2Large])
        var firstThree = [g2, t4]
        firstThree[0].count = 2
        firstThree[1].count = 1
        #expect(
            try AlibabaNodeReader.read(path: path, models: ["G2", "T4"], limit: 3) == firstThree)
    }

    @Test("invalid node line rejected")
    func invalidNode() throws {
        let path = try fixturePath("alibaba-nodes-invalid.csv")
        #expect(
            throws: AlibabaReadError.invalidNode(
                path: path, line: 3, reason: "memory_mib is not a whole number: 'lots'")
        ) {
            try AlibabaNodeReader.read(path: path)
        }
    }
}
