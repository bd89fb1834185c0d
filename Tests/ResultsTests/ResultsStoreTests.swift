import Testing

@testable import Results

/// Writes the same small run into `store`: two sites, two jobs, two offer sets, two
/// sessions and their phase changes, and the sample summary's metrics.
private func writeSampleRows(into store: ResultsStore) throws {
    try store.insertScenario([(key: "name", value: "two-sites"), (key: "seed", value: "42")])

    try store.insert(
        SiteRow(
            id: 0, name: "alpha, north", milliCores: 64_000, memoryMiB: 262_144,
            milliGPUs: 4000, gpuModel: "A100", imageCacheCapacity: 20, pullTimeMs: 30_000,
            stagingBandwidthBytesPerSecond: 1_250_000_000, setupMs: 5000, teardownMs: 2000))
    try store.insert(
        SiteRow(
            id: 1, name: "beta", milliCores: 32_000, memoryMiB: 131_072, milliGPUs: 0,
            gpuModel: nil, imageCacheCapacity: 10, pullTimeMs: 60_000,
            stagingBandwidthBytesPerSecond: 125_000_000, setupMs: 0, teardownMs: 0))

    try store.insert(
        RequestRow(
            job: 1, number: 101, arrivalMs: 1000, runTimeMs: 60_000, durationMs: 120_000,
            milliCores: 2000, memoryMiB: 4096, milliGPUs: 1000, image: "img:1",
            dataset: "ds-1", attempts: 2, outcome: "ran", acceptedMs: 3000,
            runningMs: 13_000, site: 0))
    try store.insert(
        RequestRow(
            job: 2, number: 102, arrivalMs: 2000, runTimeMs: 30_000, durationMs: 60_000,
            milliCores: 500, memoryMiB: 512, milliGPUs: 0, image: nil, dataset: nil,
            attempts: 1, outcome: "abandoned", acceptedMs: nil, runningMs: nil, site: nil))

    try store.insert(
        OfferSetRow(
            id: 1, uuid: "os-1", job: 1, attempt: 1, createdMs: 1000, expiresMs: 2000,
            result: "NO", offers: 0, message: "no site has a free GPU"))
    try store.insert(
        OfferSetRow(
            id: 2, uuid: "os-2", job: 1, attempt: 2, createdMs: 2500, expiresMs: 32_500,
            result: "YES", offers: 2, message: nil))

    try store.insert(
        SessionRow(
            id: 1, uuid: "s-1", offerSet: 2, job: 1, attempt: 2, site: 0, rank: 1,
            preparationStartMs: 3000, preparationMs: 10_000, runningStartMs: 13_000,
            durationMs: 60_000, teardownMs: 2000, milliCores: 2000, memoryMiB: 4096,
            milliGPUs: 1000, expiresMs: nil, held: true, finalPhase: "COMPLETED",
            message: nil))
    try store.insert(
        SessionRow(
            id: 2, uuid: "s-2", offerSet: 2, job: 1, attempt: 2, site: 1, rank: 2,
            preparationStartMs: nil, preparationMs: nil, runningStartMs: nil,
            durationMs: nil, teardownMs: nil, milliCores: 2000, memoryMiB: 4096,
            milliGPUs: 1000, expiresMs: 32_500, held: false, finalPhase: "REJECTED",
            message: "another offer was accepted"))

    let changes: [(Int64, Int64, String?, String)] = [
        (1, 2500, nil, "OFFERED"), (2, 2500, nil, "OFFERED"), (1, 3000, "OFFERED", "ACCEPTED"),
        (2, 3000, "OFFERED", "REJECTED"), (1, 3000, "ACCEPTED", "PREPARING"),
        (1, 13_000, "PREPARING", "RUNNING"), (1, 73_000, "RUNNING", "COMPLETED"),
    ]
    for (session, time, from, to) in changes {
        try store.insert(
            PhaseChangeRow(
                session: session, timeMs: time, fromPhase: from, toPhase: to, message: nil))
    }

    try store.insertMetrics(of: sampleSummary())
}

/// Returns every row of every table, in insertion order.
private func tableContents(atPath path: String) throws -> [String: [[SQLiteValue]]] {
    let database = try SQLiteConnection(path: path, readOnly: true)
    var contents: [String: [[SQLiteValue]]] = [:]
    let tables = [
        "scenario", "sites", "requests", "offer_sets", "sessions", "phase_changes", "metrics",
    ]
    for table in tables {
        contents[table] = try database.query("SELECT * FROM \(table) ORDER BY rowid")
    }
    return contents
}

