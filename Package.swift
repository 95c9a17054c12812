// swift-tools-version:6.0
import PackageDescription

// File descriptors for swift-subprocess: Apple platforms have the System framework, the others
// get the same API from swift-system's SystemPackage.
let systemPackage: Target.Dependency = .product(
    name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux, .android, .windows]))

let package = Package(
    name: "swift-bluegreen",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AWSKit", targets: ["AWSKit"]),
        .library(name: "KubeKit", targets: ["KubeKit"]),
        .library(name: "BlueGreen", targets: ["BlueGreen"]),
        .library(name: "KubeSandbox", targets: ["KubeSandbox"]),
        .executable(name: "bluegreen-deploy", targets: ["bluegreen-deploy"]),
        .executable(name: "bluegreen-route", targets: ["bluegreen-route"]),
        .executable(name: "bluegreen-purge", targets: ["bluegreen-purge"]),
        .executable(name: "eks-token", targets: ["eks-token"]),
        .executable(name: "kube-sandbox", targets: ["kube-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
    ],
    targets: [
        // Shared plumbing: the HTTP transport seam (AsyncHTTPClient by default), retries with
        // backoff, subprocesses (swift-subprocess), durations and secrets. AWSKit and KubeKit both
        // build on it and never on each other.
        .target(
            name: "SDKCore",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                systemPackage,
            ]
        ),
        .target(
            name: "AWSKit",
            dependencies: [
                "SDKCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "KubeKit",
            dependencies: [
                "SDKCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "KubeSandbox",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BlueGreen",
            dependencies: [
                "AWSKit",
                "KubeKit",
                "SDKCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Command-line tools: thin @main commands over the libraries.
        .target(
            name: "ToolSupport",
            dependencies: [
                "BlueGreen",
                "AWSKit",
                "KubeKit",
                "SDKCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Tools/ToolSupport"
        ),
        .executableTarget(
            name: "bluegreen-deploy",
            dependencies: ["ToolSupport", "BlueGreen", "KubeKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Tools/bluegreen-deploy"
        ),
        .executableTarget(
            name: "bluegreen-route",
            dependencies: ["ToolSupport", "BlueGreen", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Tools/bluegreen-route"
        ),
        .executableTarget(
            name: "bluegreen-purge",
            dependencies: ["ToolSupport", "BlueGreen", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Tools/bluegreen-purge"
        ),
        .executableTarget(
            name: "eks-token",
            dependencies: [
                "AWSKit",
                "SDKCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Tools/eks-token"
        ),
        .executableTarget(
            name: "kube-sandbox",
            dependencies: [
                "KubeSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Tools/kube-sandbox"
        ),

        // Benchmarks: run by scripts/bench-* in release mode, not part of the tests.
        .executableTarget(
            name: "sigv4-bench",
            dependencies: ["AWSKit", "SDKCore"],
            path: "Benchmarks/sigv4-bench"
        ),

        // Tests (swift-testing). Helpers shared by several suites live in TestSupport.
        .target(
            name: "TestSupport",
            dependencies: [
                "SDKCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                systemPackage,
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SDKCoreTests", dependencies: ["SDKCore", "TestSupport"]),
        .testTarget(
            name: "AWSKitTests",
            dependencies: ["AWSKit", "SDKCore", "TestSupport", "KubeSandbox", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "KubeSandboxTests", dependencies: ["KubeSandbox", "SDKCore", "TestSupport"]),
        .testTarget(name: "KubeKitTests", dependencies: ["KubeKit", "KubeSandbox", "SDKCore", "TestSupport"]),
        .testTarget(name: "BlueGreenTests", dependencies: ["BlueGreen", "KubeKit", "AWSKit", "KubeSandbox", "SDKCore", "TestSupport"]),
        .testTarget(name: "ToolsTests", dependencies: ["KubeSandbox", "AWSKit", "SDKCore", "TestSupport"]),
    ]
)

// libFuzzer targets (Fuzz/): only with BLUEGREEN_FUZZ=1, because they have no `main` of their own
// and link only with `swift build --sanitize=fuzzer --sanitize=address -Xswiftc -parse-as-library`.
// scripts/fuzz builds and runs them in .build-fuzz; see docs/FUZZING.md.
if Context.environment["BLUEGREEN_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzKubeConfig", dependencies: ["KubeKit", "FuzzSupport"], path: "Fuzz/FuzzKubeConfig"),
        .executableTarget(name: "FuzzTemplates", dependencies: ["BlueGreen", "KubeKit", "FuzzSupport"], path: "Fuzz/FuzzTemplates"),
        .executableTarget(
            name: "FuzzAWSErrors", dependencies: ["AWSKit", "SDKCore", "FuzzSupport"], path: "Fuzz/FuzzAWSErrors"),
        .executableTarget(
            name: "FuzzSigV4",
            dependencies: ["AWSKit", "SDKCore", "FuzzSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Fuzz/FuzzSigV4"
        ),
    ]
}

// One set of settings for every target.
for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    if Context.environment["BLUEGREEN_FUZZ"] == "1" && target.type != .test {
        // `--sanitize=fuzzer --sanitize=address` reaches swiftc as two flags, of which swiftc keeps
        // the last: our Swift code would get AddressSanitizer but no coverage for libFuzzer to
        // follow. One combined flag gives it both.
        settings.append(.unsafeFlags(["-sanitize=fuzzer,address"]))
    }
    target.swiftSettings = settings
}
