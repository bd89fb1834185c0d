import BrokerModel
import Foundation
import Testing

/// Fully populated wire values: every optional is set and every array and dictionary
/// has an element, so that each field reaches the encoding.
private enum Samples {
    static let instant = "2026-03-01T12:00:00Z"

    static let docker = Executable.dockerContainer(
        DockerContainer(
            image: "wsclean", namespace: "srcnet", repository: "images.example.org", tag: "3.4",
            platform: "linux/amd64", privileged: false, entrypoint: "/bin/sh",
            command: ["-c", "wsclean -size 4096 4096"], environment: ["OMP_NUM_THREADS": "8"],
            ports: [DockerContainer.Port(internal: 8888, external: 30888, protocol: "tcp")]))

    /// One executable of each kind.
    static let executables: [Executable] = [
        docker,
        .singularityContainer(
            SingularityContainer(image: "oras://images.example.org/srcnet/casa:6.6")),
        .jupyterNotebook(JupyterNotebook(notebook: "https://notebooks.example.org/imaging.ipynb")),
        .binderNotebook(
            BinderNotebook(
                repository: "https://git.example.org/srcnet/tutorials", notebook: "imaging.ipynb",
                requirements: "requirements.txt")),
    ]

    static let compute = ComputeResource(
        cores: MinMax(min: 4, max: 8), memory: MinMax(min: 16, max: 32),
        gpus: MinMax(min: 1, max: 2),
        models: ["A100"])

    static let storage = [StorageResource(size: MinMax(min: 10, max: 50))]

    /// One data resource of each kind.
    static let data: [DataResource] = [
        .simple(location: "https://data.example.org/pi24/calibration.tar", size: 1.5),
        .rucio(scope: "pi24", name: "visibilities.ms", size: 120),
        .skao(
            namespace: "pi24", objectName: "image-cube.fits", size: 40, replicas: ["uk-manchester"]),
    ]

    static let request = ExecutionRequest(
        name: "pi24 imaging", executable: docker, compute: compute, storage: storage, data: data,
        schedule: RequestedSchedule(
            requested: RequestedSchedule.Requested(duration: "PT2H", start: "\(instant)/PT6H")))

    static let session = ExecutionSession(
        uuid: "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        href: "/sessions/1b4e28ba-2fa1-11d2-883f-0016d3cca427", name: "pi24 imaging",
        created: instant, modified: "2026-03-01T12:00:05Z", phase: .offered,
        expires: "2026-03-01T12:10:00Z",
        offerset: OfferSetReference(
            uuid: "6fa459ea-ee8a-3ca4-894e-db77e160355e",
            href: "/offersets/6fa459ea-ee8a-3ca4-894e-db77e160355e"),
        site: "uk-manchester", executable: docker, compute: compute, storage: storage, data: data,
        schedule: ExecutionSession.Schedule(
            offered: OfferedSchedule(
                preparing: TimeSpan(start: "2026-03-01T12:30:00Z", duration: "PT30M"),
                running: TimeSpan(start: "2026-03-01T13:00:00Z", duration: "PT2H"),
                teardown: TimeSpan(start: "2026-03-01T15:00:00Z", duration: "PT5M")),
            observed: ["OFFERED": instant]),
        options: [.accepted, .rejected],
        messages: [Message(level: "info", text: "staging 120 GiB of visibilities")])

    static let offerSet = OfferSet(
        uuid: "6fa459ea-ee8a-3ca4-894e-db77e160355e",
        href: "/offersets/6fa459ea-ee8a-3ca4-894e-db77e160355e", created: instant,
        expires: "2026-03-01T12:10:00Z", result: .yes,
        messages: [Message(level: "info", text: "1 site of 3 can run the request")],
        offers: [session])

    static let update = Update(value: "ACCEPTED")
}

/// A wire value and the component schema that describes it.
struct WireSample: Sendable, CustomTestStringConvertible {
    var schema: String
    var value: any Encodable & Sendable
    var testDescription: String {
        if let executable = value as? Executable {
            return "\(schema) \(executable.typeIdentifier)"
        }
        return schema
    }

    static let all: [WireSample] =
        [
            WireSample(schema: "ExecutionRequest", value: Samples.request),
            WireSample(schema: "OfferSet", value: Samples.offerSet),
            WireSample(schema: "ExecutionSession", value: Samples.session),
            WireSample(schema: "Update", value: Samples.update),
        ] + Samples.executables.map { WireSample(schema: "Executable", value: $0) }
}

/// Component schemas that no Swift wire type backs, each checked some other way or not
/// at all.
private let schemasWithoutSwiftType: Set<String> = [
    // Checked against `Phase.aliases` by `phaseAliasEnumMatchesSwift`.
    "PhaseAlias",
    // NOTE: the error body has no Swift type yet, so nothing checks its fields.
    "Error",
    // `anyOf` ExecutionSession or Error.
    "DirectFailure",
]

