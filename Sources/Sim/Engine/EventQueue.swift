import BrokerModel
import Scheduler

/// A min-heap of events ordered by (time, priority class, insertion
/// sequence), so that ties never depend on the heap's layout: events due at
/// the same time and in the same class run first in, first out.
public struct EventQueue<Payload> {
    public struct Entry {
        public let time: Milliseconds
        public let eventClass: EventClass
        public let sequence: UInt64
        public let payload: Payload

        func precedes(_ other: Entry) -> Bool {
            if time != other.time { return time < other.time }
            if eventClass != other.eventClass { return eventClass < other.eventClass }
            return sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    public init() {}

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }

    /// The next entry to run, without removing it.
    public var first: Entry? { heap.first }

    /// Adds an event.
    ///
    /// - Complexity: O(log n).
    public mutating func push(
        _ payload: Payload, at time: Milliseconds, class eventClass: EventClass
    ) {
        let entry = Entry(
            time: time, eventClass: eventClass, sequence: nextSequence, payload: payload)
        nextSequence += 1
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entry that runs next.
    ///
    /// - Complexity: O(log n).
    public mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return top }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            var smallest = left
            if right < heap.count, heap[right].precedes(heap[left]) { smallest = right }
            guard heap[smallest].precedes(heap[parent]) else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    /// Lists every entry that precedes its parent, which would break the
    /// heap order. Tests call it after each change.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        for child in heap.indices.dropFirst() {
            let parent = (child - 1) / 2
            if heap[child].precedes(heap[parent]) {
                problems.append("entry \(child) precedes its parent \(parent)")
            }
        }
        return problems
    }
}
