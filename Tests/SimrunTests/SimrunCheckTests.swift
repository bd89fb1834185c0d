import Foundation
import Testing

@Suite("simrun check")
struct SimrunCheckTests {
    @Test("shipped regression scenarios pass")
    func shippedScenariosPass() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let regression = Simrun.packageRoot.appendingPathComponent("scenarios/regression").path
        let result = try Simrun.run(["check", regression], in: folder)
        #expect(result.status == 0, "\(result.outputText)\(result.standardError)")
        #expect(result.outputText == "ok       kth-hold.yaml\nok       synthetic-policies.yaml\n")
    }

    @Test("moved figure is reported")
    func movedFigure() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            atPath: folder.path("cases"), withIntermediateDirectories: true)
        try folder.write(twoSiteScenario, to: "cases/two.yaml")

        let update = try Simrun.run(["check", "cases", "--update"], in: folder)
        #expect(update.status == 0)
        #expect(update.outputText == "updated  two.yaml -> two.expected.json\n")
        let again = try Simrun.run(["check", "cases"], in: folder)
        #expect(again.status == 0)
        #expect(again.outputText == "ok       two.yaml\n")

        // Change one figure of the expected file by hand.
        let path = folder.path("cases/two.expected.json")
        var summary =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var requests = summary["requests"] as! [String: Any]
        let retries = requests["retries"] as! Int
        requests["retries"] = retries + 5
        summary["requests"] = requests
        try JSONSerialization.data(withJSONObject: summary).write(to: URL(fileURLWithPath: path))

        let moved = try Simrun.run(["check", "cases"], in: folder)
        #expect(moved.status == 1)
        let lines = moved.outputText.split(separator: "\n").map(String.init)
        #expect(lines.first == "MOVED    two.yaml: 1 figures differ")
        #expect(lines.count == 4)
        let row = lines.last!.split(separator: " ", omittingEmptySubsequences: true).map(
            String.init)
        #expect(row == ["requests.retries", "\(retries + 5)", "\(retries)", "-5"])
        #expect(moved.standardError.contains("run 'simrun check cases --update'"))
    }

    @Test("missing expected file")
    func missingExpected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            atPath: folder.path("cases"), withIntermediateDirectories: true)
        try folder.write(twoSiteScenario, to: "cases/two.yaml")
        let result = try Simrun.run(["check", "cases"], in: folder)
        #expect(result.status == 66)
        #expect(
            result.standardError
                == "Error: missing expected summary 'cases/two.expected.json'; run 'simrun check cases --update' to write it\n"
        )
    }

    @Test("check usage errors")
    func usage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = try Simrun.run(["check"], in: folder)
        #expect(missing.status == 64)
        let absent = try Simrun.run(["check", "nowhere"], in: folder)
        #expect(absent.status == 66)
    }
}
