import ArgumentParser
import BlueGreen

/// The exit codes of the CLI contract (docs/CLI.md), shared by the three pipeline tools.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failed: Int32 = 1
    public static let usage: Int32 = 2
    public static let noCapacity: Int32 = 3
    public static let notReady: Int32 = 4
    public static let locked: Int32 = 5
    public static let unauthorized: Int32 = 6

    /// The table printed at the end of every tool's `--help`.
    public static let helpText = """
        Exit codes: 0 done; 1 failed; 2 bad input or usage; 3 no capacity; 4 not ready in time or \
        rollout failed (traffic untouched); 5 locked by another pipeline or lost a conflict; 6 \
        credentials or authorization.
        """
}
