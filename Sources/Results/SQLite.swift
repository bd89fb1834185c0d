import CSQLite
import Foundation

/// A failed SQLite call: the result code, SQLite's message and the SQL it ran, if any.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The SQLite result code (for example `SQLITE_CONSTRAINT`, 19).
    public var code: Int32
    /// The message from `sqlite3_errmsg` or `sqlite3_errstr`.
    public var message: String
    /// The statement that failed, or `nil` for calls that run no SQL (open, close).
    public var sql: String?

    /// `SQLITE_MISUSE`, the code for calls made in the wrong state.
    public static let misuseCode: Int32 = SQLITE_MISUSE

    public init(code: Int32, message: String, sql: String?) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        if let sql {
            return "SQLite error \(code): \(message) (SQL: \(sql))"
        }
        return "SQLite error \(code): \(message)"
    }
}

/// A value read from a result column.
public enum SQLiteValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes): return "X'" + bytes.map { hexByte($0) }.joined() + "'"
        }
    }
}

private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// The `SQLITE_TRANSIENT` destructor, which makes SQLite copy a bound value before the
/// bind call returns. The C macro casts -1 to a function pointer, which Swift cannot import.
private var transientDestructor: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// An open SQLite database. This type and `SQLiteStatement` are the only code that calls
/// the C API. Not thread-safe: use one connection from one task at a time.
public final class SQLiteConnection {
    /// The `sqlite3 *` handle, or `nil` after `close()`.
    private var handle: OpaquePointer?

    /// The database file's path.
    public let path: String

    /// Opens the database file at `path`. With `replacing`, any existing file (and its
    /// journal) is deleted first so the database starts empty.
    public init(path: String, replacing: Bool = false, readOnly: Bool = false) throws {
        self.path = path
        if replacing {
            let files = FileManager.default
            for suffix in ["", "-journal", "-wal", "-shm"]
            where files.fileExists(atPath: path + suffix) {
                try files.removeItem(atPath: path + suffix)
            }
        }
        // A connection is used by one thread at a time, so SQLite's per-call
        // mutexes (its serialized mode) are not needed.
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message =
                opened.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw SQLiteError(
                code: code, message: "cannot open \(path): \(message)", sql: nil)
        }
        handle = opened
        sqlite3_extended_result_codes(opened, 1)
    }

    deinit {
        // sqlite3_close_v2 defers the close until every statement is finalized.
        sqlite3_close_v2(handle)
    }

    /// Closes the database. Statements still alive keep it open until they are released.
    public func close() throws {
        guard let current = handle else { return }
        let code = sqlite3_close_v2(current)
        handle = nil
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: String(cString: sqlite3_errstr(code)), sql: nil)
        }
    }

    /// Runs one or more SQL statements that return no rows of interest.
    public func exec(_ sql: String) throws {
        let current = try openHandle(for: sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(current, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? lastMessage(code: code)
            sqlite3_free(errorMessage)
            throw SQLiteError(code: code, message: message, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Starts a transaction.
    public func begin() throws { try exec("BEGIN") }

    /// Commits the open transaction.
    public func commit() throws { try exec("COMMIT") }

    /// Rolls back the open transaction.
    public func rollback() throws { try exec("ROLLBACK") }

    /// Whether no transaction is open (SQLite's autocommit mode).
    public var isAutocommit: Bool {
        guard let handle else { return true }
        return sqlite3_get_autocommit(handle) != 0
    }

    /// Runs `body` inside a transaction: commits when it returns, rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            if !isAutocommit {
                try? rollback()
            }
            throw error
        }
    }

    /// Sets pragmas for a file written once by one process: no rollback journal, no
    /// `fsync` and an exclusive lock, so a crash may leave a corrupt file. Call it before
    /// creating tables, because the page size only applies to a new database.
    public func configureForBulkWriting() throws {
        try exec(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA locking_mode = EXCLUSIVE;
            PRAGMA temp_store = FILE;
            PRAGMA cache_size = -65536;
            PRAGMA page_size = 16384;
            """)
    }

    /// Runs a query and returns every row, for tests and small reads.
    public func query(_ sql: String) throws -> [[SQLiteValue]] {
        let statement = try prepare(sql)
        var rows: [[SQLiteValue]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return rows
    }

    fileprivate func openHandle(for sql: String?) throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(
                code: SQLiteError.misuseCode, message: "the database \(path) is closed", sql: sql)
        }
        return handle
    }

    fileprivate func lastMessage(code: Int32) -> String {
        guard let handle else { return String(cString: sqlite3_errstr(code)) }
        return String(cString: sqlite3_errmsg(handle))
    }
}

/// A compiled SQL statement. Bind parameters by 1-based index, call `step()` until it
/// returns `false`, then `reset()` to run it again.
public final class SQLiteStatement {
    /// The `sqlite3_stmt *` handle, finalized in `deinit`.
    private let handle: OpaquePointer
    /// Kept so the database stays open while the statement exists.
    private let connection: SQLiteConnection
    /// The SQL text, for error messages.
    public let sql: String

    fileprivate init(connection: SQLiteConnection, sql: String) throws {
        let database = try connection.openHandle(for: sql)
        var compiled: OpaquePointer?
        let code = sqlite3_prepare_v3(
            database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &compiled, nil)
        guard code == SQLITE_OK, let compiled else {
            let message = connection.lastMessage(code: code)
            sqlite3_finalize(compiled)
            throw SQLiteError(code: code, message: message, sql: sql)
        }
        self.handle = compiled
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds an integer to the parameter at `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a floating-point value to the parameter at `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text to the parameter at `index` (1-based). SQLite copies the bytes.
    public func bind(_ value: String, at index: Int32) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, transientDestructor))
    }

    /// Binds SQL NULL to the parameter at `index` (1-based).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds an integer, or NULL for `nil`.
    public func bind(_ value: Int64?, at index: Int32) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds a floating-point value, or NULL for `nil`.
    public func bind(_ value: Double?, at index: Int32) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds text, or NULL for `nil`.
    public func bind(_ value: String?, at index: Int32) throws {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Runs the statement to its next row. Returns `true` when a row is available and
    /// `false` when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw SQLiteError(code: code, message: connection.lastMessage(code: code), sql: sql)
        }
    }

    /// Resets the statement so it can run again. Bound values are kept.
    public func reset() throws {
        try check(sqlite3_reset(handle))
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() throws {
        try check(sqlite3_clear_bindings(handle))
    }

    /// The number of columns in a result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Returns the value of column `index` (0-based) of the current row.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            let bytes = UnsafeBufferPointer(start: text, count: count)
            return .text(String(decoding: bytes, as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let bytes = UnsafeRawBufferPointer(start: blob, count: count)
            return .blob(Array(bytes))
        default:
            return .null
        }
    }

    /// Returns the integer value of column `index` (0-based), or 0 for NULL.
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Returns the floating-point value of column `index` (0-based), or 0 for NULL.
    public func double(at index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// Returns the text value of column `index` (0-based), or `nil` for NULL.
    public func string(at index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: connection.lastMessage(code: code), sql: sql)
        }
    }
}
