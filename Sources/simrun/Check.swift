import Foundation
import Results
import Sim

extension Command {
    /// Reruns every scenario `NAME.yaml` of a folder and compares its summary
    /// with `NAME.expected.json`, or rewrites the expected files with `--update`.
    ///
    /// Runs are deterministic, so any difference at all is reported: text
    /// figures must be equal and numbers equal to the last bit.
    func check(_ folder: String) throws -> Int32 {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: folder) else {
            throw CommandFailure(
                message: "cannot read the folder '\(folder)': no such folder or not readable",
                status: ExitStatus.noInput)
        }
        let files = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else {
            throw CommandFailure(
                message: "the folder '\(folder)' has no scenario files (*.yaml)",
                status: ExitStatus.noInput)
        }

        // NAME.yaml and NAME.yml would share NAME.expected.json.
        let stems = files.map { ($0 as NSString).deletingPathExtension }
        if let clash = stems.first(where: { stem in stems.filter { $0 == stem }.count > 1 }) {
            throw CommandFailure(
                message: "the folder '\(folder)' has both \(clash).yaml and \(clash).yml, "
                    + "which would share \(clash).expected.json; rename one",
                status: ExitStatus.dataError)
        }

        var moved = 0
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            let expectedPath =
                ((path as NSString).deletingPathExtension as String) + ".expected.json"
            let got = try summaryJSON(of: path)

            if arguments.update {
                try write(got, to: expectedPath)
                print("updated  \(file) -> \((expectedPath as NSString).lastPathComponent)")
                continue
            }
            guard let expected = manager.contents(atPath: expectedPath) else {
                throw CommandFailure(
                    message: "missing expected summary '\(expectedPath)'; run "
                        + "'simrun check \(folder) --update' to write it",
                    status: ExitStatus.noInput)
            }
            let differences = try SummaryDifference.compare(
                expected: expected, got: got, source: expectedPath)
            if differences.isEmpty {
                print("ok       \(file)")
            } else {
                moved += 1
                print("MOVED    \(file): \(differences.count) figures differ")
                let shown = Array(SummaryDifference.runFiguresFirst(differences).prefix(60))
                print(SummaryDifference.table(shown), terminator: "")
                if shown.count < differences.count {
                    print("  (\(differences.count - shown.count) more figures differ)")
                }
            }
        }
        guard moved == 0 else {
            printError(
                "Error: \(moved) of \(files.count) scenarios moved; if the change is intended, "
                    + "run 'simrun check \(folder) --update' and commit the expected files")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }

    /// Runs a scenario in memory and returns the bytes its `summary.json` would have.
    private func summaryJSON(of path: String) throws -> Data {
        let scenario = try load(path)
        let workload = try prepare(scenario)
        do {
            if scenario.variants.count == 1, scenario.replications == 1 {
                let output = try scenario.run(
                    variant: scenario.variants[0], workload: workload, databasePath: nil,
                    recordsTimeline: false, progress: nil)
                return output.summary.jsonData()
            }
            let outputs = try scenario.runExperiment(databasePath: { _ in nil })
            return ExperimentSummary(
                scenarioName: scenario.name, seed: scenario.seed,
                variants: scenario.variants.enumerated().map { index, variant in
                    ExperimentSummary.VariantRuns(
                        name: variant.name, changes: variant.changes,
                        runs: outputs[index].map(\.summary))
                }
            ).jsonData()
        } catch let error as SWFReadError {
            throw CommandFailure(message: error.description, status: status(of: error))
        }
    }
}

/// One figure whose value differs between an expected and a new summary.
struct SummaryDifference: Equatable {
    var figure: String
    var expected: String
    var got: String
    /// got − expected, when both are numbers.
    var difference: Double?

    /// Compares two summaries figure by figure. Paths name array elements
    /// by their `name` (and `site`) where they have one, by index otherwise.
    static func compare(expected: Data, got: Data, source: String) throws -> [SummaryDifference] {
        let old: [String: Any]
        do {
            let object = try JSONSerialization.jsonObject(with: expected)
            guard object is [String: Any] else {
                throw CommandFailure(
                    message: "invalid expected summary '\(source)': expected a JSON object",
                    status: ExitStatus.dataError)
            }
            old = flatten(object)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(
                message: "invalid expected summary '\(source)': \(error.localizedDescription)",
                status: ExitStatus.dataError)
        }
        let new = try flatten(JSONSerialization.jsonObject(with: got))
        var differences: [SummaryDifference] = []
        for key in Set(old.keys).union(new.keys).sorted() {
            let before = old[key]
            let after = new[key]
            if (before is String) != (after is String) {
                differences.append(
                    SummaryDifference(
                        figure: key, expected: text(before), got: text(after), difference: nil))
            } else if let before = before as? NSNumber, let after = after as? NSNumber {
                guard before.doubleValue != after.doubleValue else { continue }
                differences.append(
                    SummaryDifference(
                        figure: key, expected: before.stringValue, got: after.stringValue,
                        difference: after.doubleValue - before.doubleValue))
            } else if text(before) != text(after) {
                differences.append(
                    SummaryDifference(
                        figure: key, expected: text(before), got: text(after), difference: nil))
            }
        }
        return differences
    }

    /// Orders the differences with run-wide figures first and per-site ones after,
    /// each group in name order, so the figures a reader looks at first lead.
    static func runFiguresFirst(_ differences: [SummaryDifference]) -> [SummaryDifference] {
        func isSiteFigure(_ difference: SummaryDifference) -> Bool {
            difference.figure.contains("sites[") || difference.figure.contains("@")
        }
        return differences.filter { !isSiteFigure($0) } + differences.filter(isSiteFigure)
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil: "absent"
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: "\(value!)"
        }
    }

    /// Flattens JSON into `path: leaf` pairs.
    static func flatten(_ value: Any, path: String = "") -> [String: Any] {
        var result: [String: Any] = [:]
        if let object = value as? [String: Any] {
            for (key, child) in object {
                result.merge(flatten(child, path: path.isEmpty ? key : "\(path).\(key)")) { a, _ in
                    a
                }
            }
        } else if let array = value as? [Any] {
            for (index, child) in array.enumerated() {
                var label = "\(index)"
                if let object = child as? [String: Any], let name = object["name"] as? String {
                    label = name
                    if let site = object["site"] as? String { label += "@" + site }
                }
                result.merge(flatten(child, path: "\(path)[\(label)]")) { a, _ in a }
            }
        } else {
            result[path] = value
        }
        return result
    }

    /// Renders the differences as an aligned table: figure, expected, got, difference.
    static func table(_ differences: [SummaryDifference]) -> String {
        let rows = differences.map { difference in
            [
                difference.figure, difference.expected, difference.got,
                difference.difference.map { String(format: "%+.6g", $0) } ?? "",
            ]
        }
        let header = ["Figure", "Expected", "Got", "Difference"]
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            return "  "
                + padded.joined(separator: "  ").replacingOccurrences(
                    of: " +$", with: "", options: .regularExpression) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) })
            + rows.map(line).joined()
    }
}
