import AWSKit
import Foundation
import SDKCore

/// The AWSKit side of `scripts/bench-sigv4`: signs the requests that `scripts/sigv4/bench.py`
/// wrote (the same ones botocore signs) for several rounds and prints the best rate in
/// signatures per second of the thread's CPU time (as the Python side measures it), so that
/// other work on the machine does not skew the ratio.
///
///     sigv4-bench REQUESTS.json [ROUNDS]
@main
struct SigV4Bench {
    struct Vector: Decodable {
        var name: String
        var kind: String
        var method: String
        var url: String
        var headers: [[String]]
        var body: String?
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String?
        var region: String
        var service: String
        var date: Int
        var payload: String
        var expires: Int?
    }

    struct Document: Decodable { var vectors: [Vector] }

    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("sigv4-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: sigv4-bench REQUESTS.json [ROUNDS]\n".utf8))
            exit(2)
        }
        let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1])))
        let first = document.vectors[0]
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, sessionToken: first.sessionToken),
            region: first.region, service: first.service)
        let date = Date(timeIntervalSince1970: TimeInterval(first.date))
        let requests = document.vectors.map { vector in
            HTTPRequest(
                method: vector.method, url: URL(string: vector.url)!, headers: HTTPHeaderFields(vector.headers.map { ($0[0], $0[1]) }),
                body: vector.body.flatMap { Data(base64Encoded: $0) })
        }
        // Presigned URLs as text, as botocore gives them (and as EKSToken puts them in a token).
        // `presign(_:expires:date:)` parses that text into a Foundation URL, which costs 2 to
        // 3 µs more: as much as the signature.
        let kinds = document.vectors.map { vector in
            (vector.kind == "presign", vector.payload == "unsigned" ? SigV4Signer.Payload.unsigned : .body, vector.expires ?? 3600)
        }
        var best = 0.0
        var checksum = 0
        for _ in 0..<rounds {
            let start = threadCPUTime()
            for index in requests.indices {
                let (presign, payload, expires) = kinds[index]
                if presign {
                    checksum &+= try signer.presignedURLString(for: requests[index], expires: expires, date: date).utf8.count
                } else {
                    var request = requests[index]
                    try signer.sign(&request, date: date, payload: payload)
                    checksum &+= request.headers.count
                }
            }
            let seconds = threadCPUTime() - start
            best = max(best, Double(requests.count) / seconds)
        }
        print(String(format: "%.0f", best))
        if checksum == 42 { print("") }  // keeps the work observable
    }
}

/// CPU time used by the calling thread, in seconds.
func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
