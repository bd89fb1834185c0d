import Foundation
import Testing

@testable import Codecs

private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

private func parse(_ bytes: [UInt8]) throws -> YAMLNode {
    try YAMLParser().parse(Data(bytes), file: "test.yaml")
}

private func parseError(_ bytes: [UInt8]) -> YAMLError? {
    do {
        _ = try YAMLParser().parse(Data(bytes), file: "test.yaml")
        return nil
    } catch {
        return error
    }
}

private struct Message: Decodable, Equatable {
    var name: String
    var count: Int
}

/// A leading UTF-8 byte order mark is skipped before libyaml reads the input.
@Suite struct BOMTests {
    let text = Array("name: demo\ncount: 3\n".utf8)

    @Test func twoKeysKeepPositions() throws {
        let plain = try parse(text)
        let marked = try parse(byteOrderMark + text)

        #expect(marked == plain)
        #expect(marked.mapping?.keys == ["name", "count"])
        let entries = try #require(marked.mapping?.entries)
        #expect(entries.count == 2)
        #expect(entries[0].key.mark == YAMLNode.Mark(line: 1, column: 1))
        #expect(entries[0].value.mark == YAMLNode.Mark(line: 1, column: 7))
        #expect(entries[1].key.mark == YAMLNode.Mark(line: 2, column: 1))
        #expect(entries[1].value.mark == YAMLNode.Mark(line: 2, column: 8))
    }

    @Test func stringInputWithBOM() throws {
        let node = try YAMLParser().parse("\u{FEFF}name: demo\ncount: 3\n", file: "test.yaml")
        #expect(node == (try parse(text)))
    }

    @Test func bomOnlyIsEmpty() throws {
        let node = try parse(byteOrderMark)
        #expect(node.isNull)
    }

    @Test func scannerErrorPositionUnchanged() throws {
        let broken = Array("name: demo\ncount: [3\n".utf8)
        let plain = try #require(parseError(broken))
        let marked = try #require(parseError(byteOrderMark + broken))
        #expect(marked.line == plain.line)
        #expect(marked.column == plain.column)
        #expect(marked.message == plain.message)
    }

    @Test func readerErrorPositionUnchanged() throws {
        // A control character is a reader error, located by byte offset.
        let broken = Array("name: demo\ncount: \u{1}\n".utf8)
        let plain = try #require(parseError(broken))
        let marked = try #require(parseError(byteOrderMark + broken))
        #expect(plain.line == 2)
        #expect(marked.line == plain.line)
        #expect(marked.column == plain.column)
    }

    @Test func yamlMessageWithBOM() throws {
        let decoded = try WireFormat.yaml.decode(
            Message.self, from: Data(byteOrderMark + text), source: "message.yaml")
        #expect(decoded == Message(name: "demo", count: 3))
    }
}
