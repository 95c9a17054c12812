import SDKCore

extension KubeConfig {
    /// A `users[]` entry (client-go's `AuthInfo`): how to authenticate. Secrets are held in
    /// `Secret` and never printed.
    public struct User: Sendable, Hashable {
        /// A client certificate file.
        public var clientCertificate: String?
        /// An inline client certificate (PEM, decoded from `client-certificate-data`).
        public var clientCertificateData: String?
        /// A client key file.
        public var clientKey: String?
        /// An inline client key (PEM, decoded from `client-key-data`).
        public var clientKeyData: Secret?
        /// A bearer token.
        public var token: Secret?
        /// A file holding a bearer token, read again when it changes.
        public var tokenFile: String?
        /// A basic-authentication user name.
        public var username: String?
        /// A basic-authentication password.
        public var password: Secret?
        /// An exec credential plugin.
        public var exec: ExecConfiguration?
        /// The name of a legacy `auth-provider` (not supported; reported when used).
        public var authProvider: String?
        /// A user to impersonate (`as`).
        public var impersonate: String?
        /// Groups to impersonate (`as-groups`).
        public var impersonateGroups: [String]
        /// A uid to impersonate (`as-uid`).
        public var impersonateUID: String?
        /// The file this entry came from.
        public var source: String?

        /// A user entry.
        public init(
            clientCertificate: String? = nil,
            clientCertificateData: String? = nil,
            clientKey: String? = nil,
            clientKeyData: Secret? = nil,
            token: Secret? = nil,
            tokenFile: String? = nil,
            username: String? = nil,
            password: Secret? = nil,
            exec: ExecConfiguration? = nil,
            authProvider: String? = nil,
            impersonate: String? = nil,
            impersonateGroups: [String] = [],
            impersonateUID: String? = nil,
            source: String? = nil
        ) {
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.exec = exec
            self.authProvider = authProvider
            self.impersonate = impersonate
            self.impersonateGroups = impersonateGroups
            self.impersonateUID = impersonateUID
            self.source = source
        }
    }
}
