import Codecs

/// The parsed command line of `simrun`.
struct Arguments: Equatable {
    enum Command: Equatable {
        case run(file: String)
        case validate(file: String)
        case convert(file: String, to: WireFormat, type: String?)
        case check(folder: String)
        case help
    }

    enum Format: String, Equatable {
        case table
        case json
    }

    var command: Command
    var seed: UInt64?
    var out: String?
    var format: Format = .table
    var replace = false
    var database = true
    var progress: Bool?
    var stats = false
    /// The output format of `convert`, from `--to`.
    var convertTo: WireFormat?
    /// The message type of `convert`'s input, from `--type`.
    var messageType: String?
    /// Whether `check` rewrites the expected summaries instead of comparing.
    var update = false
}

/// A command line that `simrun` cannot act on; exits with status 64.
struct UsageError: Error, Equatable {
    var message: String
}

extension Arguments {
    /// Parses the arguments after the program name.
    static func parse(_ words: [String]) throws(UsageError) -> Arguments {
        var positional: [String] = []
        var arguments = Arguments(command: .help)
        var given: [String] = []
        var index = 0
        func value(of option: String) throws(UsageError) -> String {
            index += 1
            guard index < words.count, !words[index].hasPrefix("--") else {
                throw UsageError(message: "option '\(option)' needs a value")
            }
            return words[index]
        }

        while index < words.count {
            let word = words[index]
            var option = word
            var inline: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                option = String(word[..<equals])
                inline = String(word[word.index(after: equals)...])
            }
            func optionValue() throws(UsageError) -> String {
                if let inline { return inline }
                return try value(of: option)
            }
            if option.hasPrefix("--") { given.append(option) }
            switch option {
            case "-h", "--help":
                return Arguments(command: .help)
            case "--seed":
                let text = try optionValue()
                guard let seed = UInt64(text) else {
                    throw UsageError(
                        message:
                            "invalid seed '\(text)'; expected a whole number from 0 to 18446744073709551615"
                    )
                }
                arguments.seed = seed
            case "--out":
                arguments.out = try optionValue()
            case "--format":
                let text = try optionValue()
                guard let format = Format(rawValue: text) else {
                    throw UsageError(message: "invalid format '\(text)'; expected table or json")
                }
                arguments.format = format
            case "--replace":
                arguments.replace = true
            case "--no-database":
                arguments.database = false
            case "--progress":
                arguments.progress = true
            case "--no-progress":
                arguments.progress = false
            case "--stats":
                arguments.stats = true
            case "--to":
                let text = try optionValue()
                guard let format = WireFormat(rawValue: text) else {
                    throw UsageError(
                        message: "invalid output format '\(text)'; expected json, yaml or xml")
                }
                arguments.convertTo = format
            case "--type":
                arguments.messageType = try optionValue()
            case "--update":
                arguments.update = true
            default:
                guard !word.hasPrefix("-") || word == "-" else {
                    throw UsageError(message: "unknown option '\(word)'")
                }
                positional.append(word)
            }
            index += 1
        }

        try checkOptions(given, for: positional.first)
        switch positional.first {
        case nil:
            throw UsageError(message: "missing scenario file")
        case "help":
            return Arguments(command: .help)
        case "convert":
            guard positional.count == 2 else {
                throw UsageError(
                    message: positional.count < 2
                        ? "missing message file after 'convert'"
                        : "unexpected argument '\(positional[2])'")
            }
            guard let format = arguments.convertTo else {
                throw UsageError(message: "convert needs --to json, --to yaml or --to xml")
            }
            arguments.command = .convert(
                file: positional[1], to: format, type: arguments.messageType)
        case "check":
            guard positional.count == 2 else {
                throw UsageError(
                    message: positional.count < 2
                        ? "missing folder after 'check'"
                        : "unexpected argument '\(positional[2])'")
            }
            arguments.command = .check(folder: positional[1])
        case "run", "validate":
            guard positional.count == 2 else {
                throw UsageError(
                    message: positional.count < 2
                        ? "missing scenario file after '\(positional[0])'"
                        : "unexpected argument '\(positional[2])'")
            }
            arguments.command =
                positional[0] == "run" ? .run(file: positional[1]) : .validate(file: positional[1])
        default:
            guard positional.count == 1 else {
                throw UsageError(message: "unexpected argument '\(positional[1])'")
            }
            arguments.command = .run(file: positional[0])
        }
        return arguments
    }

    /// The options each command takes; `run` is also the command of a bare file.
    static let optionsByCommand: [String: Set<String>] = [
        "run": [
            "--seed", "--out", "--format", "--replace", "--no-database", "--progress",
            "--no-progress", "--stats",
        ],
        "validate": ["--seed"],
        "convert": ["--to", "--type"],
        "check": ["--update"],
        "help": [],
    ]

    /// Rejects an option that the command would otherwise ignore.
    private static func checkOptions(_ given: [String], for first: String?) throws(UsageError) {
        let command = first.flatMap { optionsByCommand[$0] != nil ? $0 : nil } ?? "run"
        let allowed = optionsByCommand[command] ?? []
        if let option = given.first(where: { !allowed.contains($0) }) {
            throw UsageError(message: "option '\(option)' does not apply to '\(command)'")
        }
    }

    static let usage = """
        USAGE: simrun [run] SCENARIO.yaml [--seed N] [--out DIR] [--replace] [--format table|json]
               simrun validate SCENARIO.yaml
               simrun convert MESSAGE-FILE --to json|yaml|xml [--type NAME]
               simrun check FOLDER [--update]
               simrun --help

        Runs the ExecutionBroker simulation described by a scenario file and
        writes a run folder with results.sqlite, summary.json, summary.csv and
        report.html.

        COMMANDS:
          run FILE          Run the scenario (the default when only FILE is given).
          validate FILE     Check the scenario file and its workload without running it.
          convert FILE      Write a broker message (ExecutionRequest, OfferSet,
                            ExecutionSession or Update) in another wire format on
                            standard output. The input format comes from the file
                            extension (.json, .yaml, .yml, .xml), or else from the
                            first character of the content.
          check FOLDER      Rerun every scenario FILE.yaml in FOLDER and compare
                            its summary with FILE.expected.json, figure by figure;
                            exits 1 with the differences when anything moved.
                            --update writes the expected files anew instead.

        OPTIONS:
          --seed N          Seed for every random draw, replacing the scenario's seed.
          --out DIR         The run folder to write. Without it, runs go to
                            results/<scenario name>/, or results/<name>-2/ and so on
                            when that folder is taken.
          --replace         Replace the run folder if it already exists.
          --format FORMAT   What to print on standard output: table (default), or
                            json for the bytes of summary.json.
          --no-database     Skip results.sqlite; summary.json and summary.csv are
                            still written.
          --progress        Show progress on standard error even when it is not a
                            terminal; --no-progress hides it.
          --stats           Print the number of events and the run's wall-clock time
                            on standard error, for benchmarks.
          --to FORMAT       The output format of convert: json, yaml or xml.
          --type NAME       The message type of convert's input, for input whose
                            XML root element or fields do not identify it.
          -h, --help        Show this help.

        EXIT STATUS:
          0 success, 1 the run failed, 64 usage error, 65 invalid input data,
          66 input file not found.

        """
}
