/// Writes the `results.sqlite` database of one simulation run.
///
/// Rows are written through prepared statements inside transactions of `batchSize` rows,
/// and the indexes are created by `finish()`, after the bulk load. The database content
/// depends only on the rows given and their order. Call `close()` at the end, because a
/// store released without it leaves its last batch uncommitted. Not thread-safe.
public final class ResultsStore {
    /// The number of rows written per transaction.
    public let batchSize: Int

    private let connection: SQLiteConnection
    /// The insert statements, released by `close()` so the file is closed at once.
    private var statements: InsertStatements?
    private var rowsInTransaction = 0
    private var isFinished = false

    /// The table definitions, in creation order.
    static let schema = """
        CREATE TABLE scenario(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE sites(
            id INTEGER PRIMARY KEY, name TEXT, milli_cores INTEGER, memory_mib INTEGER,
            milli_gpus INTEGER, gpu_model TEXT, image_cache_capacity INTEGER,
            pull_time_ms INTEGER, staging_bandwidth_bytes_per_s INTEGER, setup_ms INTEGER,
            teardown_ms INTEGER);
        CREATE TABLE requests(
            job INTEGER PRIMARY KEY, number INTEGER, arrival_ms INTEGER, run_time_ms INTEGER,
            duration_ms INTEGER, milli_cores INTEGER, memory_mib INTEGER, milli_gpus INTEGER,
            image TEXT, dataset TEXT, attempts INTEGER, outcome TEXT, accepted_ms INTEGER,
            running_ms INTEGER, site INTEGER);
        CREATE TABLE offer_sets(
            id INTEGER PRIMARY KEY, uuid TEXT, job INTEGER, attempt INTEGER,
            created_ms INTEGER, expires_ms INTEGER, result TEXT, offers INTEGER, message TEXT);
        CREATE TABLE sessions(
            id INTEGER PRIMARY KEY, uuid TEXT, offer_set INTEGER, job INTEGER, attempt INTEGER,
            site INTEGER, rank INTEGER, preparation_start_ms INTEGER, preparation_ms INTEGER,
            running_start_ms INTEGER, duration_ms INTEGER, teardown_ms INTEGER,
            milli_cores INTEGER, memory_mib INTEGER, milli_gpus INTEGER, expires_ms INTEGER,
            held INTEGER, final_phase TEXT, message TEXT);
        CREATE TABLE phase_changes(
            session INTEGER, time_ms INTEGER, from_phase TEXT, to_phase TEXT, message TEXT);
        CREATE TABLE metrics(scope TEXT, site TEXT, name TEXT, value REAL);
        """

    /// The indexes created by `finish()`.
    static let indexes = """
        CREATE INDEX requests_site ON requests(site);
        CREATE INDEX offer_sets_job ON offer_sets(job);
        CREATE INDEX sessions_job ON sessions(job);
        CREATE INDEX sessions_site ON sessions(site);
        CREATE INDEX sessions_offer_set ON sessions(offer_set);
        CREATE INDEX phase_changes_session ON phase_changes(session, time_ms);
        CREATE INDEX metrics_scope_site ON metrics(scope, site, name);
        """

    /// Creates the database at `path`, replacing any existing file, and opens the first
    /// transaction.
    public init(path: String, batchSize: Int = 50_000) throws {
        precondition(batchSize > 0, "batchSize must be positive, got \(batchSize)")
        self.batchSize = batchSize
        connection = try SQLiteConnection(path: path, replacing: true)
        try connection.configureForBulkWriting()
        try connection.exec(Self.schema)

        statements = try InsertStatements(connection: connection)
        try connection.begin()
    }

    /// Inserts one `scenario` key and value, for example `seed` and `42`.
    public func insertScenario(key: String, value: String) throws {
        let statement = try openStatements().scenario
        try statement.bind(key, at: 1)
        try statement.bind(value, at: 2)
        try run(statement)
    }

    /// Inserts the pairs of the `scenario` table in the order given.
    public func insertScenario(_ pairs: [(key: String, value: String)]) throws {
        for pair in pairs {
            try insertScenario(key: pair.key, value: pair.value)
        }
    }

    public func insert(_ row: SiteRow) throws {
        let statement = try openStatements().site
        try statement.bind(row.id, at: 1)
        try statement.bind(row.name, at: 2)
        try statement.bind(row.milliCores, at: 3)
        try statement.bind(row.memoryMiB, at: 4)
        try statement.bind(row.milliGPUs, at: 5)
        try statement.bind(row.gpuModel, at: 6)
        try statement.bind(row.imageCacheCapacity, at: 7)
        try statement.bind(row.pullTimeMs, at: 8)
        try statement.bind(row.stagingBandwidthBytesPerSecond, at: 9)
        try statement.bind(row.setupMs, at: 10)
        try statement.bind(row.teardownMs, at: 11)
        try run(statement)
    }

    public func insert(_ row: RequestRow) throws {
        let statement = try openStatements().request
        try statement.bind(row.job, at: 1)
        try statement.bind(row.number, at: 2)
        try statement.bind(row.arrivalMs, at: 3)
        try statement.bind(row.runTimeMs, at: 4)
        try statement.bind(row.durationMs, at: 5)
        try statement.bind(row.milliCores, at: 6)
        try statement.bind(row.memoryMiB, at: 7)
        try statement.bind(row.milliGPUs, at: 8)
        try statement.bind(row.image, at: 9)
        try statement.bind(row.dataset, at: 10)
        try statement.bind(row.attempts, at: 11)
        try statement.bind(row.outcome, at: 12)
        try statement.bind(row.acceptedMs, at: 13)
        try statement.bind(row.runningMs, at: 14)
        try statement.bind(row.site, at: 15)
        try run(statement)
    }

