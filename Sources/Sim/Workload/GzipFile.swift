import CZlib

/// An open gzip file. This type is the only place that touches the zlib
/// handle: `init` opens it and `deinit` closes it.
final class GzipFile {
    private let handle: gzFile
    let path: String

    /// Opens the file for reading, or returns nil when zlib cannot open it.
    init?(path: String) {
        guard let handle = gzopen(path, "rb") else { return nil }
        self.handle = handle
        self.path = path
    }

    deinit {
        gzclose(handle)
    }

    /// Reads and decompresses the whole file; concatenated gzip members are
    /// read as one stream, as `gunzip` does.
    func readAll() throws(GzipError) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                gzread(handle, buffer.baseAddress, UInt32(buffer.count))
            }
            if count < 0 {
                throw GzipError(message: lastError() ?? "gzread failed")
            }
            if count == 0 {
                if let message = lastError() { throw GzipError(message: message) }
                return output
            }
            output.append(contentsOf: chunk[0..<Int(count)])
        }
    }

    private func lastError() -> String? {
        var code: Int32 = 0
        let message = gzerror(handle, &code)
        guard code != Z_OK, code != Z_STREAM_END else { return nil }
        if let message { return String(cString: message) }
        return "zlib error \(code)"
    }
}

/// A zlib error message.
struct GzipError: Error {
    var message: String
}
