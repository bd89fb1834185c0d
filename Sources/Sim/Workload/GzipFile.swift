import CZlib
import Foundation

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
    /// read as one stream, as `gunzip` does. Throws `GzipError.tooLarge`
    /// as soon as the output would pass `maxBytes`, so a small file that
    /// expands to gigabytes allocates at most `maxBytes` plus one chunk.
    func readAll(maxBytes: Int = WorkloadLimits.maxInputBytes) throws(GzipError) -> [UInt8] {
        var output = BoundedBytes(maxBytes: maxBytes)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                gzread(handle, buffer.baseAddress, UInt32(buffer.count))
            }
            if count < 0 {
                throw .zlib(message: lastError() ?? "gzread failed")
            }
            if count == 0 {
                if let message = lastError() { throw .zlib(message: message) }
                return output.bytes
            }
            guard output.append(chunk[0..<Int(count)]) else { throw .tooLarge }
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

/// A failure to read a gzip file.
enum GzipError: Error, Equatable {
    /// zlib failed with this message.
    case zlib(message: String)
    /// The decompressed data is larger than the limit.
    case tooLarge
}

/// A failure to read a workload file.
enum WorkloadFileError: Error {
    case unreadable(reason: String)
    /// The file, after gzip decompression, is larger than the limit.
    case tooLarge
    /// The file starts with the gzip magic bytes, and zlib failed.
    case invalidGzip(message: String)
}

/// Reads workload files whole, with a size limit.
enum WorkloadFile {
    /// Reads a file, decompressing it when it starts with the gzip magic
    /// bytes `1f 8b`, and throws `.tooLarge` before the data passes
    /// `maxBytes`. The caller checks first that the file exists.
    static func readBytes(path: String, maxBytes: Int) throws(WorkloadFileError) -> [UInt8] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(reason: error.localizedDescription)
        }
        defer { try? handle.close() }

        var output = BoundedBytes(maxBytes: maxBytes)
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if output.bytes.isEmpty, chunk.count >= 2, chunk[chunk.startIndex] == 0x1F,
                    chunk[chunk.startIndex + 1] == 0x8B
                {
                    return try readGzip(path: path, maxBytes: maxBytes)
                }
                guard output.append(chunk) else { throw WorkloadFileError.tooLarge }
            }
        } catch let error as WorkloadFileError {
            throw error
        } catch {
            throw .unreadable(reason: error.localizedDescription)
        }
        return output.bytes
    }

    private static func readGzip(path: String, maxBytes: Int) throws(WorkloadFileError)
        -> [UInt8]
    {
        guard let file = GzipFile(path: path) else {
            throw .unreadable(reason: "zlib cannot open the file")
        }
        do {
            return try file.readAll(maxBytes: maxBytes)
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge
            case .zlib(let message): throw .invalidGzip(message: message)
            }
        }
    }
}

/// A byte array that grows to at most `maxBytes`, so a rejected input never
/// makes the array reserve memory past the limit.
private struct BoundedBytes {
    let maxBytes: Int
    var bytes: [UInt8] = []

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Appends `chunk`, or returns false, leaving the bytes unchanged, when
    /// the total would pass `maxBytes`.
    mutating func append(_ chunk: some Collection<UInt8>) -> Bool {
        let total = bytes.count + chunk.count
        guard total <= maxBytes else { return false }
        if total > bytes.capacity {
            // Doubling keeps appends amortized; the cap keeps the reserve
            // within the limit.
            bytes.reserveCapacity(min(maxBytes, max(total, bytes.capacity * 2)))
        }
        bytes.append(contentsOf: chunk)
        return true
    }
}