    public func insert(_ row: OfferSetRow) throws {
        let statement = try openStatements().offerSet
        try statement.bind(row.id, at: 1)
        try statement.bind(row.uuid, at: 2)
        try statement.bind(row.job, at: 3)
        try statement.bind(row.attempt, at: 4)
        try statement.bind(row.createdMs, at: 5)
        try statement.bind(row.expiresMs, at: 6)
        try statement.bind(row.result, at: 7)
        try statement.bind(row.offers, at: 8)
        try statement.bind(row.message, at: 9)
        try run(statement)
    }

    public func insert(_ row: SessionRow) throws {
        let statement = try openStatements().session
        try statement.bind(row.id, at: 1)
        try statement.bind(row.uuid, at: 2)
        try statement.bind(row.offerSet, at: 3)
        try statement.bind(row.job, at: 4)
        try statement.bind(row.attempt, at: 5)
        try statement.bind(row.site, at: 6)
        try statement.bind(row.rank, at: 7)
        try statement.bind(row.preparationStartMs, at: 8)
        try statement.bind(row.preparationMs, at: 9)
        try statement.bind(row.runningStartMs, at: 10)
        try statement.bind(row.durationMs, at: 11)
        try statement.bind(row.teardownMs, at: 12)
        try statement.bind(row.milliCores, at: 13)
        try statement.bind(row.memoryMiB, at: 14)
        try statement.bind(row.milliGPUs, at: 15)
        try statement.bind(row.expiresMs, at: 16)
        try statement.bind(Int64(row.held ? 1 : 0), at: 17)
        try statement.bind(row.finalPhase, at: 18)
        try statement.bind(row.message, at: 19)
        try run(statement)
    }

    public func insert(_ row: PhaseChangeRow) throws {
        let statement = try openStatements().phaseChange
        try statement.bind(row.session, at: 1)
        try statement.bind(row.timeMs, at: 2)
        try statement.bind(row.fromPhase, at: 3)
        try statement.bind(row.toPhase, at: 4)
        try statement.bind(row.message, at: 5)
        try run(statement)
    }

    public func insert(_ row: MetricRow) throws {
        let statement = try openStatements().metric
        try statement.bind(row.scope, at: 1)
        try statement.bind(row.site, at: 2)
        try statement.bind(row.name, at: 3)
        try statement.bind(row.value, at: 4)
        try run(statement)
    }

    /// Inserts every figure of `summary` into the `metrics` table, in `figures()` order.
    public func insertMetrics(of summary: RunSummary) throws {
        for figure in summary.figures() {
            try insert(
                MetricRow(
                    scope: figure.scope.rawValue, site: figure.site, name: figure.name,
                    value: figure.value))
        }
    }

    /// Commits the rows written so far and creates the indexes. Later inserts fail.
    public func finish() throws {
        guard !isFinished else { return }
        try connection.commit()
        isFinished = true
        try connection.exec(Self.indexes)
    }

    /// Finishes the database if `finish()` has not run yet, then closes the file.
    public func close() throws {
        try finish()
        // The statements must be finalized first: SQLite keeps a connection with live
        // statements open, and with it the exclusive lock on the file.
        statements = nil
        try connection.close()
    }

    private func openStatements() throws -> InsertStatements {
        guard let statements, !isFinished else {
            throw SQLiteError(
                code: SQLiteError.misuseCode,
                message: "the results store is finished; no more rows can be written",
                sql: nil)
        }
        return statements
    }

    /// Runs an insert statement and starts a new transaction every `batchSize` rows.
    private func run(_ statement: SQLiteStatement) throws {
        do {
            try statement.step()
        } catch {
            // Resetting clears the failed run so the statement can be bound again.
            try? statement.reset()
            throw error
        }
        try statement.reset()
        rowsInTransaction += 1
        if rowsInTransaction >= batchSize {
            try connection.commit()
            try connection.begin()
            rowsInTransaction = 0
        }
    }
}

/// The prepared insert statements of a `ResultsStore`, one per table.
private final class InsertStatements {
    let scenario: SQLiteStatement
    let site: SQLiteStatement
    let request: SQLiteStatement
    let offerSet: SQLiteStatement
    let session: SQLiteStatement
    let phaseChange: SQLiteStatement
    let metric: SQLiteStatement

    init(connection: SQLiteConnection) throws {
        scenario = try connection.prepare(
            "INSERT INTO scenario(key, value) VALUES (?1, ?2)")
        site = try connection.prepare(
            """
            INSERT INTO sites(id, name, milli_cores, memory_mib, milli_gpus, gpu_model,
                image_cache_capacity, pull_time_ms, staging_bandwidth_bytes_per_s, setup_ms,
                teardown_ms)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """)
        request = try connection.prepare(
            """
            INSERT INTO requests(job, number, arrival_ms, run_time_ms, duration_ms, milli_cores,
                memory_mib, milli_gpus, image, dataset, attempts, outcome, accepted_ms,
                running_ms, site)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """)
        offerSet = try connection.prepare(
            """
            INSERT INTO offer_sets(id, uuid, job, attempt, created_ms, expires_ms, result,
                offers, message)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """)
        session = try connection.prepare(
            """
            INSERT INTO sessions(id, uuid, offer_set, job, attempt, site, rank,
                preparation_start_ms, preparation_ms, running_start_ms, duration_ms,
                teardown_ms, milli_cores, memory_mib, milli_gpus, expires_ms, held,
                final_phase, message)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, ?18, ?19)
            """)
        phaseChange = try connection.prepare(
            """
            INSERT INTO phase_changes(session, time_ms, from_phase, to_phase, message)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """)
        metric = try connection.prepare(
            "INSERT INTO metrics(scope, site, name, value) VALUES (?1, ?2, ?3, ?4)")

    }
}
