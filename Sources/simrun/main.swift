import Foundation

/// The entry point: parse, dispatch, and turn errors into `Error: ...` lines
/// with the exit status of their kind.
let words = Array(CommandLine.arguments.dropFirst())
let status: Int32
do {
    let arguments = try Arguments.parse(words)
    status = try Command(arguments: arguments).execute()
} catch let error as UsageError {
    printError("Error: \(error.message)\nRun 'simrun --help' for usage.")
    status = ExitStatus.usage
} catch let error as CommandFailure {
    printError("Error: \(error.message)")
    status = error.status
} catch {
    printError("Error: the run failed: \(error)")
    status = ExitStatus.failure
}
exit(status)
