import Foundation
import Testing

/// Returns a scenario over the SWF file at `trace`, which the loader resolves against
/// the scenario file's folder.
private func swfScenario(trace: String) -> String {
    """
    name: trace
    sites:
      - name: alpha
        cores: 64
        memory: 256GiB
    workload:
      swf: \(trace)

    """
}

@Suite("simrun input errors and validate")
struct SimrunInputTests {
    @Test("missing scenario file")
    func missingScenario() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["missing.yaml"], in: folder)
        #expect(result.status == 66)
        #expect(
            result.standardError
                == "Error: cannot read scenario file 'missing.yaml': no such file or not readable\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path("results")))
    }

    @Test("YAML mistake")
    func yamlMistake() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            """
            name: typo
            sites:
              - name: alpha
                coers: 4
                memory: 16GiB
            workload:
              synthetic: {jobs: 10, arrivals-per-hour: 60}

            """, to: "typo.yaml")

        let expected =
            "Error: typo.yaml:4:5: sites[0]: unknown key 'coers'; did you mean 'cores'?\n"
        for arguments in [["typo.yaml"], ["validate", "typo.yaml"]] {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 65, "\(arguments)")
            #expect(result.standardError == expected, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("results")))
    }

    @Test("YAML syntax error")
    func yamlSyntax() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("name: [broken\n", to: "broken.yaml")

        let result = try Simrun.run(["broken.yaml"], in: folder)
        #expect(result.status == 65)
        #expect(
            result.standardError
                == "Error: broken.yaml:2:1: did not find expected ',' or ']' "
                + "(while parsing a flow sequence at line 1, column 7)\n")
    }

    @Test("missing trace")
    func missingTrace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(swfScenario(trace: "../traces/missing.swf"), to: "scenarios/trace.yaml")

        for arguments in [["scenarios/trace.yaml"], ["validate", "scenarios/trace.yaml"]] {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 66, "\(arguments)")
            #expect(
                result.standardError
                    == "Error: SWF file not found: scenarios/../traces/missing.swf\n",
                "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("results")))
    }

    @Test("trace not SWF")
    func traceNotSWF() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("name,cpu_milli,memory_mib\ntask-1,1000,512\n", to: "jobs.csv")
        try folder.write(swfScenario(trace: "jobs.csv"), to: "csv.yaml")

        for arguments in [["csv.yaml"], ["validate", "csv.yaml"]] {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 65, "\(arguments)")
            #expect(
                result.standardError
                    == "Error: jobs.csv is not an SWF file: no line has 18 or 21 fields "
                    + "(line 1 has 1)\n",
                "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("results")))
    }

    @Test("validate shipped KTH scenario")
    func validateKTH() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = Simrun.packageRoot.appendingPathComponent("scenarios/srcnet-kth.yaml").path

        let result = try Simrun.run(["validate", scenario], in: folder)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        let lines = result.outputText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first.map(String.init)
                == "\(scenario): valid scenario 'srcnet-kth' with 5 sites and 27992 jobs")
        #expect(
            lines.dropFirst().first == "  28016 lines, 27992 records (0 with 21 fields), 27992 used"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path("results")))
    }

    @Test("validate synthetic scenario")
    func validateSynthetic() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(twoSiteScenario, to: "two.yaml")

        let result = try Simrun.run(["validate", "two.yaml", "--seed", "5"], in: folder)
        #expect(result.status == 0)
        #expect(
            result.outputText
                == "two.yaml: valid scenario 'two-sites' with 2 sites and 300 jobs\n"
                + "  synthetic workload: 300 jobs, 40.0 arrivals per hour\n")
    }
}
