import Foundation
import Testing

/// The second line of every usage error.
private let usageHint = "Run 'simrun --help' for usage.\n"

private let request = """
    name: continuum-imaging
    executable:
      type: urn:docker-container-0.1
      repository: images.example.org
      namespace: srcnet
      image: wsclean
      tag: "3.4"
      platform: linux/amd64
    compute:
      type: urn:simple-compute-resource-0.1
      cores: {min: 8, max: 16}
      memory: {min: 32, max: 64}
      gpus: {min: 1, max: 1}
    data:
      - type: urn:skao-data-resource-0.1
        namespace: testing
        objectname: pi24-visibilities.ms
        size: 120
        replicas: [uk-manchester, ch-lugano]
    schedule:
      requested:
        duration: PT4H
        start: 2026-12-05T08:00:00Z/PT6H

    """

/// The request as the YAML encoder writes it.
private let encodedRequest = """
    name: continuum-imaging
    executable:
      type: urn:docker-container-0.1
      image: wsclean
      namespace: srcnet
      repository: images.example.org
      tag: '3.4'
      platform: linux/amd64
    compute:
      type: urn:simple-compute-resource-0.1
      cores:
        min: 8
        max: 16
      memory:
        min: 32
        max: 64
      gpus:
        min: 1
        max: 1
    data:
    - type: urn:skao-data-resource-0.1
      namespace: testing
      objectname: pi24-visibilities.ms
      size: 120
      replicas:
      - uk-manchester
      - ch-lugano
    schedule:
      requested:
        duration: PT4H
        start: '2026-12-05T08:00:00Z/PT6H'

    """

@Suite("simrun convert")
struct SimrunConvertTests {
    @Test("YAML to JSON to XML to YAML")
    func chain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(request, to: "request.yaml")

        let json = try Simrun.run(["convert", "request.yaml", "--to", "json"], in: folder)
        #expect(json.status == 0)
        #expect(json.standardError == "")
        #expect(json.outputText.hasPrefix("{\n  \"compute\": {\n"))
        try json.standardOutput.write(to: folder.url.appendingPathComponent("request.json"))

        let xml = try Simrun.run(["convert", "request.json", "--to=xml"], in: folder)
        #expect(xml.status == 0)
        #expect(xml.outputText.contains("<executable type=\"urn:docker-container-0.1\">"))
        // The file has no extension, so convert detects the format from the content.
        try xml.standardOutput.write(to: folder.url.appendingPathComponent("request"))

        let yaml = try Simrun.run(["convert", "request", "--to", "yaml"], in: folder)
        #expect(yaml.status == 0)
        #expect(yaml.outputText == encodedRequest)
    }

    @Test("message type from fields and root element")
    func detection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            "type: urn:enum-value-update\npath: phase\nvalue: PREPARING\n", to: "update.yaml")
        let update = try Simrun.run(["convert", "update.yaml", "--to", "xml"], in: folder)
        #expect(update.status == 0)
        #expect(
            update.outputText
                == """
                <?xml version="1.0" encoding="UTF-8"?>
                <Update type="urn:enum-value-update">
                  <path>phase</path>
                  <value>PREPARING</value>
                </Update>

                """)

        try folder.write(
            "<OfferSet><uuid>u</uuid><created>c</created><expires>e</expires><result>NO</result>"
                + "<offers/></OfferSet>", to: "empty.xml")
        let offers = try Simrun.run(["convert", "empty.xml", "--to", "json"], in: folder)
        #expect(offers.status == 0)
        #expect(
            offers.outputText
                == "{\n  \"created\": \"c\",\n  \"expires\": \"e\",\n  \"offers\": [],\n"
                + "  \"result\": \"NO\",\n  \"uuid\": \"u\"\n}\n")
    }

    @Test("type option")
    func typeOption() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("{}", to: "nothing.json")
        let unknown = try Simrun.run(["convert", "nothing.json", "--to", "yaml"], in: folder)
        #expect(unknown.status == 65)
        #expect(
            unknown.standardError
                == "Error: nothing.json: cannot tell which broker message the fields form; add "
                + "--type with one of ExecutionRequest, OfferSet, ExecutionSession, Update\n")

        let typed = try Simrun.run(
            ["convert", "nothing.json", "--to", "yaml", "--type", "Update"], in: folder)
        #expect(typed.status == 65)
        #expect(
            typed.standardError
                == "Error: nothing.json:1:1: JSON: missing key 'type'\n")

        let invalid = try Simrun.run(
            ["convert", "nothing.json", "--to", "yaml", "--type", "Offer"], in: folder)
        #expect(invalid.status == 64)
        #expect(
            invalid.standardError
                == "Error: invalid message type 'Offer'; expected one of ExecutionRequest, "
                + "OfferSet, ExecutionSession, Update\n" + usageHint)
    }

    @Test("bad input exit codes")
    func badInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let missing = try Simrun.run(["convert", "missing.yaml", "--to", "json"], in: folder)
        #expect(missing.status == 66)
        #expect(
            missing.standardError
                == "Error: cannot read message file 'missing.yaml': no such file or not readable\n")

        try folder.write(#"{"path": "phase", "path": "x"}"#, to: "duplicate.json")
        let duplicate = try Simrun.run(["convert", "duplicate.json", "--to", "xml"], in: folder)
        #expect(duplicate.status == 65)
        #expect(
            duplicate.standardError
                == "Error: duplicate.json:1:19: JSON: duplicate key 'path' (first at line 1, "
                + "column 2)\n")
        #expect(duplicate.outputText == "")

        try folder.write("<Scenario/>", to: "other.xml")
        let other = try Simrun.run(["convert", "other.xml", "--to", "json"], in: folder)
        #expect(other.status == 65)
        #expect(
            other.standardError
                == "Error: other.xml: the root element <Scenario> is not a broker message; "
                + "expected one of ExecutionRequest, OfferSet, ExecutionSession, Update\n")

        try folder.write(
            request.replacingOccurrences(of: "min: 8", with: "min: eight"), to: "r.yaml")
        let mistyped = try Simrun.run(["convert", "r.yaml", "--to", "json"], in: folder)
        #expect(mistyped.status == 65)
        #expect(
            mistyped.standardError
                == "Error: r.yaml:11:16: YAML: at compute.cores.min: expected a number, found "
                + "'eight'\n")
    }

    @Test("usage errors")
    func usageErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases: [([String], String)] = [
            (["convert", "a.yaml"], "convert needs --to json, --to yaml or --to xml"),
            (
                ["convert", "a.yaml", "--to", "toml"],
                "invalid output format 'toml'; expected json, yaml or xml"
            ),
            (["convert", "--to", "json"], "missing message file after 'convert'"),
            (["convert", "a.yaml", "b.yaml", "--to", "json"], "unexpected argument 'b.yaml'"),
        ]
        for (arguments, message) in cases {
            let result = try Simrun.run(arguments, in: folder)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError == "Error: \(message)\n" + usageHint)
        }
    }

    @Test("help lists convert")
    func help() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Simrun.run(["--help"], in: folder)
        #expect(
            result.outputText.contains(
                "simrun convert MESSAGE-FILE --to json|yaml|xml [--type NAME]"))
        #expect(
            result.outputText.contains(
                "  --to FORMAT       The output format of convert: json, yaml or xml.\n"))
    }
}
