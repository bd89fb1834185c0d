import Foundation
import Testing

@testable import Sim

/// The KTH SP2 log in the repository's `traces/` folder.
private let kthTracePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("traces/KTH-SP2-1996-2.1-cln.swf.gz").path

// The expected counts come from awk over the gzip file, with the skip
// reasons in the reader's order:
//
//   zcat traces/KTH-SP2-1996-2.1-cln.swf.gz | awk '!/^;/ && NF>0 {n++;
//     if($2<0)s1++; else if($11==5 && $4<=0)s2++; else if($4<0)s3++;
//     else if(!($8>0||$5>0))s4++; else {u++; if($4>$9 && $9>0)f1++;
//     if($5>0&&$8>0&&$5!=$8)f2++; if($4==0)f3++; if($2<mx)ooo++;
//     if($2>mx)mx=$2}} END{print n+0,u+0,s1+0,s2+0,s3+0,s4+0,f1+0,f2+0,
//     f3+0,ooo+0}'
//   -> 27992 27992 0 0 0 0 0 218 0 0
//
//   zcat traces/KTH-SP2-1996-2.1-cln.swf.gz | wc -l  -> 28016
//   zcat traces/KTH-SP2-1996-2.1-cln.swf.gz | awk '!/^;/ && NF>0
//     {p=($8>0)?$8:$5; if(p>64)n++} END{print n+0}'  -> 316
@Suite("KTH SP2 trace")
struct WorkloadSWFTraceTests {
    @Test("KTH counts")
    func kthCounts() throws {
        let result = try SWFReader.read(path: kthTracePath)
        let report = result.report
        #expect(report.lines == 28_016)
        #expect(report.records == 27_992)
        #expect(report.used == 27_992)
        #expect(report.skippedTotal == 0)
        for reason in SWFSkipReason.allCases {
            #expect(report.skipped(reason) == 0)
        }
        #expect(report.allocatedDiffersFromRequested == 218)
        #expect(report.runTimeExceedsRequest == 0)
        #expect(report.zeroRunTime == 0)
        #expect(report.repaired == 0)
        #expect(report.malformed == 0)
        #expect(report.extendedRecords == 0)
        #expect(report.outOfOrder == 0)
        #expect(
            report.header
                == SWFHeader(
                    maxJobs: 28_490, maxRecords: 28_476, maxProcs: 100, unixStartTime: 843_480_031))
        #expect(report.warnings.count == 2)
        #expect(result.jobs.count == 27_992)
        #expect(
            result.jobs.filter { $0.flags.contains(.allocatedDiffersFromRequested) }.count == 218)
    }

    @Test("KTH first and last job")
    func kthFirstAndLastJob() throws {
        let jobs = try SWFReader.read(path: kthTracePath).jobs
        // Line "15 599850 192180 3477 4 -1 -1 4 53940 -1 1 12 12 -1 -1 -1 -1 -1".
        #expect(
            jobs.first
                == Job(
                    index: 0, number: 15, arrival: 599_850_000, runTime: 3_477_000,
                    duration: 53_940_000, milliCores: 4000, memoryMiB: 4096, user: 12))
        // Line "28490 29363618 720 8 1 -1 -1 1 30000 -1 1 98 198 -1 -1 -1 -1 -1".
        #expect(
            jobs.last
                == Job(
                    index: 27_991, number: 28_490, arrival: 29_363_618_000, runTime: 8000,
                    duration: 30_000_000, milliCores: 1000, memoryMiB: 1024, user: 98))
    }

    @Test("KTH with a 64-core site limit")
    func kthCoreLimit() throws {
        let options = SWFReadOptions(maxMilliCores: 64_000)
        let report = try SWFReader.read(path: kthTracePath, options: options).report
        #expect(report.skipped(.tooManyCores) == 316)
        #expect(report.used == 27_676)
        #expect(report.allocatedDiffersFromRequested == 218)
    }

    @Test("report renders readable lines")
    func reportRendering() throws {
        let lines = try SWFReader.read(path: kthTracePath).report.renderedLines()
        #expect(lines.first == "28016 lines, 27992 records (0 with 21 fields), 27992 used")
        #expect(lines.contains("warning: header MaxJobs is 28490 but the file has 27992 records"))
        #expect(
            lines.contains("warning: header MaxRecords is 28476 but the file has 27992 records"))
    }
}
