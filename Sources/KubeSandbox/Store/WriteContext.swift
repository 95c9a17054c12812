/// Who writes and how: the field manager recorded in `managedFields`, and whether the write is a
/// dry run (validated and answered, never stored).
struct WriteContext: Sendable {
    var manager: String
    var dryRun = false
    /// Whether `managedFields` are tracked for this write (controllers' writes are not).
    var trackFields = true

    static let controller = WriteContext(manager: "kube-controller-manager", trackFields: false)
}
