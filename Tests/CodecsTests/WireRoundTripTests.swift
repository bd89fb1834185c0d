import BrokerModel
import Codecs
import Foundation
import Testing

/// Samples per message type and test.
private let sampleCount: UInt64 = 300

/// Encodes `value` in `format` and decodes it again.
private func roundTrip<T: Codable>(_ value: T, _ format: WireFormat) throws -> T {
    let data = try format.encode(value)
    return try format.decode(T.self, from: data, source: "sample.\(format.fileExtension)")
}

/// Checks every format and the chain JSON to XML to YAML for the samples that `make`
/// builds from the seeds 0 to `sampleCount - 1`.
private func checkRoundTrips<T: Codable & Equatable>(
    _ make: (inout WireSampleGenerator) -> T
) {
    for seed in 0..<sampleCount {
        var generator = WireSampleGenerator(seed: seed)
        let value = make(&generator)
        for format in WireFormat.allCases {
            do {
                let back = try roundTrip(value, format)
                #expect(back == value, "seed \(seed), \(format.name)")
            } catch {
                Issue.record("seed \(seed), \(format.name): \(error)")
            }
        }
        do {
            let json = try WireFormat.json.encode(value)
            let fromJSON = try WireFormat.json.decode(T.self, from: json, source: "sample.json")
            let xml = try WireFormat.xml.encode(fromJSON)
            let fromXML = try WireFormat.xml.decode(T.self, from: xml, source: "sample.xml")
            let yaml = try WireFormat.yaml.encode(fromXML)
            let fromYAML = try WireFormat.yaml.decode(T.self, from: yaml, source: "sample.yaml")
            #expect(fromYAML == value, "seed \(seed), JSON to XML to YAML")
        } catch {
            Issue.record("seed \(seed), JSON to XML to YAML: \(error)")
        }
    }
}

@Suite("Wire round trips")
struct WireRoundTripTests {
    @Test("ExecutionRequest samples")
    func executionRequests() {
        checkRoundTrips { $0.request() }
    }

    @Test("OfferSet samples")
    func offerSets() {
        checkRoundTrips { $0.offerSet() }
    }

    @Test("ExecutionSession samples")
    func executionSessions() {
        checkRoundTrips { $0.session() }
    }

    @Test("Update samples")
    func updates() {
        checkRoundTrips { $0.update() }
    }

    @Test("generator covers every kind")
    func generatorCoverage() {
        var executableTypes: Set<String> = []
        var dataKinds: Set<String> = []
        var awkward: Set<String> = []
        for seed in 0..<sampleCount {
            var generator = WireSampleGenerator(seed: seed)
            let request = generator.request()
            executableTypes.insert(request.executable.typeIdentifier)
            for item in request.data ?? [] {
                switch item {
                case .simple: dataKinds.insert("simple")
                case .rucio: dataKinds.insert("rucio")
                case .skao: dataKinds.insert("skao")
                }
            }
            if let name = request.name { awkward.insert(name) }
        }
        #expect(executableTypes == Set(Executable.knownTypes))
        #expect(dataKinds == ["simple", "rucio", "skao"])
        #expect(awkward.contains("3.10"))
        #expect(awkward.contains("a: b"))
        #expect(awkward.contains("0755"))
        #expect(awkward.contains(""))
    }
}
