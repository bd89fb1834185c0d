import BrokerModel
import Codecs
import Foundation

/// The broker messages that `simrun convert` reads, named as their XML root elements.
enum BrokerMessage: String, CaseIterable {
    case executionRequest = "ExecutionRequest"
    case offerSet = "OfferSet"
    case executionSession = "ExecutionSession"
    case update = "Update"

    static let names = allCases.map(\.rawValue).joined(separator: ", ")

    /// Guesses the message from its top-level field names, each of which only one message
    /// has: `offers`, then `path` with `value`, then `phase` or `uuid`, then `executable`.
    init?(fields: [String]) {
        let names = Set(fields)
        if names.contains("offers") {
            self = .offerSet
        } else if names.contains("path") && names.contains("value") {
            self = .update
        } else if names.contains("phase") || names.contains("uuid") {
            self = .executionSession
        } else if names.contains("executable") {
            self = .executionRequest
        } else {
            return nil
        }
    }

    /// Decodes the message from `data` in `input` and encodes it in `output`.
    func convert(_ data: Data, from input: WireFormat, to output: WireFormat, source: String)
        throws(WireError) -> Data
    {
        switch self {
        case .executionRequest:
            try output.encode(input.decode(ExecutionRequest.self, from: data, source: source))
        case .offerSet:
            try output.encode(input.decode(OfferSet.self, from: data, source: source))
        case .executionSession:
            try output.encode(input.decode(ExecutionSession.self, from: data, source: source))
        case .update:
            try output.encode(input.decode(Update.self, from: data, source: source))
        }
    }
}

extension Command {
    /// Reads a broker message from `file` and writes it in `format` on standard output.
    func convert(_ file: String, to format: WireFormat, type: String?) throws -> Int32 {
        var named: BrokerMessage?
        if let type {
            guard let message = BrokerMessage(rawValue: type) else {
                throw UsageError(
                    message:
                        "invalid message type '\(type)'; expected one of \(BrokerMessage.names)")
            }
            named = message
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(
                message: "cannot read message file '\(file)': no such file or not readable",
                status: ExitStatus.noInput)
        }
        let input = WireFormat.detect(path: file, content: data)

        do {
            let converted = try message(detectedIn: data, input: input, file: file, given: named)
                .convert(data, from: input, to: format, source: file)
            FileHandle.standardOutput.write(converted)
        } catch let error as WireError {
            throw CommandFailure(message: error.description, status: ExitStatus.dataError)
        }
        return ExitStatus.success
    }

    /// Returns the given message type, or the one that the XML root element or the
    /// top-level fields name.
    private func message(
        detectedIn data: Data, input: WireFormat, file: String, given: BrokerMessage?
    ) throws -> BrokerMessage {
        if let given { return given }
        let outline = try input.outline(of: data, source: file)
        if let root = outline.rootElement {
            guard let message = BrokerMessage(rawValue: root) else {
                throw CommandFailure(
                    message: "\(file): the root element <\(root)> is not a broker message; "
                        + "expected one of \(BrokerMessage.names)",
                    status: ExitStatus.dataError)
            }
            return message
        }
        guard let message = BrokerMessage(fields: outline.fields) else {
            throw CommandFailure(
                message: "\(file): cannot tell which broker message the fields form; "
                    + "add --type with one of \(BrokerMessage.names)",
                status: ExitStatus.dataError)
        }
        return message
    }
}