/// Encodes `value` to JSON and returns the type identifier it writes.
private func encodedType(of value: some Encodable) throws -> String? {
    let data = try JSONEncoder().encode(value)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return object?["type"] as? String
}

@Suite struct OpenAPITests {
    let document: OpenAPIDocument

    init() throws {
        document = try OpenAPIDocument()
    }

    @Test(arguments: WireSample.all)
    func schemaMatchesSwiftType(sample: WireSample) throws {
        var checker = OpenAPISchemaChecker(document: document)
        try checker.check(sample.value, againstSchema: sample.schema)
        for issue in checker.issues {
            Issue.record(Comment(rawValue: issue))
        }
    }

    @Test func everySchemaIsChecked() throws {
        var checker = OpenAPISchemaChecker(document: document)
        for sample in WireSample.all {
            try checker.check(sample.value, againstSchema: sample.schema)
        }
        let names = Set(document.schemaNames)
        let unchecked = names.subtracting(checker.visitedSchemas).subtracting(
            schemasWithoutSwiftType)
        #expect(unchecked.isEmpty, "schemas that no sample reaches: \(unchecked.sorted())")
        let stale = schemasWithoutSwiftType.subtracting(names)
        #expect(
            stale.isEmpty, "listed as without Swift type but not in the document: \(stale.sorted())"
        )
    }

    @Test func samplesCoverEveryKind() throws {
        let executableTypes = Set(Samples.executables.map(\.typeIdentifier))
        #expect(executableTypes == Set(Executable.knownTypes))

        let dataTypes = Set(try Samples.data.compactMap { try encodedType(of: $0) })
        #expect(dataTypes == Set(DataResource.knownTypes))
    }

    @Test func phaseEnumMatchesSwift() {
        #expect(document.enumValues(ofSchema: "Phase") == Phase.allCases.map(\.rawValue))
    }

    @Test func phaseAliasEnumMatchesSwift() {
        let aliases = document.enumValues(ofSchema: "PhaseAlias") ?? []
        #expect(Set(aliases) == Set(Phase.aliases.keys))
        #expect(aliases.count == Phase.aliases.count)
    }

    @Test func executableMappingMatchesKnownTypes() {
        let mapping = document.discriminatorMapping(ofSchema: "Executable")
        #expect(Set(mapping.keys) == Set(Executable.knownTypes))
        #expect(Set(mapping.values) == Set(document.oneOfReferences(ofSchema: "Executable")))
    }

    @Test func dataResourceMappingMatchesKnownTypes() {
        let mapping = document.discriminatorMapping(ofSchema: "DataResource")
        #expect(Set(mapping.keys) == Set(DataResource.knownTypes))
        #expect(Set(mapping.values) == Set(document.oneOfReferences(ofSchema: "DataResource")))
    }

    @Test func typeConstantsMatchSwift() {
        let constants = [
            "ComputeResource": ComputeResource.typeIdentifier,
            "StorageResource": StorageResource.typeIdentifier,
            "Update": Update.typeIdentifier,
        ]
        for (schema, identifier) in constants {
            let constant = document.schemas[schema]?["properties"]?["type"]?["const"]?.string
            #expect(constant == identifier, "\(schema)")
        }
    }

    @Test func offerSetResultEnumMatchesSwift() {
        let results: [OfferSet.Result] = [.yes, .no]
        // A new case makes this switch non-exhaustive, so the list above must grow with it.
        for result in results {
            switch result {
            case .yes, .no: break
            }
        }
        let values = document.schemas["OfferSet"]?["properties"]?["result"]?["enum"]?.sequence
        #expect(values?.compactMap(\.string) == results.map(\.rawValue))
    }

    @Test func updateValuesArePhases() {
        let values = document.schemas["Update"]?["properties"]?["value"]?["enum"]?.sequence
        let phases = (values ?? []).compactMap(\.string).compactMap(Phase.init(rawValue:))
        #expect(phases == [.accepted, .rejected, .cancelled])
    }

    @Test func requestedDurationDefaultMatchesSwift() {
        let requested = document.schemas["RequestedSchedule"]?["properties"]?["requested"]
        let duration = requested?["properties"]?["duration"]?["default"]?.string
        #expect(duration == RequestedSchedule.defaultDuration)
    }

    /// `replicas` is non-optional in Swift but left out of the schema's `required`, with
    /// a default of `[]`, so the decoder must accept its absence.
    @Test func skaoReplicasDefaultDecodes() throws {
        let json = Data(
            #"{"type": "urn:skao-data-resource-0.1", "namespace": "pi24", "objectname": "cube.fits"}"#
                .utf8)
        let resource = try JSONDecoder().decode(DataResource.self, from: json)
        #expect(
            resource == .skao(namespace: "pi24", objectName: "cube.fits", size: nil, replicas: []))
        let schemaDefault = document.schemas["SkaoDataResource"]?["properties"]?["replicas"]?[
            "default"]
        #expect(schemaDefault?.sequence == [])
    }
}
