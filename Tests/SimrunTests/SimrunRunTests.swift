import Foundation
import Testing

/// The first 16 bytes of every SQLite 3 database file.
private let sqliteHeader = Data("SQLite format 3\0".utf8)

@Suite("simrun runs")
struct SimrunRunTests {
    @Test("run writes run folder")
    func runWritesFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let result = try Simrun.run(["two.yaml", "--out", "out"], in: folder)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.outputText.hasPrefix("Run of scenario two-sites\n"))
        #expect(
            result.outputText.hasSuffix(
                "\nResults written to out/ (results.sqlite, summary.json, summary.csv, report.html)\n"
            ))

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files.sorted() == ["report.html", "results.sqlite", "summary.csv", "summary.json"])

        let database = try Data(contentsOf: folder.url.appendingPathComponent("out/results.sqlite"))
        #expect(database.prefix(16) == sqliteHeader)
        let csv = try String(contentsOfFile: folder.path("out/summary.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("scope,site,figure,value\n"))

        let summary = try SummaryFile(contentsOf: folder.path("out/summary.json"))
        #expect(summary.scenarioName == "two-sites")
        #expect(summary.seed == 11)
        #expect(summary.workloadJobs == 300)
        #expect(summary.requests.requests == 300)
    }

    @Test("database rows")
    func databaseRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let result = try Simrun.run(["two.yaml", "--out", "out"], in: folder)
        try #require(result.status == 0)
        let database = folder.path("out/results.sqlite")
        #expect(try Simrun.query(database: database, "SELECT count(*) FROM requests") == "300")
        #expect(
            try Simrun.query(database: database, "SELECT group_concat(name) FROM sites")
                == "north,south")
        #expect(
            try Simrun.query(database: database, "SELECT value FROM scenario WHERE key = 'seed'")
                == "11")
    }

    @Test("json format prints summary.json")
    func jsonFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let result = try Simrun.run(["two.yaml", "--out", "out", "--format", "json"], in: folder)
        #expect(result.status == 0)
        let file = try Data(contentsOf: folder.url.appendingPathComponent("out/summary.json"))
        #expect(result.standardOutput == file)
        #expect(result.standardError == "Results written to out/\n")
    }

    @Test("same seed same results")
    func sameSeed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let first = try Simrun.run(["two.yaml", "--out", "first"], in: folder)
        let second = try Simrun.run(["two.yaml", "--out", "second"], in: folder)
        try #require(first.status == 0)
        try #require(second.status == 0)

        let firstSummary = try Data(
            contentsOf: folder.url.appendingPathComponent("first/summary.json"))
        let secondSummary = try Data(
            contentsOf: folder.url.appendingPathComponent("second/summary.json"))
        #expect(firstSummary == secondSummary)

        let firstCSV = try Data(contentsOf: folder.url.appendingPathComponent("first/summary.csv"))
        let secondCSV = try Data(
            contentsOf: folder.url.appendingPathComponent("second/summary.csv"))
        #expect(firstCSV == secondCSV)

        let firstDump = try Simrun.dump(database: folder.path("first/results.sqlite"))
        let secondDump = try Simrun.dump(database: folder.path("second/results.sqlite"))
        #expect(firstDump.contains("INSERT INTO requests VALUES"))
        #expect(firstDump == secondDump)
    }

    @Test("other seed other summary")
    func otherSeed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let first = try Simrun.run(["two.yaml", "--out", "first", "--no-database"], in: folder)
        let other = try Simrun.run(
            ["two.yaml", "--out", "other", "--no-database", "--seed", "12"], in: folder)
        try #require(first.status == 0)
        try #require(other.status == 0)

        let firstSummary = try Data(
            contentsOf: folder.url.appendingPathComponent("first/summary.json"))
        let otherSummary = try Data(
            contentsOf: folder.url.appendingPathComponent("other/summary.json"))
        #expect(firstSummary != otherSummary)
        #expect(try SummaryFile(contentsOf: folder.path("other/summary.json")).seed == 12)
    }

    @Test("non-empty out without replace")
    func outNotEmpty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")
        try folder.write("keep\n", to: "out/notes.txt")

        let result = try Simrun.run(["two.yaml", "--out", "out"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "Error: the run folder 'out' already exists and is not empty; "
                + "add --replace to overwrite it or choose another --out\n")
        #expect(result.standardOutput.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files == ["notes.txt"])
    }

    @Test("replace keeps foreign files")
    func outReplaceForeign() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")
        try folder.write("old\n", to: "out/notes.txt")

        let result = try Simrun.run(["two.yaml", "--out", "out", "--replace"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "Error: 'out' holds files that simrun did not write (notes.txt), so --replace "
                + "leaves it alone; choose another --out or remove the folder yourself\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files == ["notes.txt"])

        try folder.write("precious\n", to: "afile.txt")
        let onFile = try Simrun.run(["two.yaml", "--out", "afile.txt", "--replace"], in: folder)
        #expect(onFile.status == 1)
        #expect(
            try String(contentsOfFile: folder.path("afile.txt"), encoding: .utf8) == "precious\n")
    }

    @Test("replace an earlier run")
    func outReplaceRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")
        let first = try Simrun.run(["two.yaml", "--out", "out", "--no-database"], in: folder)
        #expect(first.status == 0)
        let second = try Simrun.run(["two.yaml", "--out", "out", "--replace"], in: folder)
        #expect(second.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files.sorted() == ["report.html", "results.sqlite", "summary.csv", "summary.json"])
        // The working folder is gone once the run is in place.
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.incomplete")))
    }

    @Test("empty out without replace")
    func outEmpty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")
        try FileManager.default.createDirectory(
            atPath: folder.path("out"), withIntermediateDirectories: false)

        let result = try Simrun.run(["two.yaml", "--out", "out", "--no-database"], in: folder)
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files.sorted() == ["report.html", "summary.csv", "summary.json"])
    }

    @Test("default run folders")
    func defaultFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let first = try Simrun.run(["run", "two.yaml", "--no-database"], in: folder)
        let second = try Simrun.run(["run", "two.yaml", "--no-database"], in: folder)
        #expect(first.status == 0)
        #expect(second.status == 0)
        #expect(
            first.outputText.hasSuffix(
                "Results written to results/two-sites/ (summary.json, summary.csv, report.html)\n"
            ))
        #expect(
            second.outputText.hasSuffix(
                "Results written to results/two-sites-2/ (summary.json, summary.csv, report.html)\n"
            ))
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.path("results"))
        #expect(runs.sorted() == ["two-sites", "two-sites-2"])
    }

    @Test("shipped KTH scenario")
    func shippedKTH() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = Simrun.packageRoot.appendingPathComponent("scenarios/srcnet-kth.yaml").path

        let result = try Simrun.run(
            [scenario, "--out", "kth", "--no-database", "--format", "json"], in: folder)
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("kth"))
        #expect(files.sorted() == ["report.html", "summary.csv", "summary.json"])

        let summary = try SummaryFile(contentsOf: folder.path("kth/summary.json"))
        #expect(summary.scenarioName == "srcnet-kth")
        #expect(summary.seed == 20_261_204)
        #expect(summary.workloadJobs == 27992)
        #expect(summary.requests.requests == 27992)
        #expect(summary.requests.requestsWithSession == 27992)
    }
}

