import Foundation

/// Writes a `WireValue` as a YAML document in block style through libyaml's emitter.
///
/// Strings that a YAML 1.1 or 1.2 reader would take for another type, or that would lose
/// characters in plain style, are quoted so that every reader gets the same string back.
enum YAMLWriter {
    static func write(_ value: WireValue) throws(WireError) -> Data {
        let emitter = try LibYAMLEmitter()
        try emitter.streamStart()
        try emitter.documentStart()
        try write(value, to: emitter)
        try emitter.documentEnd()
        try emitter.streamEnd()
        return Data(emitter.bytes)
    }

    private static func write(_ value: WireValue, to emitter: LibYAMLEmitter) throws(WireError) {
        switch value {
        case .null:
            try emitter.scalar("null", style: .plain)
        case .bool(let flag):
            try emitter.scalar(flag ? "true" : "false", style: .plain)
        case .number(let text):
            try emitter.scalar(text, style: .plain)
        case .string(let text):
            try emitter.scalar(text, style: style(for: text))
        case .array(let items):
            try emitter.sequenceStart()
            for item in items {
                try write(item, to: emitter)
            }
            try emitter.sequenceEnd()
        case .object(let fields, _):
            try emitter.mappingStart()
            for field in fields {
                try emitter.scalar(field.key, style: style(for: field.key))
                try write(field.value, to: emitter)
            }
            try emitter.mappingEnd()
        }
    }

    /// Words that YAML 1.1 reads as booleans or null, compared in lower case. YAML 1.2
    /// keeps only true, false, null and `~`, but many readers still follow YAML 1.1.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "=", "<<",
    ]

    /// Chooses the style that keeps `text` a string for YAML 1.1 and 1.2 readers.
    ///
    /// Plain style is kept only for text that starts with a letter or another character
    /// that starts no number, date or special value in either version, and that has no
    /// line break, tab or outer space. libyaml quotes the rest of the plain texts it cannot
    /// show, such as `a: b` or `#tag`.
    static func style(for text: String) -> LibYAMLEmitter.ScalarStyle {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
            return .singleQuoted
        }
        if reservedWords.contains(text.lowercased()) {
            return .singleQuoted
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .doubleQuoted
        }
        if first == " " || last == " " {
            return .singleQuoted
        }
        // Digits start numbers, dates and YAML 1.1 sexagesimal numbers; `+`, `-` and `.`
        // start signed numbers and `.inf` or `.nan`.
        if ("0"..."9").contains(first) || first == "+" || first == "-" || first == "." {
            return .singleQuoted
        }
        return .plain
    }
}
