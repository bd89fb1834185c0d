// swift-tools-version: 6.2
import PackageDescription

// Every Swift target builds in the Swift 6 language mode with warnings
// treated as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "SRCNetBroker",
    products: [
        .executable(name: "simrun", targets: ["simrun"])
    ],
    targets: [
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        .target(name: "BrokerModel", swiftSettings: strict),
        .target(name: "Codecs", dependencies: ["CYAML"], swiftSettings: strict),
        .target(name: "Scheduler", dependencies: ["BrokerModel"], swiftSettings: strict),
        .target(name: "Results", dependencies: ["BrokerModel", "CSQLite"], swiftSettings: strict),
        .target(
            name: "Sim",
            dependencies: ["BrokerModel", "Scheduler", "Results", "Codecs", "CZlib"],
            swiftSettings: strict),
        .executableTarget(
            name: "simrun",
            dependencies: ["BrokerModel", "Scheduler", "Sim", "Results", "Codecs"],
            swiftSettings: strict),

        .testTarget(
            name: "BrokerModelTests", dependencies: ["BrokerModel", "Codecs"],
            swiftSettings: strict),
        .testTarget(
            name: "CodecsTests", dependencies: ["Codecs", "BrokerModel"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "SchedulerTests", dependencies: ["Scheduler", "BrokerModel"],
            swiftSettings: strict),
        .testTarget(
            name: "ResultsTests", dependencies: ["Results"], resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "SimTests",
            dependencies: ["Sim", "Scheduler", "BrokerModel", "Results", "Codecs"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "SimrunTests", dependencies: ["simrun"],
            swiftSettings: strict),
    ]
)
