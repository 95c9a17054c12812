import Foundation
import SDKCore

/// A ``TokenProvider`` that reads a bearer token from a file (a kubeconfig's `tokenFile`, or the
/// in-cluster service-account token, which the kubelet rotates) and reads it again whenever
/// the file changes or the server rejects the token.
public actor TokenFileProvider: TokenProvider {
    /// The token file.
    public nonisolated let path: String
    private var cached: (token: Secret, stamp: FileStamp)?

    private struct FileStamp: Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    /// A provider for the token in `path`.
    public init(path: String) { self.path = path }

    /// The file's token (surrounding whitespace removed), read again when the file changed
    /// since the last read or `forceRefresh` is set.
    /// - Throws: ``CredentialError`` with ``CredentialError/Code/tokenFileUnreadable``.
    public func token(forceRefresh: Bool) async throws -> Secret {
        let stamp = try currentStamp()
        if !forceRefresh, let cached, cached.stamp == stamp { return cached.token }
        let token = try read()
        cached = (token, stamp)
        return token
    }

    private func currentStamp() throws -> FileStamp {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return FileStamp(
                modified: attributes[.modificationDate] as? Date,
                size: (attributes[.size] as? NSNumber)?.intValue,
                inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue
            )
        } catch {
            throw CredentialError(
                .tokenFileUnreadable,
                "cannot read the token file \(path): it does not exist or is not accessible; fix the path (tokenFile) or the permissions")
        }
    }

    private func read() throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialError(.tokenFileUnreadable, "cannot read the token file \(path); check its permissions")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CredentialError(.tokenFileUnreadable, "the token file \(path) is empty; write the bearer token into it")
        }
        return Secret(token)
    }
}
