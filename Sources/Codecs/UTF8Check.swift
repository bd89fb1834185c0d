import Foundation

/// Checks that input is valid UTF-8 before a reader sees it.
enum UTF8Check {
    /// Returns the line and column of the first byte that does not start a valid UTF-8
    /// sequence, with a description of the problem, or nil when all of `data` is valid.
    /// Overlong forms, surrogates and code points above U+10FFFF are invalid.
    static func firstInvalid(in data: Data) -> (mark: YAMLNode.Mark, problem: String)? {
        if String(validating: data, as: UTF8.self) != nil { return nil }

        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error(let length):
                let byte = data[data.startIndex + offset]
                let hex = String(byte, radix: 16, uppercase: true)
                let problem =
                    "the input is not valid UTF-8: byte 0x\(hex) at offset \(offset) starts an "
                    + "invalid sequence of \(length) byte\(length == 1 ? "" : "s")"
                return (YAMLNode.Mark(line: line, column: column), problem)
            case .emptyInput:
                return nil
            }
        }
    }
}
