/// Checks an invariant of the code under fuzzing. A broken invariant traps with a message that
/// names it and the values that broke it, so that libFuzzer reports a crash and saves the input.
///
/// - Parameters:
///   - condition: what must hold for every input.
///   - message: the invariant and the offending values; built only on failure.
public func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    fatalError("invariant broken: \(message())", file: file, line: line)
}
