import BrokerModel
import Codecs
import Foundation
import Testing

/// Decodes `text` as `type` in `format` and returns the error, or nil on success.
func wireError<T: Decodable>(
    _ type: T.Type, _ text: String, _ format: WireFormat, limits: WireLimits = WireLimits()
) -> WireError? {
    wireError(type, Data(text.utf8), format, limits: limits)
}

func wireError<T: Decodable>(
    _ type: T.Type, _ data: Data, _ format: WireFormat, limits: WireLimits = WireLimits()
) -> WireError? {
    do {
        _ = try format.decode(
            type, from: data, source: "input.\(format.fileExtension)", limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite("Wire draft spellings")
struct WireDraftSpellingTests {
    @Test("kind URLs decode as type URNs")
    func kindURLs() throws {
        let yaml = """
            executable:
              kind: https://www.ivoa.net/rdf/executable/docker-container-0.1
              image: wsclean
            compute:
              kind: https://www.ivoa.net/rdf/compute/simple-compute-resource-0.1
              cores: {min: 1, max: 2}
              memory: {min: 4, max: 8}
            data:
              - kind: https://www.ivoa.net/rdf/data/rucio-data-resource-0.1
                scope: testing
                name: pi24

            """
        let expected = ExecutionRequest(
            executable: .dockerContainer(DockerContainer(image: "wsclean")),
            compute: ComputeResource(cores: MinMax(min: 1, max: 2), memory: MinMax(min: 4, max: 8)),
            data: [.rucio(scope: "testing", name: "pi24", size: nil)])
        let fromYAML = try WireFormat.yaml.decode(
            ExecutionRequest.self, from: Data(yaml.utf8), source: "draft.yaml")
        #expect(fromYAML == expected)

        let xml = """
            <ExecutionRequest>
              <executable kind="https://www.ivoa.net/rdf/executable/docker-container-0.1">
                <image>wsclean</image>
              </executable>
              <compute kind="https://www.ivoa.net/rdf/compute/simple-compute-resource-0.1">
                <cores><min>1</min><max>2</max></cores>
                <memory><min>4</min><max>8</max></memory>
              </compute>
              <data>
                <item kind="https://www.ivoa.net/rdf/data/rucio-data-resource-0.1">
                  <scope>testing</scope><name>pi24</name>
                </item>
              </data>
            </ExecutionRequest>
            """
        let fromXML = try WireFormat.xml.decode(
            ExecutionRequest.self, from: Data(xml.utf8), source: "draft.xml")
        #expect(fromXML == expected)

        let encoded = String(decoding: try WireFormat.json.encode(fromXML), as: UTF8.self)
        #expect(encoded.contains("\"type\": \"urn:docker-container-0.1\""))
        #expect(!encoded.contains("kind"))
    }

    @Test("draft phase names decode as aliases")
    func draftPhases() throws {
        let pairs: [(String, Phase)] = [
            ("PREPARING", .standup), ("AVAILABLE", .ready), ("RELEASING", .teardown),
            ("PROPOSED", .initial),
        ]
        for (name, phase) in pairs {
            for format in WireFormat.allCases {
                let text =
                    switch format {
                    case .json: "[\"\(name)\"]"
                    case .yaml: "[\(name)]"
                    case .xml: "<Array><item>\(name)</item></Array>"
                    }
                let decoded = try format.decode(
                    [Phase].self, from: Data(text.utf8), source: "phases")
                #expect(decoded == [phase], "\(name) in \(format.name)")
            }
        }
    }

    @Test("draft schedule names decode")
    func draftScheduleNames() throws {
        let json = """
            {"preparing": {"start": "a", "duration": "PT1M"},
             "available": {"start": "b", "duration": "PT2M"},
             "releasing": {"start": "c", "duration": "PT3M"}}
            """
        let schedule = try WireFormat.json.decode(
            OfferedSchedule.self, from: Data(json.utf8), source: "schedule.json")
        #expect(schedule.running == TimeSpan(start: "b", duration: "PT2M"))
        #expect(schedule.teardown == TimeSpan(start: "c", duration: "PT3M"))
    }

    @Test("unknown type names the known ones", arguments: WireFormat.allCases)
    func unknownType(format: WireFormat) throws {
        let text =
            switch format {
            case .json: #"{"type": "urn:podman-container-0.1", "image": "x"}"#
            case .yaml: "type: urn:podman-container-0.1\nimage: x\n"
            case .xml: #"<Executable type="urn:podman-container-0.1"><image>x</image></Executable>"#
            }
        let error = try #require(wireError(Executable.self, text, format))
        #expect(
            error.problem
                == "unknown type 'urn:podman-container-0.1'; expected one of "
                + "urn:docker-container-0.1, urn:singularity-container-0.1, "
                + "urn:jupyter-notebook-0.1, urn:binder-notebook-0.1")
        #expect(error.format == format)
        #expect(error.line == 1)
    }

    @Test("unknown phase names the known ones", arguments: WireFormat.allCases)
    func unknownPhase(format: WireFormat) throws {
        let text =
            switch format {
            case .json: #"["PAUSED"]"#
            case .yaml: "[PAUSED]"
            case .xml: "<Array><item>PAUSED</item></Array>"
            }
        let error = try #require(wireError([Phase].self, text, format))
        #expect(error.codingPath == "[0]")
        #expect(
            error.problem
                == "unknown phase 'PAUSED'; expected one of INITIAL, OFFERED, ACCEPTED, REJECTED, "
                + "EXPIRED, WAITING, STANDUP, READY, RUNNING, TEARDOWN, COMPLETED, FAILED, CANCELLED"
        )
    }
}
