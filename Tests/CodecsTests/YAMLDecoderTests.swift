import Foundation
import Testing

@testable import Codecs

private struct Request: Decodable, Equatable {
    struct Compute: Decodable, Equatable {
        var cores: CoreRange
        var memoryGiB: Double
        var gpu: Bool
    }

    struct CoreRange: Decodable, Equatable {
        var min: Int
        var max: Int64
    }

    var name: String
    var compute: Compute
    var tags: [String]
    var note: String?
    var priority: Int?
}

private let validRequest = """
    name: demo
    compute:
      cores:
        min: 8
        max: 16
      memoryGiB: 32.5
      gpu: false
    tags: [no, on, 3.10, "true"]
    priority: null
    """

/// Decodes `type` from `text` in a file named request.yaml and returns the error, or nil
/// if decoding succeeded.
private func decodeError<T: Decodable>(
    _ type: T.Type, _ text: String, decoder: YAMLDecoder = YAMLDecoder()
) -> YAMLError? {
    do {
        _ = try decoder.decode(type, from: text, file: "request.yaml")
        return nil
    } catch let error as YAMLError {
        return error
    } catch {
        Issue.record("expected a YAMLError, got \(error)")
        return nil
    }
}

@Suite struct YAMLDecoderTests {
    @Test func decodesNestedStruct() throws {
        let request = try YAMLDecoder().decode(Request.self, from: validRequest, file: "r.yaml")
        let expected = Request(
            name: "demo",
            compute: Request.Compute(
                cores: Request.CoreRange(min: 8, max: 16), memoryGiB: 32.5, gpu: false),
            tags: ["no", "on", "3.10", "true"],
            note: nil,
            priority: nil)
        #expect(request == expected)
    }

    @Test func decodesFromData() throws {
        let request = try YAMLDecoder().decode(
            Request.self, from: Data(validRequest.utf8), file: "r.yaml")
        #expect(request.compute.cores.max == 16)
    }

