import Scheduler
import Sim
import Testing

@Test func queueOrdersByTimeClassSequence() {
    var queue = EventQueue<String>()
    queue.push("request b", at: 10, class: .request)
    queue.push("teardown end", at: 10, class: .teardownEnd)
    queue.push("phase change", at: 5, class: .phaseChange)
    queue.push("decision", at: 10, class: .clientDecision)
    queue.push("request c", at: 10, class: .request)
    queue.push("expiry", at: 10, class: .expiry)
    queue.push("request a", at: 10, class: .request)
    #expect(queue.invariantViolations().isEmpty)

    var order: [String] = []
    while let entry = queue.pop() {
        order.append(entry.payload)
        #expect(queue.invariantViolations().isEmpty)
    }
    // Equal times run by class: teardown ends, expiries, decisions,
    // requests, then phase changes; equal classes first in, first out.
    #expect(
        order == [
            "phase change", "teardown end", "expiry", "decision", "request b", "request c",
            "request a",
        ])
}

@Test func queueKeepsHeapOrderUnderRandomLoad() {
    var queue = EventQueue<Int>()
    var state: UInt64 = 7
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    let classes: [EventClass] = [.teardownEnd, .expiry, .clientDecision, .request, .phaseChange]
    var expected: [(time: Int64, eventClass: Int, sequence: Int)] = []
    for sequence in 0..<5000 {
        let time = Int64(next() % 50)
        let eventClass = classes[Int(next() % 5)]
        queue.push(sequence, at: time, class: eventClass)
        expected.append((time, eventClass.rawValue, sequence))
        if sequence % 500 == 0 { #expect(queue.invariantViolations().isEmpty) }
    }
    expected.sort { ($0.time, $0.eventClass, $0.sequence) < ($1.time, $1.eventClass, $1.sequence) }
    var popped: [Int] = []
    while let entry = queue.pop() { popped.append(entry.payload) }
    #expect(popped == expected.map(\.sequence))
}
