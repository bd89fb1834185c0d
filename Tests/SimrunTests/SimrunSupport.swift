import Foundation
import Testing

/// The exit status and output of one run of the `simrun` binary.
struct SimrunResult {
    var status: Int32
    var standardOutput: Data
    var standardError: String

    var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
}

/// A new empty folder under the system's temporary folder, for the files of one test.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("simrun-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Returns the path of `name` inside the folder.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` inside the folder, creating the folders on the way.
    func write(_ text: String, to name: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

enum Simrun {
    /// The `simrun` binary in the build products folder. On Linux the test runner is an
    /// executable in that folder. On macOS the runner is a helper tool that loads an
    /// `.xctest` bundle from that folder, so the search also walks up from every
    /// loaded `.xctest` bundle, and last tries `.build/debug` in the package.
    static let executable: URL? = {
        let bundles = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        var folders = [Bundle.main.bundleURL] + bundles
        folders += bundles.map { $0.deletingLastPathComponent() }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("simrun")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    /// The root folder of the package, three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `simrun` with `arguments` in the folder `directory`. Standard output and
    /// standard error go to files, so a large output cannot fill a pipe and block the run.
    static func run(_ arguments: [String], in directory: TemporaryFolder) throws -> SimrunResult {
        let executable = try #require(executable, "simrun was not found near the test runner")
        let outputFile = directory.url.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errorFile = directory.url.appendingPathComponent(".stderr-\(UUID().uuidString)")
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()

        return SimrunResult(
            status: process.terminationStatus,
            standardOutput: try Data(contentsOf: outputFile),
            standardError: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }

    /// The path of the `sqlite3` command, searched in `PATH`.
    static let sqlite3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/sqlite3"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }()

    /// Returns the text of `sqlite3 DATABASE .dump`: the schema and every row as SQL.
    static func dump(database path: String) throws -> String {
        let command = try #require(sqlite3, "the sqlite3 command is needed to read results.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = ["-readonly", path, ".dump"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so the dump cannot fill the pipe and block sqlite3.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 .dump failed on \(path)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Returns the single value printed by `sqlite3 DATABASE QUERY`.
    static func query(database path: String, _ sql: String) throws -> String {
        let command = try #require(sqlite3, "the sqlite3 command is needed to read results.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = ["-readonly", path, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed on \(sql)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}

/// The figures of `summary.json` that the tests check.
struct SummaryFile: Decodable {
    struct Requests: Decodable {
        var requests: Int
        var requestsWithSession: Int
    }

    var scenarioName: String
    var seed: UInt64
    var workloadJobs: Int
    var requests: Requests

    init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        self = try JSONDecoder().decode(SummaryFile.self, from: data)
    }
}

/// A scenario of two sites and 300 synthetic jobs that runs in well under a second.
let twoSiteScenario = """
    name: two-sites
    seed: 11
    catalogue:
      images:
        - {name: images.example.org/tools:1.0, size: 2GiB}
      datasets:
        - {name: survey, size: 40GiB, replicas: [north]}
    sites:
      - name: north
        cores: 32
        memory: 128GiB
        image-cache: {capacity: 1, pull-time: PT2M}
      - name: south
        cores: 16
        memory: 64GiB
        staging-bandwidth: 1Gbit/s
    workload:
      synthetic:
        jobs: 300
        arrivals-per-hour: 40
        cores: {empirical: [1, 2, 4, 8]}
        memory-per-core: 2GiB
        run-time: {exponential: {mean: PT45M}}
        users: 12
    client:
      think-time: {exponential: {mean: PT1M}}

    """