@Suite("simrun experiments")
struct SimrunExperimentTests {
    @Test("variants and replications")
    func variantsAndReplications() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario =
            twoSiteScenario + """
                variants:
                  - name: hold
                  - name: no-hold
                    broker: {hold: false}
                replications: 3

                """
        try folder.write(scenario, to: "two.yaml")
        let result = try Simrun.run(["two.yaml", "--out", "out", "--no-database"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.outputText.hasPrefix("Comparison of scenario two-sites\n"))
        #expect(result.outputText.contains("  no-hold: broker.hold: false\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("out"))
        #expect(files.sorted() == ["report.html", "runs", "summary.csv", "summary.json"])
        for variant in ["hold", "no-hold"] {
            for replication in 1...3 {
                let run = try FileManager.default.contentsOfDirectory(
                    atPath: folder.path("out/runs/\(variant)/\(replication)"))
                #expect(run.sorted() == ["summary.csv", "summary.json"])
            }
        }

        // Every variant of one replication sees the same jobs: the same seed
        // and the same workload figures.
        let hold = try SummaryFile(contentsOf: folder.path("out/runs/hold/2/summary.json"))
        let noHold = try SummaryFile(contentsOf: folder.path("out/runs/no-hold/2/summary.json"))
        #expect(hold.seed == noHold.seed)
        #expect(hold.seed != 11)
        let comparison =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder.path("out/summary.json"))))
            as! [String: Any]
        #expect(comparison["replications"] as? Int == 3)
        let variants = comparison["variants"] as! [[String: Any]]
        #expect(variants.map { $0["name"] as! String } == ["hold", "no-hold"])

        // The same scenario and seed give the same comparison bytes.
        let again = try Simrun.run(["two.yaml", "--out", "again", "--no-database"], in: folder)
        #expect(again.status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: folder.path("out/summary.json")))
        let second = try Data(contentsOf: URL(fileURLWithPath: folder.path("again/summary.json")))
        #expect(first == second)
        let firstReport = try Data(contentsOf: URL(fileURLWithPath: folder.path("out/report.html")))
        let secondReport = try Data(
            contentsOf: URL(fileURLWithPath: folder.path("again/report.html")))
        #expect(firstReport == secondReport)
    }
}