    @Test func typeMismatchHasPathAndPosition() throws {
        let text = """
            name: demo
            compute:
              cores:
                min: eight
                max: 16
              memoryGiB: 32
              gpu: false
            tags: []
            """
        let error = try #require(decodeError(Request.self, text))
        #expect(
            error.description
                == "request.yaml:4:10: at compute.cores.min: expected an integer, found 'eight'")
    }

    @Test func boolRejectsYes() throws {
        let text = "name: a\ncompute: {cores: {min: 1, max: 2}, memoryGiB: 1, gpu: yes}\ntags: []\n"
        let error = try #require(decodeError(Request.self, text))
        #expect(
            error.description
                == "request.yaml:2:55: at compute.gpu: expected a boolean (true or false), "
                + "found 'yes'")
    }

    @Test func quotedNumberIsNotAnInteger() throws {
        let error = try #require(decodeError([Int].self, "[1, \"2\"]"))
        #expect(
            error.description
                == "request.yaml:1:5: at [1]: expected an integer, found the quoted string '2'")
    }

    @Test func missingKeyAtMappingPosition() throws {
        let text = """
            name: demo
            compute:
              cores: {min: 1, max: 2}
              memoryGiB: 4
            tags: []
            """
        let error = try #require(decodeError(Request.self, text))
        #expect(error.description == "request.yaml:3:3: at compute: missing key 'gpu'")
    }

    @Test func missingTopLevelKeyHasNoPath() throws {
        let error = try #require(decodeError(Request.self, "\nname: demo\n"))
        #expect(error.description == "request.yaml:2:1: missing key 'compute'")
    }

    @Test func optionalAbsentNullAndEmpty() throws {
        struct Options: Decodable, Equatable {
            var a: String?
            var b: String?
            var c: String?
            var d: String?
            var e: Int?
        }
        let options = try YAMLDecoder().decode(
            Options.self, from: "b: null\nc:\nd: \"\"\ne: ~\n", file: "o.yaml")
        #expect(options == Options(a: nil, b: nil, c: nil, d: "", e: nil))
    }

    @Test func optionalPresentWrongTypeFails() throws {
        let error = try #require(decodeError(Request.self, validRequest + "\nnote: [x]\n"))
        #expect(
            error.description == "request.yaml:10:7: at note: expected a string, found a sequence")
    }

    @Test func integerOverflowReported() throws {
        let error = try #require(decodeError([String: Int].self, "n: 99999999999999999999\n"))
        #expect(
            error.description
                == "request.yaml:1:4: at n: integer 99999999999999999999 is out of range for Int "
                + "(-9223372036854775808...9223372036854775807)")
        #expect(
            try YAMLDecoder().decode([UInt8].self, from: "[0x1F, 255]", file: "x") == [31, 255])
    }

    @Test func scalarTypes() throws {
        struct Scalars: Decodable, Equatable {
            var int64: Int64
            var uint64: UInt64
            var double: Double
            var float: Float
            var bool: Bool
            var string: String
        }
        let text = """
            int64: -0x10
            uint64: 18446744073709551615
            double: 0x10
            float: .inf
            bool: True
            string: 0755
            """
        let error = try #require(decodeError(Scalars.self, text))
        // A sign before 0x is not allowed by the core schema.
        #expect(
            error.description == "request.yaml:1:8: at int64: expected an integer, found '-0x10'")

        let fixed = text.replacingOccurrences(of: "-0x10", with: "-16")
        let scalars = try YAMLDecoder().decode(Scalars.self, from: fixed, file: "x")
        #expect(
            scalars
                == Scalars(
                    int64: -16, uint64: .max, double: 16, float: .infinity, bool: true,
                    string: "0755"))
    }

    @Test func floatOutOfRange() throws {
        let error = try #require(decodeError([Float].self, "[1e300]"))
        #expect(
            error.description == "request.yaml:1:2: at [0]: number 1e300 is out of range for Float")
    }

    @Test func sequenceIndexInPath() throws {
        struct Job: Decodable {
            var name: String
        }
        struct Plan: Decodable {
            var jobs: [Job]
        }
        let text = "jobs:\n  - name: a\n  - name: b\n  - name: [c]\n"
        let error = try #require(decodeError(Plan.self, text))
        #expect(
            error.description
                == "request.yaml:4:11: at jobs[2].name: expected a string, found a sequence")
    }

    @Test func keyedContainerOnScalarFails() throws {
        let error = try #require(decodeError(Request.self, "name: a\ncompute: big\ntags: []\n"))
        #expect(
            error.description == "request.yaml:2:10: at compute: expected a mapping, found 'big'")
    }

    @Test func rawRepresentableFailureHasPosition() throws {
        enum Kind: String, Decodable {
            case batch
            case interactive
        }
        struct Job: Decodable {
            var kind: Kind
        }
        let error = try #require(decodeError([Job].self, "- kind: batch\n- kind: batchy\n"))
        #expect(error.line == 2)
        #expect(error.column == 9)
        #expect(error.message.hasPrefix("at [1].kind: "))
        #expect(error.message.contains("batchy"))
    }

    @Test func dataCorruptedFromInitHasPosition() throws {
        struct Memory: Decodable {
            var gibibytes: Int
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                let text = try container.decode(String.self)
                guard text.hasSuffix("GiB"), let value = Int(text.dropLast(3)) else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "expected a size such as '16GiB'")
                }
                gibibytes = value
            }
        }
        struct Node: Decodable {
            var memory: Memory
        }
        let error = try #require(decodeError(Node.self, "memory:\n  16 GB\n"))
        #expect(error.description == "request.yaml:2:3: at memory: expected a size such as '16GiB'")
        let node = try YAMLDecoder().decode(Node.self, from: "memory: 16GiB", file: "x")
        #expect(node.memory.gibibytes == 16)
    }

    @Test func dataCorruptedForKeyPointsAtKeyValue() throws {
        struct Bounds: Decodable {
            enum CodingKeys: String, CodingKey {
                case min
                case max
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let min = try container.decode(Int.self, forKey: .min)
                let max = try container.decode(Int.self, forKey: .max)
                if max < min {
                    throw DecodingError.dataCorruptedError(
                        forKey: .max, in: container, debugDescription: "max is below min")
                }
            }
        }
        let error = try #require(decodeError([String: Bounds].self, "cores:\n  min: 4\n  max: 2\n"))
        #expect(error.description == "request.yaml:3:8: at cores.max: max is below min")
    }

    @Test func unknownKeysIgnoredByDefault() throws {
        let request = try YAMLDecoder().decode(
            Request.self, from: validRequest + "\nextra: 1\n", file: "r.yaml")
        #expect(request.name == "demo")
    }

    @Test func rejectUnknownKeysNamesKey() throws {
        let text = validRequest.replacingOccurrences(
            of: "  gpu: false", with: "  gpu: false\n  coers: 4")
        let decoder = YAMLDecoder(rejectUnknownKeys: true)
        let error = try #require(decodeError(Request.self, text, decoder: decoder))
        #expect(
            error.description
                == "request.yaml:8:3: at compute: unknown key 'coers' "
                + "(known keys: cores, memoryGiB, gpu)")
        #expect(throws: Never.self) {
            try decoder.decode(Request.self, from: validRequest, file: "r.yaml")
        }
    }

    @Test func rejectUnknownKeysAllowsDictionaries() throws {
        let decoder = YAMLDecoder(rejectUnknownKeys: true)
        let values = try decoder.decode([String: Int].self, from: "a: 1\nb: 2\n", file: "x")
        #expect(values == ["a": 1, "b": 2])
    }

    @Test func urlFromString() throws {
        struct Service: Decodable {
            var endpoint: URL
        }
        let service = try YAMLDecoder().decode(
            Service.self, from: "endpoint: http://broker.test/jobs?x=1\n", file: "s.yaml")
        #expect(service.endpoint.absoluteString == "http://broker.test/jobs?x=1")
        #expect(service.endpoint.host == "broker.test")

        let error = try #require(decodeError(Service.self, "endpoint:\n"))
        #expect(
            error.description
                == "request.yaml:1:10: at endpoint: expected a URL, found an empty value")
        let sequenceError = try #require(decodeError(Service.self, "endpoint: [a]\n"))
        #expect(
            sequenceError.description
                == "request.yaml:1:11: at endpoint: expected a URL, found a sequence")
    }

    @Test func parseErrorPassesThrough() throws {
        let error = try #require(decodeError(Request.self, "a: 1\na: 2\n"))
        #expect(
            error.description == "request.yaml:2:1: duplicate key 'a' (first at line 1, column 1)")
    }

    @Test func unkeyedContainerTooShort() throws {
        struct Pair: Decodable {
            var first: Int
            var second: Int
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                first = try container.decode(Int.self)
                second = try container.decode(Int.self)
            }
        }
        let error = try #require(decodeError([String: Pair].self, "p: [1]\n"))
        #expect(
            error.description
                == "request.yaml:1:4: at p: expected more items, but the sequence has only 1")
    }
}
