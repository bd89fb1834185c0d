import Foundation
import Testing

@testable import Results

/// Returns a path for a new database in a fresh temporary directory.
func temporaryDatabasePath(_ name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ResultsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

@Suite struct SQLiteTests {
    @Test func typedBindsReadBack() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("binds.sqlite"))
        try database.exec("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT)")
        let insert = try database.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        try insert.bind(Int64.max, at: 1)
        try insert.bind(0.1, at: 2)
        try insert.bind("naïve, 'quoted' \"text\"", at: 3)
        try insert.bind(String?.none, at: 4)
        #expect(try insert.step() == false)
        try insert.reset()
        try insert.bind(Int64(-7), at: 1)
        try insert.bind(Double?.none, at: 2)
        try insert.bindNull(at: 3)
        try insert.bind("x", at: 4)
        try insert.step()

        let rows = try database.query("SELECT i, r, s, n FROM t ORDER BY rowid")
        #expect(
            rows[0] == [.integer(Int64.max), .real(0.1), .text("naïve, 'quoted' \"text\""), .null])
        #expect(rows[1] == [.integer(-7), .null, .null, .text("x")])
    }

    @Test func typedColumnAccessors() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("columns.sqlite"))
        let select = try database.prepare("SELECT 42, 2.5, 'text', NULL")
        #expect(try select.step())
        #expect(select.columnCount == 4)
        #expect(select.int64(at: 0) == 42)
        #expect(select.double(at: 1) == 2.5)
        #expect(select.string(at: 2) == "text")
        #expect(select.string(at: 3) == nil)
        #expect(try select.step() == false)
    }

    @Test func errorCarriesMessageAndSQL() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("errors.sqlite"))
        let sql = "SELECT * FROM missing_table"
        let error = #expect(throws: SQLiteError.self) { try database.prepare(sql) }
        #expect(error?.sql == sql)
        #expect(error?.message == "no such table: missing_table")
        #expect(error?.description.contains("missing_table") == true)
    }

    @Test func constraintErrorFromStep() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("constraint.sqlite"))
        try database.exec("CREATE TABLE t(id INTEGER PRIMARY KEY)")
        let insert = try database.prepare("INSERT INTO t VALUES (?1)")
        try insert.bind(Int64(1), at: 1)
        try insert.step()
        try insert.reset()
        let error = #expect(throws: SQLiteError.self) { try insert.step() }
        #expect(error?.message == "UNIQUE constraint failed: t.id")
        #expect(error?.sql == "INSERT INTO t VALUES (?1)")
    }

    @Test func transactionRollsBackOnError() throws {
        struct Failure: Error {}
        let database = try SQLiteConnection(path: try temporaryDatabasePath("rollback.sqlite"))
        try database.exec("CREATE TABLE t(x INTEGER)")
        #expect(throws: Failure.self) {
            try database.transaction {
                try database.exec("INSERT INTO t VALUES (1)")
                throw Failure()
            }
        }
        #expect(database.isAutocommit)
        #expect(try database.query("SELECT count(*) FROM t") == [[.integer(0)]])

        try database.transaction { try database.exec("INSERT INTO t VALUES (2)") }
        #expect(try database.query("SELECT x FROM t") == [[.integer(2)]])
    }

    @Test func replacingOpenStartsEmpty() throws {
        let path = try temporaryDatabasePath("replace.sqlite")
        let first = try SQLiteConnection(path: path)
        try first.exec("CREATE TABLE old(x INTEGER)")
        try first.close()

        let reopened = try SQLiteConnection(path: path)
        #expect(try reopened.query("SELECT name FROM sqlite_master") == [[.text("old")]])
        try reopened.close()

        let replaced = try SQLiteConnection(path: path, replacing: true)
        #expect(try replaced.query("SELECT name FROM sqlite_master").isEmpty)
    }

    @Test func closedConnectionThrows() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("closed.sqlite"))
        try database.close()
        let error = #expect(throws: SQLiteError.self) { try database.exec("SELECT 1") }
        #expect(error?.code == SQLiteError.misuseCode)
    }

    @Test func openingMissingFileReadOnlyFails() throws {
        let path = try temporaryDatabasePath("missing.sqlite")
        let error = #expect(throws: SQLiteError.self) {
            try SQLiteConnection(path: path, readOnly: true)
        }
        #expect(error?.message.contains(path) == true)
    }

    @Test func bulkWritingPragmas() throws {
        let database = try SQLiteConnection(path: try temporaryDatabasePath("pragmas.sqlite"))
        try database.configureForBulkWriting()
        #expect(try database.query("PRAGMA journal_mode") == [[.text("off")]])
        #expect(try database.query("PRAGMA synchronous") == [[.integer(0)]])
    }

    @Test func valueDescriptionsAreSQLLiterals() {
        #expect(SQLiteValue.null.description == "NULL")
        #expect(SQLiteValue.integer(-3).description == "-3")
        #expect(SQLiteValue.real(0.5).description == "0.5")
        #expect(SQLiteValue.text("it's").description == "'it''s'")
        #expect(SQLiteValue.blob([0x0A, 0xFF]).description == "X'0AFF'")
    }
}
