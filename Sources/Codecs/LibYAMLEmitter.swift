import CYAML
import Foundation

/// A libyaml emitter writing UTF-8 into memory through the event API.
///
/// This is the only type that touches libyaml's emitter C API. It owns the emitter state
/// and the output buffer that libyaml's write handler appends to: `init` allocates both and
/// `deinit` frees them. Instances are not thread-safe.
final class LibYAMLEmitter {
    /// The bytes libyaml has written so far. A class, so that the C write handler can reach
    /// it through an unmanaged pointer.
    private final class Output {
        var bytes: [UInt8] = []
    }

    enum ScalarStyle {
        case plain
        case singleQuoted
        case doubleQuoted
    }

    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output = Output()

    init() throws(WireError) {
        emitter = .allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) != 0 else {
            emitter.deallocate()
            throw WireError(
                format: .yaml, source: "", problem: "libyaml failed to allocate an emitter")
        }
        // The emitter keeps this pointer; `output` lives as long as `self`, which outlives
        // the emitter state freed in `deinit`.
        let context = Unmanaged.passUnretained(output).toOpaque()
        yaml_emitter_set_output(
            emitter,
            { context, buffer, size in
                guard let context, let buffer else { return 0 }
                let output = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
                output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, context)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        // A negative width turns off line folding of long scalars.
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    /// The bytes written so far.
    var bytes: [UInt8] { output.bytes }

    func streamStart() throws(WireError) {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try emit(&event)
    }

    func streamEnd() throws(WireError) {
        var event = yaml_event_t()
        yaml_stream_end_event_initialize(&event)
        try emit(&event)
        yaml_emitter_flush(emitter)
    }

    func documentStart() throws(WireError) {
        var event = yaml_event_t()
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try emit(&event)
    }

    func documentEnd() throws(WireError) {
        var event = yaml_event_t()
        yaml_document_end_event_initialize(&event, 1)
        try emit(&event)
    }

    func mappingStart() throws(WireError) {
        var event = yaml_event_t()
        yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
        try emit(&event)
    }

    func mappingEnd() throws(WireError) {
        var event = yaml_event_t()
        yaml_mapping_end_event_initialize(&event)
        try emit(&event)
    }

    func sequenceStart() throws(WireError) {
        var event = yaml_event_t()
        yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
        try emit(&event)
    }

    func sequenceEnd() throws(WireError) {
        var event = yaml_event_t()
        yaml_sequence_end_event_initialize(&event)
        try emit(&event)
    }

    /// Emits a scalar without a tag. libyaml may still pick a quoted style when `style`
    /// cannot show the text, such as plain style for `a: b`.
    func scalar(_ text: String, style: ScalarStyle) throws(WireError) {
        // A terminating zero keeps the buffer non-empty for the empty string; libyaml
        // copies `length` bytes and never reads the zero.
        var value = Array(text.utf8)
        let length = Int32(value.count)
        value.append(0)
        let libyamlStyle: yaml_scalar_style_t =
            switch style {
            case .plain: YAML_PLAIN_SCALAR_STYLE
            case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
            case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
            }
        var event = yaml_event_t()
        let created = value.withUnsafeMutableBufferPointer { buffer in
            yaml_scalar_event_initialize(
                &event, nil, nil, buffer.baseAddress, length, 1, 1, libyamlStyle)
        }
        guard created != 0 else {
            throw WireError(format: .yaml, source: "", problem: "libyaml ran out of memory")
        }
        try emit(&event)
    }

    /// Passes an event to libyaml, which frees the event's content whether or not it
    /// succeeds.
    private func emit(_ event: inout yaml_event_t) throws(WireError) {
        guard yaml_emitter_emit(emitter, &event) != 0 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
            throw WireError(
                format: .yaml, source: "", problem: "libyaml failed to emit: \(problem)")
        }
    }
}
