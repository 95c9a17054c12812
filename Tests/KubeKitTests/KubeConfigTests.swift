import Foundation
import KubeKit
import SDKCore
import Testing

struct KubeConfigTests {
    static let fileA = """
        apiVersion: v1
        kind: Config
        current-context: ctx-a
        clusters:
        - name: shared
          cluster:
            server: https://a.example.com:6443
            certificate-authority: certs/ca.pem
        - name: only-a
          cluster:
            server: https://only-a.example.com
        users:
        - name: alice
          user:
            token: token-of-alice
        contexts:
        - name: ctx-a
          context:
            cluster: shared
            user: alice
            namespace: shop
        - name: both
          context:
            cluster: shared
            user: alice
        """

    static let fileB = """
        apiVersion: v1
        kind: Config
        current-context: ctx-b
        clusters:
        - name: shared
          cluster:
            server: https://b.example.com:6443
            insecure-skip-tls-verify: true
        - name: only-b
          cluster:
            server: https://only-b.example.com
        users:
        - name: alice
          user:
            token: token-of-other-alice
        - name: bob
          user:
            tokenFile: bob.token
        contexts:
        - name: ctx-b
          context:
            cluster: only-b
            user: bob
        - name: both
          context:
            cluster: only-b
            user: bob
        """

    /// Merging KUBECONFIG files gives what the real kubectl merges: the first file to define a
    /// name wins for that name, and the first current-context wins.
    @Test func mergesLikeKubectl() async throws {
        let directory = try TemporaryDirectory()
        let a = try directory.write("a/config", Self.fileA)
        let b = try directory.write("b/config", Self.fileB)
        let kubeconfig = "\(a):\(b)"

        let ours = try KubeConfig.load(environment: ["KUBECONFIG": kubeconfig])
        let theirs = try await Kubectl.json(["config", "view", "--raw", "-o", "json"], environment: ["KUBECONFIG": kubeconfig])

        #expect(ours.currentContext == theirs["current-context"]?.stringValue)
        #expect(ours.currentContext == "ctx-a")
        let kubectlClusters = Dictionary(
            uniqueKeysWithValues: (theirs["clusters"]?.arrayValue ?? []).map {
                ($0["name"]?.stringValue ?? "", $0["cluster"]?["server"]?.stringValue)
            })
        #expect(kubectlClusters.count == 3)
        #expect(ours.clusters.mapValues(\.server) == kubectlClusters)
        let kubectlContexts = Dictionary(
            uniqueKeysWithValues: (theirs["contexts"]?.arrayValue ?? []).map {
                ($0["name"]?.stringValue ?? "", $0["context"]?["cluster"]?.stringValue)
            })
        #expect(ours.contexts.mapValues(\.cluster) == kubectlContexts)
        let kubectlUsers = Set((theirs["users"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        #expect(Set(ours.users.keys) == kubectlUsers)
        let alice = try #require((theirs["users"]?.arrayValue ?? []).first { $0["name"] == "alice" })
        #expect(ours.users["alice"]?.token?.value == alice["user"]?["token"]?.stringValue)
        // Relative paths resolve against the file that named them: kubectl --flatten reads the
        // CA from there, and so does KubeKit.
        try directory.write("a/certs/ca.pem", "CA-OF-A")
        let flattened = try await Kubectl.json(["config", "view", "--flatten", "--raw", "-o", "json"], environment: ["KUBECONFIG": kubeconfig])
        let inlined = (flattened["clusters"]?.arrayValue ?? []).first { $0["name"] == "shared" }?["cluster"]?["certificate-authority-data"]?
            .stringValue
        #expect(inlined == Data("CA-OF-A".utf8).base64EncodedString())
        #expect(ours.clusters["shared"]?.certificateAuthority == directory.url.appendingPathComponent("a/certs/ca.pem").path)
        #expect(try ours.clusterConfiguration().certificateAuthorityPEM == ["CA-OF-A"])
        #expect(ours.users["bob"]?.tokenFile == directory.url.appendingPathComponent("b/bob.token").path)
    }

    /// A context override selects another context, its cluster, user and namespace, as
    /// `kubectl --context` does.
    @Test func contextOverrideSelectsClusterAndUser() async throws {
        let directory = try TemporaryDirectory()
        let a = try directory.write("a/config", Self.fileA)
        let b = try directory.write("b/config", Self.fileB)
        try directory.write("b/bob.token", "bob-token\n")
        let config = try KubeConfig.load(context: "ctx-b", environment: ["KUBECONFIG": "\(a):\(b)"])
        let minified = try await Kubectl.json(
            ["config", "view", "--minify", "--raw", "-o", "json", "--context", "ctx-b"], environment: ["KUBECONFIG": "\(a):\(b)"]
        )
        let cluster = try config.clusterConfiguration()
        #expect(cluster.server.absoluteString == minified["clusters"]?[0]?["cluster"]?["server"]?.stringValue)
        #expect(cluster.server.absoluteString == "https://only-b.example.com")
        #expect(cluster.namespace == "default")
        #expect("\(cluster.authentication)".contains("TokenFileProvider"))

        let shop = try KubeConfig.load(environment: ["KUBECONFIG": "\(a):\(b)"])
        #expect(shop.namespace == "shop")
    }

    /// An unknown context is an error that names it and lists the ones that exist.
    @Test func unknownContextIsNamed() throws {
        let directory = try TemporaryDirectory()
        let a = try directory.write("config", Self.fileA)
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.load(context: "prod", environment: ["KUBECONFIG": a]) }
        #expect(error.code == .missingEntry)
        #expect(error.description.contains("context \"prod\""))
        #expect(error.description.contains("both, ctx-a"))
        #expect(error.description.contains(a))
    }

    /// An explicit --kubeconfig path must exist; a missing KUBECONFIG entry is skipped.
    @Test func explicitPathMustExistButListEntriesMayBeMissing() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("nope").path
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.load(kubeconfigPath: missing, environment: [:]) }
        #expect(error.code == .unreadableFile)
        #expect(error.description.contains(missing))

        let a = try directory.write("config", Self.fileA)
        let config = try KubeConfig.load(environment: ["KUBECONFIG": "\(missing):\(a)"])
        #expect(config.files == [a])
    }

