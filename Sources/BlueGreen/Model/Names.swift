/// Names the engine derives from an app and a version, and their validation.
///
/// A Deployment `<app>-<version>`, a Service `<app>` (and `<app>-preview`), a Lease
/// `<app>-bluegreen`. Every name is checked before any request is sent, so that a typo fails
/// at once with a message instead of half-way through a deploy.
public enum Names {
    /// The labels every object the engine owns carries.
    public static let nameLabel = "app.kubernetes.io/name"
    public static let versionLabel = "app.kubernetes.io/version"
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "bluegreen"

    public static func deployment(app: String, version: String) -> String { "\(app)-\(version)" }
    public static func service(app: String) -> String { app }
    public static func previewService(app: String) -> String { "\(app)-preview" }
    public static func lease(app: String) -> String { "\(app)-bluegreen" }

    /// The label selector that finds every version of an app.
    public static func appSelector(app: String) -> String { "\(nameLabel)=\(app)" }

    /// Checks that `app` can name a Service (a DNS-1035 label: lower-case letters, digits and
    /// '-', starting with a letter) with room for the `-preview` suffix.
    public static func validateApp(_ app: String) throws(InputError) {
        guard !app.isEmpty else { throw InputError("the app name is empty; pass --app NAME (for example --app web)") }
        guard app.utf8.count <= 55 else {
            throw InputError("the app name '\(app)' is \(app.utf8.count) characters long; at most 55 are allowed (it names a Service and '<app>-preview')")
        }
        guard isDNSLabel(app), let first = app.first, first.isASCII, first.isLetter else {
            throw InputError(
                "the app name '\(app)' is not valid: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (it names a Kubernetes Service)"
            )
        }
    }

    /// Checks that `version` is a DNS-1123 label (it is a label value and part of the
    /// Deployment's name), and that `<app>-<version>` stays a valid name.
    public static func validateVersion(_ version: String, app: String) throws(InputError) {
        guard !version.isEmpty else { throw InputError("the version is empty; pass --version V (for example the CI build number)") }
        guard version.utf8.count <= 63, isDNSLabel(version) else {
            throw InputError(
                "the version '\(version)' is not valid: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (for example 42 or v42)"
            )
        }
        let deployment = deployment(app: app, version: version)
        // The ReplicaSet and its pods append "-<hash>" (up to 11 characters) to the Deployment's
        // name, and pod host names are DNS labels, so keep the Deployment's name short enough.
        guard deployment.utf8.count <= 52 else {
            throw InputError(
                "the Deployment name '\(deployment)' would be \(deployment.utf8.count) characters long; app and version together must stay within 51 characters"
            )
        }
    }

    /// Whether `text` is a DNS-1123 label: 1 to 63 characters of `[a-z0-9-]`, alphanumeric at both ends.
    public static func isDNSLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard alphanumeric(bytes.first!), alphanumeric(bytes.last!) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}

/// Bad input from the user: a flag, a template, a name. The message names the problem and the fix.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