@Suite struct ResultsStoreTests {
    @Test func rowsReadBackExactly() throws {
        let path = try temporaryDatabasePath("results.sqlite")
        let store = try ResultsStore(path: path)
        try writeSampleRows(into: store)
        try store.close()

        let database = try SQLiteConnection(path: path, readOnly: true)
        #expect(
            try database.query("SELECT key, value FROM scenario ORDER BY key") == [
                [.text("name"), .text("two-sites")], [.text("seed"), .text("42")],
            ])
        #expect(
            try database.query("SELECT * FROM sites WHERE id = 1") == [
                [
                    .integer(1), .text("beta"), .integer(32_000), .integer(131_072), .integer(0),
                    .null, .integer(10), .integer(60_000), .integer(125_000_000), .integer(0),
                    .integer(0),
                ]
            ])
        #expect(
            try database.query("SELECT * FROM requests WHERE job = 1") == [
                [
                    .integer(1), .integer(101), .integer(1000), .integer(60_000),
                    .integer(120_000), .integer(2000), .integer(4096), .integer(1000),
                    .text("img:1"), .text("ds-1"), .integer(2), .text("ran"), .integer(3000),
                    .integer(13_000), .integer(0),
                ]
            ])
        #expect(
            try database.query(
                "SELECT image, dataset, outcome, accepted_ms, running_ms, site FROM requests"
                    + " WHERE job = 2") == [
                    [.null, .null, .text("abandoned"), .null, .null, .null]
                ])
        #expect(
            try database.query("SELECT * FROM offer_sets ORDER BY id") == [
                [
                    .integer(1), .text("os-1"), .integer(1), .integer(1), .integer(1000),
                    .integer(2000), .text("NO"), .integer(0), .text("no site has a free GPU"),
                ],
                [
                    .integer(2), .text("os-2"), .integer(1), .integer(2), .integer(2500),
                    .integer(32_500), .text("YES"), .integer(2), .null,
                ],
            ])
        #expect(
            try database.query("SELECT * FROM sessions WHERE id = 1") == [
                [
                    .integer(1), .text("s-1"), .integer(2), .integer(1), .integer(2), .integer(0),
                    .integer(1), .integer(3000), .integer(10_000), .integer(13_000),
                    .integer(60_000), .integer(2000), .integer(2000), .integer(4096),
                    .integer(1000), .null, .integer(1), .text("COMPLETED"), .null,
                ]
            ])
        #expect(
            try database.query("SELECT held, final_phase, expires_ms FROM sessions WHERE id = 2")
                == [[.integer(0), .text("REJECTED"), .integer(32_500)]])
        #expect(
            try database.query(
                "SELECT time_ms, from_phase, to_phase FROM phase_changes WHERE session = 1"
                    + " ORDER BY rowid") == [
                    [.integer(2500), .null, .text("OFFERED")],
                    [.integer(3000), .text("OFFERED"), .text("ACCEPTED")],
                    [.integer(3000), .text("ACCEPTED"), .text("PREPARING")],
                    [.integer(13_000), .text("PREPARING"), .text("RUNNING")],
                    [.integer(73_000), .text("RUNNING"), .text("COMPLETED")],
                ])
    }

    @Test func metricsMatchFigures() throws {
        let path = try temporaryDatabasePath("metrics.sqlite")
        let store = try ResultsStore(path: path)
        try store.insertMetrics(of: sampleSummary())
        try store.close()

        let database = try SQLiteConnection(path: path, readOnly: true)
        let rows = try database.query("SELECT scope, site, name, value FROM metrics ORDER BY rowid")
        let expected: [[SQLiteValue]] = sampleSummary().figures().map { figure in
            [
                .text(figure.scope.rawValue), figure.site.map { .text($0) } ?? .null,
                .text(figure.name), .real(figure.value),
            ]
        }
        #expect(rows == expected)
        #expect(
            try database.query(
                "SELECT value FROM metrics WHERE scope = 'site' AND site = 'alpha, north'"
                    + " AND name = 'waits.wait.p90'") == [[.real(12)]])
        #expect(
            try database.query("SELECT count(*) FROM metrics WHERE name LIKE 'resources.gpus.%'")
                == [[.integer(4 + 4 + 2)]])
    }

    @Test func sameRowsGiveSameContents() throws {
        // A batch size of 3 makes the stores commit and begin several times.
        let firstPath = try temporaryDatabasePath("first.sqlite")
        let first = try ResultsStore(path: firstPath, batchSize: 3)
        try writeSampleRows(into: first)
        try first.close()

        let secondPath = try temporaryDatabasePath("second.sqlite")
        let second = try ResultsStore(path: secondPath)
        try writeSampleRows(into: second)
        try second.close()

        let firstContents = try tableContents(atPath: firstPath)
        #expect(firstContents["phase_changes"]?.count == 7)
        #expect(firstContents == (try tableContents(atPath: secondPath)))
    }

    @Test func finishCreatesIndexes() throws {
        let path = try temporaryDatabasePath("indexes.sqlite")
        let store = try ResultsStore(path: path)
        try store.finish()
        try store.close()

        let database = try SQLiteConnection(path: path, readOnly: true)
        let names = try database.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
                + " ORDER BY name")
        #expect(
            names == [
                [.text("metrics_scope_site")], [.text("offer_sets_job")],
                [.text("phase_changes_session")], [.text("requests_site")],
                [.text("sessions_job")], [.text("sessions_offer_set")], [.text("sessions_site")],
            ])
    }

    @Test func insertAfterFinishThrows() throws {
        let store = try ResultsStore(path: try temporaryDatabasePath("finished.sqlite"))
        try store.finish()
        let error = #expect(throws: SQLiteError.self) {
            try store.insertScenario(key: "late", value: "row")
        }
        #expect(error?.code == SQLiteError.misuseCode)
    }

    @Test func failedInsertLeavesStoreUsable() throws {
        let path = try temporaryDatabasePath("duplicate.sqlite")
        let store = try ResultsStore(path: path)
        try store.insertScenario(key: "name", value: "first")
        #expect(throws: SQLiteError.self) { try store.insertScenario(key: "name", value: "again") }
        try store.insertScenario(key: "seed", value: "7")
        try store.close()

        let database = try SQLiteConnection(path: path, readOnly: true)
        #expect(
            try database.query("SELECT key, value FROM scenario ORDER BY key") == [
                [.text("name"), .text("first")], [.text("seed"), .text("7")],
            ])
    }

    @Test func newStoreReplacesOldFile() throws {
        let path = try temporaryDatabasePath("replaced.sqlite")
        let old = try ResultsStore(path: path)
        try old.insertScenario(key: "name", value: "old run")
        try old.close()

        let new = try ResultsStore(path: path)
        try new.close()
        let database = try SQLiteConnection(path: path, readOnly: true)
        #expect(try database.query("SELECT count(*) FROM scenario") == [[.integer(0)]])
    }
}
