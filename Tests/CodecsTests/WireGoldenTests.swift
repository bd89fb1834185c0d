import BrokerModel
import Codecs
import Foundation
import Testing

/// Returns the bytes of `Fixtures/NAME`.
func fixture(_ name: String) throws -> Data {
    let url = try #require(
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil),
        "missing fixture \(name)")
    return try Data(contentsOf: url)
}

/// The example request of `docs/wire-formats.md`.
let goldenRequest = ExecutionRequest(
    name: "continuum-imaging",
    executable: .dockerContainer(
        DockerContainer(
            image: "wsclean", namespace: "srcnet", repository: "images.example.org", tag: "3.4",
            platform: "linux/amd64")),
    compute: ComputeResource(
        cores: MinMax(min: 8, max: 16), memory: MinMax(min: 32, max: 64),
        gpus: MinMax(min: 1, max: 1)),
    data: [
        .skao(
            namespace: "testing", objectName: "pi24-visibilities.ms", size: 120,
            replicas: ["uk-manchester", "ch-lugano"])
    ],
    schedule: RequestedSchedule(
        requested: RequestedSchedule.Requested(
            duration: "PT4H", start: "2026-12-05T08:00:00Z/PT6H")))

let goldenOfferSet = OfferSet(
    uuid: "5b0e4d2a-6c1f-4f0b-8e7d-3a9c2b1d0e4f",
    href: "https://broker.example.org/offersets/5b0e4d2a-6c1f-4f0b-8e7d-3a9c2b1d0e4f",
    created: "2026-12-04T10:15:00Z", expires: "2026-12-04T10:20:00Z", result: .yes,
    messages: [Message(level: "info", text: "two sites can run the request")],
    offers: [
        ExecutionSession(
            uuid: "0a1b2c3d-0000-4000-8000-000000000001", created: "2026-12-04T10:15:00Z",
            phase: .offered, expires: "2026-12-04T10:20:00Z", site: "uk-manchester",
            executable: .jupyterNotebook(
                JupyterNotebook(notebook: "https://notebooks.example.org/imaging.ipynb")),
            compute: ComputeResource(
                cores: MinMax(min: 4, max: 4), memory: MinMax(min: 16, max: 16)),
            schedule: ExecutionSession.Schedule(
                offered: OfferedSchedule(
                    preparing: TimeSpan(start: "2026-12-05T07:50:00Z", duration: "PT10M"),
                    running: TimeSpan(start: "2026-12-05T08:00:00Z", duration: "PT2H"),
                    teardown: TimeSpan(start: "2026-12-05T10:00:00Z", duration: "PT5M"))),
            options: [.accepted, .rejected]),
        ExecutionSession(
            uuid: "0a1b2c3d-0000-4000-8000-000000000002", created: "2026-12-04T10:15:00Z",
            phase: .offered, expires: "2026-12-04T10:20:00Z", site: "ch-lugano",
            executable: .binderNotebook(
                BinderNotebook(
                    repository: "https://git.example.org/srcnet/imaging",
                    notebook: "imaging.ipynb")),
            compute: ComputeResource(
                cores: MinMax(min: 2.5, max: 2.5), memory: MinMax(min: 8, max: 8)),
            data: [.rucio(scope: "testing", name: "pi24", size: nil)],
            options: [.accepted, .rejected]),
    ])

let goldenSession = ExecutionSession(
    uuid: "7f1c2a9e-0b5d-4c3e-9a51-2f6d8e4b1c07",
    href: "https://broker.example.org/sessions/7f1c2a9e-0b5d-4c3e-9a51-2f6d8e4b1c07",
    name: "continuum-imaging", created: "2026-12-04T10:15:00Z", modified: "2026-12-05T08:02:10Z",
    phase: .running, offerset: OfferSetReference(uuid: "5b0e4d2a-6c1f-4f0b-8e7d-3a9c2b1d0e4f"),
    site: "uk-manchester",
    executable: .dockerContainer(
        DockerContainer(
            image: "wsclean", tag: "3.4", privileged: false,
            command: ["wsclean", "-size", "4096", "4096"],
            environment: ["OMP_NUM_THREADS": "8", "DEBUG": "no"],
            ports: [DockerContainer.Port(internal: 8888, external: 30888, protocol: "tcp")])),
    compute: ComputeResource(
        cores: MinMax(min: 16, max: 16), memory: MinMax(min: 64, max: 64),
        gpus: MinMax(min: 1, max: 1), models: ["A100"]),
    storage: [StorageResource(size: MinMax(min: 200, max: 200))],
    data: [
        .simple(location: "https://data.example.org/pi24.ms", size: 12.5),
        .rucio(scope: "testing", name: "pi24", size: nil),
    ],
    schedule: ExecutionSession.Schedule(
        offered: OfferedSchedule(
            preparing: TimeSpan(start: "2026-12-05T07:50:00Z", duration: "PT10M"),
            running: TimeSpan(start: "2026-12-05T08:00:00Z", duration: "PT4H"),
            teardown: TimeSpan(start: "2026-12-05T12:00:00Z", duration: "PT15M")),
        observed: ["WAITING": "2026-12-04T10:20:00Z", "RUNNING": "2026-12-05T08:02:10Z"]),
    options: [.cancelled],
    messages: [Message(level: "info", text: "staging finished: 2 of 2 datasets")])

let goldenUpdate = Update(path: "phase", value: "ACCEPTED")

/// Decodes the fixture `NAME.EXTENSION` for every format.
private func decodeAll<T: Decodable>(_ type: T.Type, _ name: String) throws -> [WireFormat: T] {
    var values: [WireFormat: T] = [:]
    for format in WireFormat.allCases {
        let file = "\(name).\(format.fileExtension)"
        values[format] = try format.decode(type, from: fixture(file), source: file)
    }
    return values
}

@Suite("Wire golden documents")
struct WireGoldenTests {
    @Test("ExecutionRequest fixtures", arguments: WireFormat.allCases)
    func executionRequest(format: WireFormat) throws {
        let values = try decodeAll(ExecutionRequest.self, "execution-request")
        #expect(values[format] == goldenRequest)
    }

    @Test("OfferSet fixtures", arguments: WireFormat.allCases)
    func offerSet(format: WireFormat) throws {
        let values = try decodeAll(OfferSet.self, "offer-set")
        #expect(values[format] == goldenOfferSet)
        #expect(values[format]?.offers.count == 2)
    }

    @Test("ExecutionSession fixtures", arguments: WireFormat.allCases)
    func executionSession(format: WireFormat) throws {
        let values = try decodeAll(ExecutionSession.self, "execution-session")
        #expect(values[format] == goldenSession)
    }

    @Test("Update fixtures", arguments: WireFormat.allCases)
    func update(format: WireFormat) throws {
        let values = try decodeAll(Update.self, "update")
        #expect(values[format] == goldenUpdate)
    }

    @Test("encoder output", arguments: WireFormat.allCases)
    func encoderOutput(format: WireFormat) throws {
        let expected = try fixture("encoded/execution-request.\(format.fileExtension)")
        let encoded = try format.encode(goldenRequest)
        #expect(
            String(decoding: encoded, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("session encoder output", arguments: WireFormat.allCases)
    func sessionEncoderOutput(format: WireFormat) throws {
        let expected = try fixture("encoded/execution-session.\(format.fileExtension)")
        let encoded = try format.encode(goldenSession)
        #expect(
            String(decoding: encoded, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
