import Foundation
import Testing

@testable import Codecs

private func parse(_ text: String, parser: YAMLParser = YAMLParser()) throws -> YAMLNode {
    try parser.parse(text, file: "test.yaml")
}

/// Parses `text`, expecting a failure, and returns the error (nil if parsing succeeded).
private func parseError(
    _ text: String, parser: YAMLParser = YAMLParser(), file: String = "test.yaml"
) -> YAMLError? {
    do {
        _ = try parser.parse(text, file: file)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ data: Data) -> YAMLError? {
    do {
        _ = try YAMLParser().parse(data, file: "test.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct YAMLParserTests {
    @Test func nestedNodePositions() throws {
        let text = """
            job:
              name: demo
              compute:
                cores: 8
                memory: "16GiB"
            """
        let root = try parse(text)
        #expect(root.mark == YAMLNode.Mark(line: 1, column: 1))

        let job = try #require(root["job"])
        #expect(job.mark == YAMLNode.Mark(line: 2, column: 3))

        let compute = try #require(job["compute"]?.mapping)
        let cores = try #require(compute.entry(forKey: "cores"))
        #expect(cores.key.mark == YAMLNode.Mark(line: 4, column: 5))
        #expect(cores.value.mark == YAMLNode.Mark(line: 4, column: 12))
        #expect(cores.value.int == 8)

        let memory = try #require(compute["memory"])
        #expect(memory.mark == YAMLNode.Mark(line: 5, column: 13))
        #expect(memory.scalar == YAMLNode.Scalar(text: "16GiB", style: .doubleQuoted))
        #expect(compute.keys == ["cores", "memory"])
    }

    @Test func sequencePositionsAndOrder() throws {
        let root = try parse("items:\n  - a\n  - [b, c]\n")
        let items = try #require(root["items"]?.sequence)
        #expect(items.count == 2)
        #expect(items[0].mark == YAMLNode.Mark(line: 2, column: 5))
        #expect(items[1].mark == YAMLNode.Mark(line: 3, column: 5))
        #expect(items[1].sequence?.map(\.string) == ["b", "c"])
    }

    @Test func mappingKeepsKeyOrder() throws {
        let root = try parse("zeta: 1\nalpha: 2\nmid: 3\n")
        #expect(root.mapping?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func emptyInputIsNull() throws {
        for text in ["", "# only a comment\n", "---\n"] {
            let node = try parse(text)
            #expect(node.isNull, "input \(text.debugDescription)")
            #expect(node.scalar?.text == "")
        }
        #expect(try parse("").mark == YAMLNode.Mark(line: 1, column: 1))
    }

    @Test func singleExplicitDocumentAccepted() throws {
        let node = try parse("---\na: 1\n...\n")
        #expect(node["a"]?.int == 1)
    }

    @Test func multipleDocumentsRejected() throws {
        let error = try #require(parseError("a: 1\n---\nb: 2\n"))
        #expect(
            error.description
                == "test.yaml:2:1: the input contains more than one YAML document, "
                + "but only one is allowed")
    }

    @Test func duplicateKeyNamesBothPositions() throws {
        let text = """
            compute:
              cores: 4
              memory: 8
              cores: 6
            """
        let error = try #require(parseError(text, file: "scenario.yaml"))
        #expect(error.file == "scenario.yaml")
        #expect(error.line == 4)
        #expect(error.column == 3)
        #expect(
            error.description
                == "scenario.yaml:4:3: duplicate key 'cores' (first at line 2, column 3)")
    }

    @Test func duplicateKeysComparedByText() throws {
        let error = try #require(parseError("1: a\n\"1\": b\n"))
        #expect(error.message == "duplicate key '1' (first at line 1, column 1)")
    }

    @Test func sameKeyInDifferentMappingsAllowed() throws {
        let root = try parse("a: {name: x}\nb: {name: y}\n")
        #expect(root["b"]?["name"]?.string == "y")
    }

    @Test func aliasResolvesToAnchoredNode() throws {
        let root = try parse("base: &shared {cores: 4}\nother: *shared\n")
        let base = try #require(root["base"])
        #expect(root["other"] == base)
        #expect(root["other"]?.mark == YAMLNode.Mark(line: 1, column: 7))
        #expect(root["other"]?["cores"]?.int == 4)
    }

    @Test func unknownAliasNamesAnchor() throws {
        let error = try #require(parseError("a: 1\nb: *missing\n"))
        #expect(
            error.description
                == "test.yaml:2:4: unknown anchor 'missing' in alias '*missing' "
                + "(an alias must come after the complete node that defines '&missing')")
    }

    @Test func recursiveAliasRejected() throws {
        let error = try #require(parseError("a: &loop [*loop]\n"))
        #expect(error.line == 1)
        #expect(error.column == 11)
        #expect(error.message.hasPrefix("unknown anchor 'loop'"))
    }

    @Test func billionLaughsStopsAtLimit() throws {
        let text = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        // Subtree sizes are a = 10, b = 91, c = 820, d = 7381, e = 66430, f = 597871.
        // Aliases up to line 6 expand to 672588 nodes, so the first *f passes 1000000.
        let error = try #require(parseError(text))
        #expect(
            error.description
                == "test.yaml:7:8: aliases expand to more than 1000000 nodes, "
                + "the maxAliasExpansion limit that guards against alias expansion attacks")
    }

    @Test func aliasExpansionLimitIsAParameter() throws {
        let text = "a: &x [1, 2]\nb: *x\nc: *x\n"
        // Each alias expands to 3 nodes: the sequence and its two items.
        #expect(
            try parse(text, parser: YAMLParser(maxAliasExpansion: 6))["c"]?.sequence?.count == 2)
        let error = try #require(parseError(text, parser: YAMLParser(maxAliasExpansion: 5)))
        #expect(error.line == 3)
        #expect(error.column == 4)
    }

    @Test func deepNestingRejected() throws {
        let error = try #require(parseError(String(repeating: "[", count: 10_000)))
        #expect(
            error.description
                == "test.yaml:1:257: sequences and mappings are nested deeper than the limit "
                + "of 256 levels (maxDepth)")
    }

    @Test func nestingAtLimitAccepted() throws {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        var node = try parse(text)
        var depth = 1
        while let inner = node.sequence?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 256)
    }

    @Test func depthLimitIsAParameter() throws {
        let error = try #require(parseError("a: [[1]]\n", parser: YAMLParser(maxDepth: 2)))
        #expect(error.line == 1)
        #expect(error.column == 5)
    }

    @Test func aliasNestingCountsTowardDepth() throws {
        let parser = YAMLParser(maxDepth: 3)
        // The root mapping, the sequence [[1]] and its inner sequence: depth 3.
        let root = try parse("a: &x [[1]]\nb: *x\n", parser: parser)
        #expect(root["b"] == root["a"])

        // Wrapping the alias in one more sequence gives depth 4.
        let error = try #require(parseError("a: &x [[1]]\nb: [*x]\n", parser: parser))
        #expect(
            error.description
                == "test.yaml:2:5: alias '*x' makes sequences and mappings nest deeper "
                + "than the limit of 3 levels (maxDepth)")
    }

    @Test func invalidUTF8HasPosition() throws {
        var data = Data("name: ".utf8)
        data.append(0xFF)
        data.append(contentsOf: Data("\n".utf8))
        let error = try #require(parseError(data))
        #expect(
            error.description
                == "test.yaml:1:7: input is not valid UTF-8: invalid leading UTF-8 octet "
                + "(byte 0xFF)")
    }

    @Test func invalidUTF8ColumnCountsCharacters() throws {
        // "é" is two bytes but one column, so the bad byte after it is at column 5.
        var data = Data("a: 1\nb: é".utf8)
        data.append(0xFF)
        let error = try #require(parseError(data))
        #expect(error.line == 2)
        #expect(error.column == 5)
        #expect(
            error.message == "input is not valid UTF-8: invalid leading UTF-8 octet (byte 0xFF)")
    }

    @Test func invalidTrailingByteReported() throws {
        // libyaml reports the offending trailing byte 0x28, one column after its lead byte.
        var data = Data("a: 1\nb: é".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        let error = try #require(parseError(data))
        #expect(
            error.description
                == "test.yaml:2:6: input is not valid UTF-8: invalid trailing UTF-8 octet "
                + "(byte 0x28)")
    }

    @Test func controlCharacterReported() throws {
        let error = try #require(parseError("a: \u{07}\n"))
        #expect(
            error.description
                == "test.yaml:1:4: invalid input: control characters are not allowed "
                + "(character U+0007)")
    }

    @Test func badIndentationPosition() throws {
        let text = """
            compute:
              cores: 4
             memory: 8
            """
        let error = try #require(parseError(text))
        #expect(
            error.description
                == "test.yaml:3:2: did not find expected key "
                + "(while parsing a block mapping at line 1, column 1)")
    }

    @Test func scannerErrorPosition() throws {
        let error = try #require(parseError("key: value: other\n"))
        #expect(
            error.description == "test.yaml:1:11: mapping values are not allowed in this context")
    }

    @Test func mergeKeyRejected() throws {
        let error = try #require(parseError("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n"))
        #expect(
            error.description
                == "test.yaml:3:3: merge keys ('<<') are not supported, "
                + "so write the merged keys out in full")
    }

    @Test func quotedMergeKeyIsOrdinaryKey() throws {
        let root = try parse("\"<<\": 1\n")
        #expect(root["<<"]?.int == 1)
    }

    @Test func tagsKept() throws {
        let root = try parse("a: !!str 12\nb: !custom x\nc: ! 5\n")
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["a"]?.int == nil)
        #expect(root["b"]?.tag == "!custom")
        #expect(root["c"]?.tag == "!")
        #expect(root["c"]?.int == nil)
        #expect(root["a"]?.mark == YAMLNode.Mark(line: 1, column: 4))
    }

    @Test func errorDescriptionFormat() {
        let error = YAMLError(file: "scenario.yaml", line: 12, column: 5, message: "bad")
        #expect(error.description == "scenario.yaml:12:5: bad")
        #expect(error == YAMLError(file: "scenario.yaml", line: 12, column: 5, message: "bad"))
    }

    @Test func nodeErrorUsesNodePosition() throws {
        let root = try parse("steps:\n  coers: 4\n")
        let key = try #require(root["steps"]?.mapping?.first?.key)
        let error = key.error("unknown key 'coers'; expected one of: cores", file: "s.yaml")
        #expect(error.description == "s.yaml:2:3: unknown key 'coers'; expected one of: cores")
    }
}
