import Foundation
import Results
import Sim

extension Command {
    /// Runs every variant with every replication and writes the comparison:
    /// `summary.json` and `summary.csv` at the top of the run folder, and
    /// each run's own files under `runs/VARIANT/REPLICATION/`.
    func runExperiment(_ scenario: Scenario, in runFolder: RunFolder) throws -> Int32 {
        let folder = runFolder.working
        let plans = scenario.runPlans
        let names = scenario.variants.map { Scenario.folderName($0.name) }
        let database = arguments.database
        for plan in plans {
            try createFolder(Self.runFolder(folder, names[plan.variant], plan.replication))
        }

        let showProgress = arguments.progress ?? (isatty(STDERR_FILENO) == 1)
        let total = plans.count
        let started = Date()
        let outputs: [[RunOutput]]
        do {
            outputs = try scenario.runExperiment(
                databasePath: { plan in
                    database
                        ? Self.runFolder(folder, names[plan.variant], plan.replication)
                            + "/results.sqlite" : nil
                },
                finished: { count in
                    guard showProgress else { return }
                    let line = "\r  runs finished: \(count) of \(total)"
                    FileHandle.standardError.write(Data(line.utf8))
                })
        } catch let error as SWFReadError {
            throw CommandFailure(message: error.description, status: status(of: error))
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        if arguments.stats {
            let events = outputs.joined().map(\.outcome.events).reduce(0, +)
            let seconds = Date().timeIntervalSince(started)
            printError(
                "stats: \(total) runs, \(scenario.sites.count) sites, "
                    + "\(outputs[0][0].summary.workloadJobs) jobs per run, \(events) events, "
                    + String(format: "%.3f s", seconds))
        }

        for plan in plans {
            let output = outputs[plan.variant][plan.replication]
            let runFolder = Self.runFolder(folder, names[plan.variant], plan.replication)
            try write(output.summary.jsonData(), to: runFolder + "/summary.json")
            try write(Data(output.summary.csvText().utf8), to: runFolder + "/summary.csv")
        }
        let comparison = Self.comparison(scenario: scenario, outputs: outputs)
        let json = comparison.jsonData()
        try write(json, to: folder + "/summary.json")
        try write(Data(comparison.csvText().utf8), to: folder + "/summary.csv")
        let report = Self.reportData(scenario: scenario, comparison: comparison, outputs: outputs)
        try write(Data(report.renderHTML().utf8), to: folder + "/report.html")
        try runFolder.commit()

        switch arguments.format {
        case .json:
            FileHandle.standardOutput.write(json)
            printError("Results written to \(runFolder.path)/")
        case .table:
            print(comparison.renderText(), terminator: "")
            print(
                "\nResults written to \(runFolder.path)/ (summary.json, summary.csv, report.html; "
                    + "each run's files under runs/)")
        }
        return ExitStatus.success
    }

    /// The folder of one run: `runs/VARIANT/REPLICATION` with replications counted from 1.
    static func runFolder(_ folder: String, _ variant: String, _ replication: Int) -> String {
        "\(folder)/runs/\(variant)/\(replication + 1)"
    }

    private func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(
                message: "cannot create the folder '\(path)': \(error.localizedDescription)",
                status: ExitStatus.failure)
        }
    }
}