    /// Without KUBECONFIG, ~/.kube/config is read; with nothing at all, the error says where it
    /// looked and how to fix it.
    @Test func homeConfigAndNothingFound() throws {
        let home = try TemporaryDirectory()
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.load(environment: ["HOME": home.path]) }
        #expect(error.code == .noConfiguration)
        #expect(error.description.contains(home.url.appendingPathComponent(".kube/config").path))
        #expect(error.description.contains("--kubeconfig"))

        try home.write(".kube/config", Self.fileA)
        let config = try KubeConfig.load(environment: ["HOME": home.path])
        #expect(config.currentContext == "ctx-a")
    }

    /// In a pod without a kubeconfig, the service account is the configuration: server from the
    /// environment, token file, CA and namespace from the mounted folder.
    @Test func inClusterConfiguration() async throws {
        let account = try TemporaryDirectory()
        try account.write("token", "pod-token")
        try account.write("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        try account.write("namespace", "payments\n")
        let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": account.path]
        let config = try KubeConfig.load(environment: environment, serviceAccountDirectory: account.path)
        #expect(config.isInCluster)
        #expect(config.namespace == "payments")
        let cluster = try config.clusterConfiguration()
        #expect(cluster.server.absoluteString == "https://10.0.0.1:443")
        #expect(cluster.namespace == "payments")
        #expect(cluster.certificateAuthorityPEM?.first?.contains("BEGIN CERTIFICATE") == true)

        let v6 = try ClusterConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], serviceAccountDirectory: account.path
        )
        #expect(v6.server.absoluteString == "https://[fd00::1]:443")
    }

    /// Inline certificate data, client certificates and exec plugins are read into the cluster
    /// configuration.
    @Test func readsTLSMaterialAndExec() throws {
        let yaml = """
            apiVersion: v1
            kind: Config
            current-context: eks
            clusters:
            - name: eks
              cluster:
                server: https://ABC.gr7.eu-west-1.eks.amazonaws.com
                certificate-authority-data: \(Data("CA-PEM".utf8).base64EncodedString())
                tls-server-name: kubernetes.default
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: sts
            users:
            - name: eks-user
              user:
                client-certificate-data: \(Data("CERT-PEM".utf8).base64EncodedString())
                client-key-data: \(Data("KEY-PEM".utf8).base64EncodedString())
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: ["eks", "get-token", "--cluster-name", "prod"]
                  env:
                  - name: AWS_PROFILE
                    value: deploy
                  provideClusterInfo: true
            contexts:
            - name: eks
              context: {cluster: eks, user: eks-user, namespace: web}
            """
        let config = try KubeConfig.parse(yaml, file: "inline")
        let user = try #require(config.users["eks-user"])
        let exec = try #require(user.exec)
        #expect(exec.command == "aws")
        #expect(exec.args == ["eks", "get-token", "--cluster-name", "prod"])
        #expect(exec.env == [.init(name: "AWS_PROFILE", value: "deploy")])
        #expect(exec.interactiveMode == .ifAvailable)
        #expect(exec.provideClusterInfo)
        #expect(config.clusters["eks"]?.execExtension == ["audience": "sts"])
        #expect("\(user)".contains("KEY-PEM") == false)

        let cluster = try config.clusterConfiguration()
        #expect(cluster.certificateAuthorityPEM == ["CA-PEM"])
        #expect(cluster.clientCertificatePEM == "CERT-PEM")
        #expect(cluster.clientKeyPEM?.value == "KEY-PEM")
        #expect(cluster.tlsServerName == "kubernetes.default")
        #expect(cluster.namespace == "web")
        #expect("\(cluster.authentication)".contains("ExecCredentialProvider"))
        #expect(String(describing: cluster).contains("KEY-PEM") == false)
        #expect(String(reflecting: config).contains("KEY-PEM") == false)
    }

    /// Tokens and passwords never show in a description of the configuration.
    @Test func secretsAreNeverPrinted() throws {
        let yaml = """
            current-context: c
            clusters: [{name: c, cluster: {server: 'https://x'}}]
            contexts: [{name: c, context: {cluster: c, user: u}}, {name: b, context: {cluster: c, user: basic}}]
            users:
            - {name: u, user: {token: SECRET-TOKEN}}
            - {name: basic, user: {username: admin, password: SECRET-PASSWORD}}
            """
        let config = try KubeConfig.parse(yaml)
        let cluster = try config.clusterConfiguration()
        var basic = config
        basic.currentContext = "b"
        let basicCluster = try basic.clusterConfiguration()
        for text in [
            String(describing: config), String(reflecting: config), String(describing: cluster), String(reflecting: basicCluster), "\(config.users)",
        ] {
            #expect(text.contains("SECRET") == false, "\(text)")
        }
        #expect(config.users["u"]?.token?.value == "SECRET-TOKEN")
    }

    /// Each broken kubeconfig gets a message naming the file, the entry and the problem.
    @Test(arguments: [
        (
            "clusters:\n- name: c\n  cluster:\n    server: https://x\n    certificate-authority: /a\n    certificate-authority-data: Q0E=\n",
            "cluster \"c\"", "certificate-authority and certificate-authority-data are both set"
        ),
        (
            "clusters:\n- name: c\n  cluster:\n    server: https://x\n    insecure-skip-tls-verify: true\n    certificate-authority-data: Q0E=\n",
            "cluster \"c\"", "insecure-skip-tls-verify is set together with a certificate authority"
        ),
        ("clusters:\n- name: c\n  cluster:\n    server: https://x\n    certificate-authority-data: '%%%'\n", "cluster \"c\"", "not valid base64"),
        ("clusters:\n- name: c\n  cluster: {}\n", "cluster \"c\"", "server is missing"),
        ("clusters:\n- name: c\n  cluster:\n    server: x.example.com\n", "cluster \"c\"", "not an http(s) URL"),
        (
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws\n", "user \"u\"",
            "interactiveMode is required"
        ),
        (
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: aws\n", "user \"u\"",
            "not supported"
        ),
        (
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n", "user \"u\"",
            "exec.command is missing"
        ),
        ("users:\n- name: u\n  user:\n    token: t\n    username: admin\n    password: p\n", "user \"u\"", "more than one authentication method"),
        ("users:\n- name: u\n  user:\n    auth-provider:\n      name: gcp\n", "user \"u\"", "auth-provider \"gcp\" is not supported"),
        ("users:\n- name: u\n  user:\n    client-certificate-data: Q0U=\n", "user \"u\"", "without its key"),
        ("contexts:\n- name: ctx\n  context: {cluster: nowhere}\n", "context \"ctx\"", "cluster \"nowhere\" is not defined"),
        ("contexts:\n- context: {cluster: c}\n", "contexts[0]", "has no name"),
        ("clusters: [a: b\n", "kubeconfig", "not valid YAML (line"),
    ])
    func brokenConfigurationsAreExplained(fragment: String, entry: String, problem: String) throws {
        let directory = try TemporaryDirectory()
        var yaml = "apiVersion: v1\nkind: Config\ncurrent-context: ctx\n" + fragment
        if !fragment.contains("contexts:") {
            let user = fragment.contains("users:") ? "u" : ""
            let cluster = fragment.contains("clusters:") ? "c" : "c0"
            yaml += "contexts:\n- name: ctx\n  context: {cluster: \(cluster), user: \(user)}\n"
            if !fragment.contains("clusters:") { yaml += "clusters:\n- name: c0\n  cluster: {server: 'https://ok'}\n" }
        }
        let path = try directory.write("config", yaml)
        let error = try #require(throws: KubeConfigError.self) {
            try KubeConfig.load(kubeconfigPath: path, environment: [:]).clusterConfiguration()
        }
        #expect(error.description.contains(path), "\(error)")
        #expect(error.description.contains(entry), "\(error)")
        #expect(error.description.contains(problem), "\(error)")
    }

    /// An exec command with a relative path is resolved against the kubeconfig's folder; a bare
    /// name is left for PATH.
    @Test func execCommandPathsResolveAgainstTheFile() throws {
        let directory = try TemporaryDirectory()
        func exec(_ command: String) -> String {
            "current-context: c\nclusters:\n- name: c\n  cluster: {server: 'https://x'}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n"
                + "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, command: \(command)}\n"
        }
        let relative = try directory.write("nested/config", exec("./bin/get-token"))
        #expect(
            try KubeConfig.load(kubeconfigPath: relative, environment: [:]).users["u"]?.exec?.command
                == directory.url.appendingPathComponent("nested/bin/get-token").path)
        let bare = try directory.write("other/config", exec("aws"))
        #expect(try KubeConfig.load(kubeconfigPath: bare, environment: [:]).users["u"]?.exec?.command == "aws")
    }

    /// The client refuses a certificate file it cannot read, naming the path.
    @Test func unreadableCertificateFileIsNamed() throws {
        let yaml =
            "current-context: c\nclusters:\n- name: c\n  cluster: {server: 'https://x', certificate-authority: /nonexistent/ca.pem}\ncontexts:\n- name: c\n  context: {cluster: c}\n"
        let error = try #require(throws: KubeConfigError.self) { try KubeConfig.parse(yaml, file: "f").clusterConfiguration() }
        #expect(error.description.contains("/nonexistent/ca.pem"))
    }
}
