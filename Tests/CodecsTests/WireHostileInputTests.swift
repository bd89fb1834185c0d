import BrokerModel
import Codecs
import Foundation
import Testing

private struct Numbers: Codable, Equatable {
    var count: Int
    var size: Double
}

@Suite("Wire hostile input")
struct WireHostileInputTests {
    @Test("XML nil for a required text")
    func xmlNilForRequiredText() throws {
        let text = """
            <ExecutionRequest>
            <executable type="urn:docker-container-0.1"><image nil="true"/></executable>
            <compute type="urn:simple-compute-resource-0.1"><cores><min>1</min><max>1</max></cores>\
            <memory><min>1</min><max>1</max></memory></compute>
            </ExecutionRequest>
            """
        let error = try #require(wireError(ExecutionRequest.self, text, .xml))
        #expect(error.problem == "expected text, found nil=\"true\" in <image>")
        #expect(error.codingPath == "executable.image")
    }

    @Test("JSON nesting 100,000 deep")
    func deepJSON() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(wireError([String].self, text, .json))
        #expect(
            error.problem
                == "objects and arrays are nested deeper than the limit of 128 levels "
                + "(WireLimits.maxDepth)")
        #expect(error.line == 1)
        #expect(error.column == 129)
    }

    @Test("YAML nesting 100,000 deep")
    func deepYAML() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(wireError([String].self, text, .yaml))
        #expect(
            error.problem
                == "sequences and mappings are nested deeper than the limit of 128 levels "
                + "(maxDepth)")
    }

    @Test("XML nesting 100,000 deep")
    func deepXML() throws {
        let text =
            String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let error = try #require(wireError([String].self, text, .xml))
        #expect(error.line == 1)
        #expect(error.problem.contains("nested deeper than"))
    }

    @Test("1e999 where a Double is expected", arguments: WireFormat.allCases)
    func hugeExponent(format: WireFormat) throws {
        let text =
            switch format {
            case .json: #"{"count": 1, "size": 1e999}"#
            case .yaml: "count: 1\nsize: 1e999\n"
            case .xml: "<Numbers><count>1</count><size>1e999</size></Numbers>"
            }
        let error = try #require(wireError(Numbers.self, text, format))
        #expect(error.problem == "number 1e999 is out of range for Double")
        #expect(error.codingPath == "size")
    }

    @Test("400-digit integer where an Int is expected", arguments: WireFormat.allCases)
    func longInteger(format: WireFormat) throws {
        let digits = String(repeating: "9", count: 400)
        let text =
            switch format {
            case .json: #"{"count": \#(digits), "size": 1}"#
            case .yaml: "count: \(digits)\nsize: 1\n"
            case .xml: "<Numbers><count>\(digits)</count><size>1</size></Numbers>"
            }
        let error = try #require(wireError(Numbers.self, text, format))
        #expect(
            error.problem
                == "integer \(String(repeating: "9", count: 40))... (400 characters) is out of "
                + "range for Int (-9223372036854775808...9223372036854775807)")
        #expect(error.codingPath == "count")
    }

    @Test("10,000-digit JSON number")
    func tenThousandDigitsJSON() throws {
        let text = #"{"count": 1, "size": \#(String(repeating: "7", count: 10_000))}"#
        let error = try #require(wireError(Numbers.self, text, .json))
        #expect(
            error.problem
                == "the number has more than 1000 characters (WireLimits.maxNumberLength)")
        #expect(error.column == 22)
    }

    @Test("10,000-digit YAML and XML numbers")
    func tenThousandDigits() throws {
        let digits = String(repeating: "7", count: 10_000)
        let yaml = try #require(wireError(Numbers.self, "count: 1\nsize: \(digits)\n", .yaml))
        #expect(yaml.problem.hasPrefix("number 7777"))
        #expect(yaml.problem.hasSuffix("(10000 characters) is out of range for Double"))
        let xml = try #require(
            wireError(
                Numbers.self, "<Numbers><count>1</count><size>\(digits)</size></Numbers>", .xml))
        #expect(xml.problem.hasSuffix("(10000 characters) is out of range for Double"))
    }

    @Test("YAML alias bomb")
    func aliasBomb() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(items)]")
        }
        let error = try #require(
            wireError([String: [String]].self, lines.joined(separator: "\n"), .yaml))
        #expect(
            error.problem
                == "aliases expand to more than 100000 nodes, the maxAliasExpansion limit that "
                + "guards against alias expansion attacks")
    }

    @Test("XML billion laughs")
    func billionLaughs() throws {
        var lines = [#"<?xml version="1.0"?>"#, "<!DOCTYPE lolz [", #"<!ENTITY lol "lol">"#]
        for level in 1..<10 {
            let previous = "&lol\(level == 1 ? "" : String(level - 1));"
            lines.append("<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">")
        }
        lines += ["]>", "<Update><path>&lol9;</path><value>x</value></Update>"]
        let error = try #require(wireError(Update.self, lines.joined(separator: "\n"), .xml))
        #expect(
            error.problem
                == "<!DOCTYPE declarations are not allowed: broker messages have no DTD, and the "
                + "reader never expands or loads entities")
        #expect(error.line == 2)
        #expect(error.column == 1)
    }

    @Test("XML external entity")
    func externalEntity() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE Update [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Update type="urn:enum-value-update"><path>&x;</path><value>x</value></Update>
            """
        let error = try #require(wireError(Update.self, text, .xml))
        #expect(error.problem.hasPrefix("<!DOCTYPE declarations are not allowed"))
        #expect(error.line == 2)

        let entityOnly = #"<Update><!ENTITY x SYSTEM "file:///etc/passwd"></Update>"#
        let second = try #require(wireError(Update.self, entityOnly, .xml))
        #expect(second.problem.hasPrefix("<!ENTITY declarations are not allowed"))
    }

    @Test("XML encoding other than UTF-8")
    func otherEncoding() throws {
        let text = #"<?xml version="1.0" encoding="UTF-16"?><Update/>"#
        let error = try #require(wireError(Update.self, text, .xml))
        #expect(
            error.problem
                == "the XML declaration names the encoding 'UTF-16'; only UTF-8 is accepted")
    }

    @Test("invalid UTF-8", arguments: WireFormat.allCases)
    func invalidUTF8(format: WireFormat) throws {
        let (before, after) =
            switch format {
            case .json: (#"{"path": "a"#, #"", "value": "x", "type": "urn:enum-value-update"}"#)
            case .yaml: ("type: urn:enum-value-update\npath: a", "\nvalue: x\n")
            case .xml:
                (
                    #"<Update type="urn:enum-value-update"><path>a"#,
                    "</path><value>x</value></Update>"
                )
            }
        let data = Data(before.utf8) + Data([0xC3, 0x28]) + Data(after.utf8)
        let error = try #require(wireError(Update.self, data, format))
        #expect(error.problem.contains("not valid UTF-8"), "\(error)")
        #expect(error.line != nil)
    }

    @Test("JSON duplicate keys")
    func duplicateJSONKeys() throws {
        let top =
            #"{"path": "phase", "value": "x", "path": "phase", "type": "urn:enum-value-update"}"#
        let topError = try #require(wireError(Update.self, top, .json))
        #expect(topError.problem == "duplicate key 'path' (first at line 1, column 2)")
        #expect(topError.column == 33)

        let nested = """
            {"name": "x",
             "executable": {"type": "urn:jupyter-notebook-0.1", "notebook": "a", "notebook": "b"},
             "compute": {"type": "urn:simple-compute-resource-0.1",
                         "cores": {"min": 1, "max": 1}, "memory": {"min": 1, "max": 1}}}
            """
        let nestedError = try #require(wireError(ExecutionRequest.self, nested, .json))
        #expect(nestedError.problem == "duplicate key 'notebook' (first at line 2, column 53)")
        #expect(nestedError.line == 2)
    }

    @Test("YAML duplicate keys")
    func duplicateYAMLKeys() throws {
        let text = "type: urn:enum-value-update\npath: phase\nvalue: x\npath: other\n"
        let error = try #require(wireError(Update.self, text, .yaml))
        #expect(error.problem == "duplicate key 'path' (first at line 2, column 1)")
        #expect(error.line == 4)
    }

    @Test("XML repeated single-valued element")
    func duplicateXMLElements() throws {
        let text = """
            <Update type="urn:enum-value-update">
              <path>phase</path>
              <value>ACCEPTED</value>
              <value>REJECTED</value>
            </Update>
            """
        let error = try #require(wireError(Update.self, text, .xml))
        #expect(
            error.problem
                == "repeated element <value>; only the <item> elements of a list may repeat "
                + "(first at line 3, column 9)")
        #expect(error.line == 4)
    }

    @Test("size limit")
    func sizeLimit() throws {
        let limits = WireLimits(maxBytes: 10)
        let error = try #require(
            wireError(Update.self, #"{"path": "phase"}"#, .json, limits: limits))
        #expect(
            error.description
                == "input.json: JSON: the input has 17 bytes, more than the limit of 10 bytes "
                + "(WireLimits.maxBytes)")
    }

    @Test("JSON number where a string is expected")
    func numberForString() throws {
        let text = #"{"type": "urn:enum-value-update", "path": 5, "value": "x"}"#
        let error = try #require(wireError(Update.self, text, .json))
        #expect(error.description == "input.json:1:43: JSON: at path: expected a string, found '5'")
    }
}
