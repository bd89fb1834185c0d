/// Sessions by identifier, for identifiers handed out in increasing order.
///
/// Lookups are array indexing rather than hashing. Finished sessions leave
/// holes, and the storage drops the finished prefix once it makes up half
/// of it, so memory follows the sessions in force, not the whole run.
struct SessionTable {
    private var storage: [Session?] = []
    /// The identifier of `storage[0]`.
    private var base = 0
    /// The number of leading nil entries of `storage`.
    private var head = 0
    /// The number of sessions in the table.
    private(set) var count = 0

    /// The session with `id`, or nil when it is unknown or has been removed.
    subscript(id: Int) -> Session? {
        let index = id - base
        guard index >= 0, index < storage.count else { return nil }
        return storage[index]
    }

    /// Removes the session with `id`, if the table has it.
    mutating func remove(_ id: Int) {
        let index = id - base
        guard index >= 0, index < storage.count, storage[index] != nil else { return }
        storage[index] = nil
        count -= 1
        compactIfWorthwhile()
    }

    /// Adds a session whose identifier is the next one after every earlier one.
    mutating func append(_ session: Session) {
        precondition(session.id == base + storage.count, "session identifiers must be consecutive")
        storage.append(session)
        count += 1
    }

    private mutating func compactIfWorthwhile() {
        while head < storage.count, storage[head] == nil { head += 1 }
        guard storage.count >= 1024, head * 2 >= storage.count else { return }
        storage.removeFirst(head)
        base += head
        head = 0
    }
}
