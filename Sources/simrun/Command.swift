import BrokerModel
import Codecs
import Foundation
import Results
import Sim

/// Exit statuses, following the BSD sysexits convention for input errors.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
}

/// An error with the message to print and the exit status to return.
struct CommandFailure: Error {
    var message: String
    var status: Int32
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Carries out one parsed command line.
struct Command {
    let arguments: Arguments

    func execute() throws -> Int32 {
        switch arguments.command {
        case .help:
            print(Arguments.usage, terminator: "")
            return ExitStatus.success
        case .validate(let file):
            let scenario = try load(file)
            let workload = try prepare(scenario)
            var line =
                "\(file): valid scenario '\(scenario.name)' with \(scenario.sites.count) sites "
                + "and \(workload.jobs.count) jobs"
            if scenario.variants.count > 1 || scenario.replications > 1 {
                line +=
                    "; \(scenario.variants.count) variants × \(scenario.replications) "
                    + "replications = \(scenario.runPlans.count) runs"
            }
            print(line)
            for line in workload.report { print("  \(line)") }
            let unfit = workload.jobs.filter { job in
                !scenario.sites.contains { site in
                    job.milliCores <= site.capacity.milliCores
                        && job.memoryMiB <= site.capacity.memoryMiB
                        && job.milliGPUs <= site.capacity.milliGPUs
                }
            }.count
            if unfit > 0 {
                print(
                    "  warning: \(unfit) jobs need more cores, memory or GPUs than any site has; "
                        + "every request of theirs will be answered NO")
            }
            return ExitStatus.success
        case .run(let file):
            return try run(file)
        case .check(let folder):
            return try check(folder)
        case .convert(let file, let format, let type):
            return try convert(file, to: format, type: type)
        }
    }

    func load(_ file: String) throws -> Scenario {
        do {
            var scenario = try ScenarioLoader.load(path: file)
            if let seed = arguments.seed { scenario = scenario.withSeed(seed) }
            return scenario
        } catch let error as ScenarioFileError {
            throw CommandFailure(message: error.description, status: ExitStatus.noInput)
        } catch let error as YAMLError {
            throw CommandFailure(message: error.description, status: ExitStatus.dataError)
        }
    }

    func prepare(_ scenario: Scenario) throws -> PreparedWorkload {
        do {
            return try scenario.prepareWorkload()
        } catch let error as SWFReadError {
            throw CommandFailure(message: error.description, status: status(of: error))
        } catch let error as AlibabaReadError {
            let missing: Bool
            switch error {
            case .fileNotFound, .unreadable: missing = true
            default: missing = false
            }
            throw CommandFailure(
                message: error.description,
                status: missing ? ExitStatus.noInput : ExitStatus.dataError)
        }
    }

    /// 66 when the trace cannot be opened or read, 65 when its content is invalid.
    func status(of error: SWFReadError) -> Int32 {
        switch error {
        case .fileNotFound, .unreadable: ExitStatus.noInput
        default: ExitStatus.dataError
        }
    }

    private func run(_ file: String) throws -> Int32 {
        let scenario = try load(file)
        // Read the workload before anything is written, so that its errors
        // get their own exit status and leave no run folder behind.
        let workload = try prepare(scenario)
        let runFolder = try RunFolder.prepare(
            out: arguments.out, folderName: Scenario.folderName(scenario.name),
            replace: arguments.replace)
        do {
            if scenario.variants.count > 1 || scenario.replications > 1 {
                return try runExperiment(scenario, in: runFolder)
            }
            return try runOnce(scenario, workload: workload, in: runFolder)
        } catch {
            runFolder.discard()
            throw error
        }
    }

    /// Runs a scenario of one variant and one replication.
    private func runOnce(_ scenario: Scenario, workload: PreparedWorkload, in runFolder: RunFolder)
        throws -> Int32
    {
        let folder = runFolder.working

        let reporter = ProgressReporter(
            enabled: arguments.progress ?? (isatty(STDERR_FILENO) == 1))
        let started = Date()
        let output: RunOutput
        do {
            output = try scenario.run(
                variant: scenario.variants[0], workload: workload,
                databasePath: arguments.database ? folder + "/results.sqlite" : nil,
                recordsTimeline: true, progress: reporter.report)
        } catch let error as SWFReadError {
            throw CommandFailure(message: error.description, status: status(of: error))
        }
        reporter.finish()
        if arguments.stats {
            let seconds = Date().timeIntervalSince(started)
            printError(
                "stats: \(scenario.sites.count) sites, \(output.summary.workloadJobs) jobs, "
                    + "\(output.outcome.events) events, "
                    + String(format: "%.3f s", seconds))
        }

        let json = output.summary.jsonData()
        try write(json, to: folder + "/summary.json")
        try write(Data(output.summary.csvText().utf8), to: folder + "/summary.csv")
        let report = Self.reportData(
            scenario: scenario,
            comparison: Self.comparison(scenario: scenario, outputs: [[output]]),
            outputs: [[output]])
        try write(Data(report.renderHTML().utf8), to: folder + "/report.html")
        try runFolder.commit()

        switch arguments.format {
        case .json:
            FileHandle.standardOutput.write(json)
            printError("Results written to \(runFolder.path)/")
        case .table:
            print(output.summary.renderText(), terminator: "")
            let files =
                (arguments.database ? ["results.sqlite"] : [])
                + ["summary.json", "summary.csv", "report.html"]
            print("\nResults written to \(runFolder.path)/ (\(files.joined(separator: ", ")))")
        }
        return ExitStatus.success
    }

    func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(
                message: "cannot write '\(path)': \(error.localizedDescription)",
                status: ExitStatus.failure)
        }
    }

}

/// Shows the run's progress on one line of standard error.
final class ProgressReporter {
    let enabled: Bool
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func report(_ progress: SimulationProgress) {
        guard enabled else { return }
        let percent = progress.jobCount == 0 ? 100 : progress.jobsArrived * 100 / progress.jobCount
        let day = Double(progress.now) / 86_400_000
        let line = String(
            format: "\r  %3d%% of jobs arrived (%d of %d), simulated day %.1f, %d events",
            percent, progress.jobsArrived, progress.jobCount, day, progress.events)
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    func finish() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
