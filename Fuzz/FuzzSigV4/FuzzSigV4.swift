import AWSKit
import Foundation
import FuzzSupport
import SDKCore

/// libFuzzer entry point: decodes a request (see ``SigningCase``), signs it in the header and in
/// the presigned form, and checks the invariants of both (``SignatureCheck``).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSigV4(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let signingCase = SigningCase(FuzzInput(data, size).text) else { return 0 }
    let check = SignatureCheck(signingCase: signingCase)
    let signer = SigV4Signer(credentials: signingCase.credentials, region: signingCase.region, service: signingCase.service)
    checkHeaderSigning(signer, signingCase, check)
    checkPresigning(signer, signingCase, check)
    return 0
}

/// Header signing: deterministic, the same as `sign(_:)` writes, and a valid canonical request.
func checkHeaderSigning(_ signer: SigV4Signer, _ signingCase: SigningCase, _ check: SignatureCheck) {
    let request = signingCase.request
    let details: SigV4Signer.SigningDetails
    do {
        details = try signer.signingDetails(for: request, date: signingCase.date, payload: signingCase.payload)
    } catch {
        invariant(error is SigV4Error, "signing fails only with a SigV4Error, not \(error)")
        return
    }
    let again = try? signer.signingDetails(for: request, date: signingCase.date, payload: signingCase.payload)
    invariant(again == details, "signing twice gives the same result")
    let lines = check.checkCanonical(details)

    var signed = request
    do {
        try signer.sign(&signed, date: signingCase.date, payload: signingCase.payload)
    } catch {
        invariant(false, "sign(_:) fails where signingDetails(for:) succeeded: \(error)")
    }
    let authorization = signed.headers.values(for: "Authorization")
    invariant(authorization == [details.authorization ?? ""], "sign(_:) sets one Authorization, the one signingDetails computed: \(authorization)")
    let expected = "AWS4-HMAC-SHA256 Credential=\(SigningCase.accessKeyID)/\(check.scope), SignedHeaders=\(lines.signedHeaders), Signature=\(details.signature)"
    invariant(details.authorization == expected, "the Authorization header is \(expected.debugDescription), not \(String(describing: details.authorization).debugDescription)")
    let stamp = signed.headers["X-Amz-Date"] ?? signed.headers["Date"]
    invariant(stamp != nil, "a signed request carries X-Amz-Date or Date")
    if signingCase.withSessionToken {
        invariant(signed.headers.values(for: "X-Amz-Security-Token") == [SigningCase.sessionToken], "temporary credentials send their session token once")
    }
}

/// Presigning: deterministic, rejects lifetimes out of range, and the URL parses with the
/// signature and the canonical query that the canonical request holds.
func checkPresigning(_ signer: SigV4Signer, _ signingCase: SigningCase, _ check: SignatureCheck) {
    let request = signingCase.request
    let details: SigV4Signer.SigningDetails
    do {
        details = try signer.presigningDetails(for: request, expires: signingCase.expires, date: signingCase.date)
    } catch let error as SigV4Error {
        let inRange = (1...SigV4Signer.maximumPresignedLifetime).contains(signingCase.expires)
        invariant(inRange == (error.code != .invalidExpiry), "invalidExpiry exactly when the lifetime \(signingCase.expires) is out of range: \(error)")
        return
    } catch {
        invariant(false, "presigning fails only with a SigV4Error, not \(error)")
        return
    }
    invariant((1...SigV4Signer.maximumPresignedLifetime).contains(signingCase.expires), "a lifetime of \(signingCase.expires) s is refused")
    let again = try? signer.presigningDetails(for: request, expires: signingCase.expires, date: signingCase.date)
    invariant(again == details, "presigning twice gives the same result")
    let lines = check.checkCanonical(details)

    guard let text = details.presignedURL else {
        invariant(false, "presigning details carry the URL")
        return
    }
    let url: URL
    do {
        url = try signer.presign(request, expires: signingCase.expires, date: signingCase.date)
    } catch {
        invariant(false, "presign(_:) fails where presigningDetails(for:) succeeded: \(error)")
        return
    }
    invariant(url.absoluteString == text, "presign(_:) returns the URL of the details: \(url.absoluteString.debugDescription) vs \(text.debugDescription)")
    guard let components = URLComponents(string: text), let items = components.percentEncodedQueryItems else {
        invariant(false, "the presigned URL parses, with a query: \(text.debugDescription)")
        return
    }
    // The authentication parameters come last, in botocore's order, after the request's own
    // parameters. Those may carry the same names (a URL that was presigned before): botocore
    // appends its own after them just the same, so only the trailing block is ours.
    let authNames = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders"]
        + (signingCase.withSessionToken ? ["X-Amz-Security-Token"] : []) + ["X-Amz-Signature"]
    let auth = Array(items.suffix(authNames.count))
    invariant(auth.map(\.name) == authNames, "the presigned URL ends with the authentication parameters, in order: \(text.debugDescription)")
    let signature = auth.last?.value ?? ""
    invariant(SignatureCheck.isLowerHex(signature, count: 64), "X-Amz-Signature is 64 lower-case hex digits: \(signature.debugDescription)")
    invariant(signature == details.signature, "X-Amz-Signature is the computed signature")
    let signedHeaders = auth.first { $0.name == "X-Amz-SignedHeaders" }?.value?.removingPercentEncoding
    invariant(signedHeaders.map { $0[...] } == lines.signedHeaders, "X-Amz-SignedHeaders is the canonical request's list: \(String(describing: signedHeaders))")
    // The canonical query is the URL's query without the signature, sorted.
    let rawQuery = components.percentEncodedQuery ?? ""
    let withoutSignature = rawQuery.split(separator: "&", omittingEmptySubsequences: false).dropLast()
    let sorted = withoutSignature.sorted { left, right in
        let l = left.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let r = right.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        if l[0] != r[0] { return Array(l[0].utf8).lexicographicallyPrecedes(Array(r[0].utf8)) }
        return Array((l.last ?? "").utf8).lexicographicallyPrecedes(Array((r.last ?? "").utf8))
    }
    invariant(sorted.joined(separator: "&") == lines.query, "the canonical query is the presigned URL's parameters, sorted: \(lines.query.debugDescription) vs \(rawQuery.debugDescription)")
}
