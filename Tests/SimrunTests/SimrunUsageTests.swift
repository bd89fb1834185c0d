import Foundation
import Testing

/// The second line of every usage error.
private let usageHint = "Run 'simrun --help' for usage.\n"

@Suite("simrun command line")
struct SimrunUsageTests {
    @Test("help")
    func help() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["--help"], in: folder)
        #expect(result.status == 0)
        let usageLine =
            "USAGE: simrun [run] SCENARIO.yaml [--seed N] [--out DIR] [--replace] "
            + "[--format table|json]"
        let lines = result.outputText.split(separator: "\n").map(String.init)
        #expect(lines.first == usageLine)
        #expect(result.standardError == "")
    }

    @Test("help word and short option")
    func helpForms() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let long = try Simrun.run(["--help"], in: folder)
        for arguments in [["help"], ["-h"], ["run", "scenario.yaml", "--help"]] {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.standardOutput == long.standardOutput, "\(arguments)")
        }
    }

    @Test("no arguments")
    func noArguments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run([], in: folder)
        #expect(result.status == 64)
        #expect(result.standardError == "Error: missing scenario file\n" + usageHint)
        #expect(result.standardOutput.isEmpty)
    }

    @Test("unknown option")
    func unknownOption() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["scenario.yaml", "--verbose"], in: folder)
        #expect(result.status == 64)
        #expect(result.standardError == "Error: unknown option '--verbose'\n" + usageHint)
        #expect(result.standardOutput.isEmpty)
    }

    @Test("invalid format")
    func invalidFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["scenario.yaml", "--format", "xml"], in: folder)
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "Error: invalid format 'xml'; expected table or json\n" + usageHint)
    }

    @Test("invalid seed")
    func invalidSeed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["scenario.yaml", "--seed=-1"], in: folder)
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "Error: invalid seed '-1'; expected a whole number from 0 to "
                + "18446744073709551615\n" + usageHint)
    }

    @Test("option without value")
    func optionWithoutValue() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let result = try Simrun.run(["scenario.yaml", "--out", "--replace"], in: folder)
        #expect(result.status == 64)
        #expect(result.standardError == "Error: option '--out' needs a value\n" + usageHint)
    }

    @Test("extra arguments")
    func extraArguments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let plain = try Simrun.run(["a.yaml", "b.yaml"], in: folder)
        #expect(plain.status == 64)
        #expect(plain.standardError == "Error: unexpected argument 'b.yaml'\n" + usageHint)

        let validate = try Simrun.run(["validate"], in: folder)
        #expect(validate.status == 64)
        #expect(
            validate.standardError
                == "Error: missing scenario file after 'validate'\n" + usageHint)
    }
}

@Suite("simrun option scope")
struct SimrunOptionScopeTests {
    @Test("options outside their command")
    func optionsOutsideCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases: [([String], String)] = [
            (
                ["validate", "s.yaml", "--to", "json"],
                "Error: option '--to' does not apply to 'validate'"
            ),
            (
                ["check", "cases", "--seed", "4"],
                "Error: option '--seed' does not apply to 'check'"
            ),
            (["s.yaml", "--update"], "Error: option '--update' does not apply to 'run'"),
            (
                ["convert", "m.json", "--to", "xml", "--out", "x"],
                "Error: option '--out' does not apply to 'convert'"
            ),
        ]
        for (arguments, message) in cases {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.hasPrefix(message + "\n"), "\(arguments)")
        }
    }
}
