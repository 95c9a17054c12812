import Foundation

/// Who is running: the lock holder's identity (unique per run) and the actor recorded in the
/// Service's switch history (stable and meaningful: the CI job, or user@host).
public enum Identity {
    /// `host/pid-random`, unique per run, so that two runs never share a lock.
    public static func holder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return "\(actor(environment: environment))@\(host)/\(getpid())-\(random)"
    }

    /// The CI job (Jenkins `BUILD_TAG`, GitHub `repository#run`, GitLab job), else the user name.
    public static func actor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let tag = environment["BUILD_TAG"], !tag.isEmpty { return "jenkins:\(tag)" }
        if let repository = environment["GITHUB_REPOSITORY"], let run = environment["GITHUB_RUN_ID"] {
            return "github:\(repository)#\(run)"
        }
        if let job = environment["CI_JOB_ID"], let project = environment["CI_PROJECT_PATH"] { return "gitlab:\(project)#\(job)" }
        return environment["USER"] ?? environment["LOGNAME"] ?? "bluegreen"
    }
}
