import Foundation

/// The folder a run writes. The run writes into a working folder beside
/// it, and only a run that wrote everything replaces an earlier folder, so
/// a failed run never destroys the results it was meant to replace.
struct RunFolder {
    /// The folder where the results end up.
    let path: String
    /// The folder the run writes into until it has finished: `path` + `.incomplete`.
    let working: String
    /// Whether `path` holds an earlier run that `commit` replaces.
    let replacesEarlier: Bool

    /// The entries that simrun writes into a run folder; `--replace`
    /// deletes only folders made of these.
    static let runEntries: Set<String> = [
        "results.sqlite", "summary.json", "summary.csv", "report.html", "runs",
    ]

    /// Chooses the folder: `out` as given, or the first free one of
    /// `results/NAME`, `results/NAME-2`, … unless `replace` is set, and
    /// creates the working folder.
    static func prepare(out: String?, folderName: String, replace: Bool) throws -> RunFolder {
        let manager = FileManager.default
        var path: String
        if let out {
            path = out
            if manager.fileExists(atPath: path), !replace, !(isEmptyFolder(path)) {
                throw CommandFailure(
                    message: "the run folder '\(path)' already exists and is not empty; "
                        + "add --replace to overwrite it or choose another --out",
                    status: ExitStatus.failure)
            }
        } else {
            let base = "results/" + folderName
            path = base
            var number = 2
            while !replace, manager.fileExists(atPath: path) {
                path = "\(base)-\(number)"
                number += 1
            }
        }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }

        let replacesEarlier = manager.fileExists(atPath: path) && !isEmptyFolder(path)
        if replacesEarlier { try checkReplaceable(path) }
        let working = path + ".incomplete"
        do {
            if manager.fileExists(atPath: working) {
                try checkReplaceable(working)
                try manager.removeItem(atPath: working)
            }
            try manager.createDirectory(atPath: working, withIntermediateDirectories: true)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(
                message: "cannot create the run folder '\(working)': \(error.localizedDescription)",
                status: ExitStatus.failure)
        }
        return RunFolder(path: path, working: working, replacesEarlier: replacesEarlier)
    }

    /// Moves the finished run into place, replacing an earlier run.
    func commit() throws {
        let manager = FileManager.default
        do {
            if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
            try manager.moveItem(atPath: working, toPath: path)
        } catch {
            throw CommandFailure(
                message: "cannot move the finished run from '\(working)' to '\(path)': "
                    + "\(error.localizedDescription); the results are in '\(working)'",
                status: ExitStatus.failure)
        }
    }

    /// Removes the working folder of a run that failed; an earlier run at
    /// `path` stays as it was.
    func discard() {
        try? FileManager.default.removeItem(atPath: working)
    }

    private static func isEmptyFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
            isFolder.boolValue
        else { return false }
        return (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty ?? false
    }

    /// Throws unless `path` is a folder that holds only what simrun writes.
    private static func checkReplaceable(_ path: String) throws {
        var isFolder: ObjCBool = false
        let manager = FileManager.default
        guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(
                message: "'\(path)' is a file, not a run folder; choose another --out",
                status: ExitStatus.failure)
        }
        let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        let foreign = entries.filter { !runEntries.contains($0) }.sorted()
        guard foreign.isEmpty else {
            throw CommandFailure(
                message:
                    "'\(path)' holds files that simrun did not write "
                    + "(\(foreign.prefix(3).joined(separator: ", "))"
                    + "\(foreign.count > 3 ? ", …" : "")), so --replace leaves it alone; "
                    + "choose another --out or remove the folder yourself",
                status: ExitStatus.failure)
        }
    }
}
