#!/usr/bin/env python3
"""SigV4 reference vectors from botocore, for AWSKit's known-answer and differential tests.

Each vector is a request (method, URL, headers, body, credentials, region, service, time) and
what botocore computes for it: the canonical request, the string to sign, the signature, and the
Authorization header (header signing) or the presigned URL (query signing).

    gen_vectors.py --known-answers > Tests/AWSKitTests/Resources/sigv4-vectors.json
    gen_vectors.py --random 5000 --seed 12345 > /tmp/fresh.json

--known-answers writes the hand-picked edge cases plus 300 random requests from a fixed seed
(the committed file); --random writes only random requests from the given seed (the
differential run uses a new seed each time).

The URL of every request is written the way an SDK sends it: the path and the query are
percent-encoded (RFC 3986) before signing. botocore signs a URL's query as written, while AWS
services decode and re-encode it; AWSKit does what the services do, so a query spelled
non-canonically (a lower-case %2f, a literal '*') would sign differently here by design and is not
generated.
"""

import argparse
import base64
import datetime
import json
import random
import sys
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials


def sign(vector):
    """Signs one vector with botocore and stores the results under 'expected'."""
    when = datetime.datetime.fromtimestamp(vector["date"], tz=datetime.timezone.utc)
    botocore.auth.get_current_datetime = lambda *args, **kwargs: when.replace(tzinfo=None)
    credentials = Credentials(vector["accessKeyId"], vector["secretAccessKey"], vector.get("sessionToken"))
    body = base64.b64decode(vector["body"]) if vector.get("body") is not None else None
    request = AWSRequest(method=vector["method"], url=vector["url"], data=body)
    for name, value in vector["headers"]:
        request.headers[name] = value
    is_s3 = vector["service"] == "s3"
    if vector["kind"] == "sign":
        auth_class = botocore.auth.S3SigV4Auth if is_s3 else botocore.auth.SigV4Auth
        auth = auth_class(credentials, vector["service"], vector["region"])
        if vector["payload"] == "unsigned":
            if is_s3:
                request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
            else:
                request.context["payload_signing_enabled"] = False
    else:
        auth_class = botocore.auth.S3SigV4QueryAuth if is_s3 else botocore.auth.SigV4QueryAuth
        auth = auth_class(credentials, vector["service"], vector["region"], expires=vector["expires"])
    captured = {}
    original_canonical = auth.canonical_request
    original_sts = auth.string_to_sign
    original_signature = auth.signature

    def canonical_request(req):
        captured["canonicalRequest"] = original_canonical(req)
        return captured["canonicalRequest"]

    def string_to_sign(req, canonical):
        captured["stringToSign"] = original_sts(req, canonical)
        return captured["stringToSign"]

    def signature(sts, req):
        captured["signature"] = original_signature(sts, req)
        return captured["signature"]

    auth.canonical_request = canonical_request
    auth.string_to_sign = string_to_sign
    auth.signature = signature
    auth.add_auth(request)
    if vector["kind"] == "sign":
        captured["authorization"] = request.headers["Authorization"]
    else:
        captured["presignedURL"] = request.url
    vector["expected"] = captured
    return vector


# ---------------------------------------------------------------------------------------------
# Request builders

EXAMPLE_KEY = "AKIDEXAMPLE"
EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
EXAMPLE_TOKEN = (
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUu"
    "wthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcH"
    "NVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
)
DATE_2015 = 1440938160  # 2015-08-30T12:36:00Z, the AWS test suite's time


def encode_query(pairs):
    """RFC 3986 query encoding of (key, value-or-None) pairs, in order; None means no '='."""
    parts = []
    for key, value in pairs:
        encoded = quote(key, safe="-_.~")
        if value is not None:
            encoded += "=" + quote(value, safe="-_.~")
        parts.append(encoded)
    return "&".join(parts)


def vector(name, kind="sign", method="GET", url="https://example.amazonaws.com/", headers=(), body=None,
           service="service", region="us-east-1", token=None, payload="body", expires=None, date=DATE_2015,
           key=EXAMPLE_KEY, secret=EXAMPLE_SECRET):
    result = {
        "name": name,
        "kind": kind,
        "method": method,
        "url": url,
        "headers": [list(h) for h in headers],
        "body": base64.b64encode(body).decode() if body is not None else None,
        "service": service,
        "region": region,
        "accessKeyId": key,
        "secretAccessKey": secret,
        "date": date,
        "payload": payload,
    }
    if token is not None:
        result["sessionToken"] = token
    if kind == "presign":
        result["expires"] = expires if expires is not None else 3600
    return result


def hand_picked():
    v = []
    host = "https://example.amazonaws.com"
    # Paths: normalisation and the second encoding (not for S3).
    for path in ["/", "", "/a/b/c", "/a//b///c/", "/./a/./b/.", "/a/b/../c", "/../../x", "/a/..", "/a%20b/c%2Fd",
                 "/example/$delete", "/%E1%88%B4", "/~user/_x-y.z", "/a+b/c=d;e,f!g'h(i)j*k@l:m", "/%2e%2E/x",
                 "/trailing/", "//double-start", "/a/./", "/clusters/my%20cluster/node-groups"]:
        v.append(vector(f"path {path!r}", url=host + path))
        if path:
            # botocore signs an empty S3 path as an empty line, but every HTTP client sends '/'
            # and S3 signs '/'; AWSKit signs '/', so that case is not a vector.
            v.append(vector(f"path {path!r} s3", url=host + path, service="s3"))
    # Query strings: sorting, empty values, repeated keys, reserved and non-ASCII characters.
    queries = [
        [("Param2", "value2"), ("Param1", "value1")],
        [("Param1", "value2"), ("Param1", "value1")],
        [("Param", "b"), ("param", "a"), ("Param", "a")],
        [("a", ""), ("b", None), ("c", "")],
        [("-._~0-9A-Za-z", "-._~0-9A-Za-z")],
        [("reserved", ":/?#[]@!$&'()*+,;= %")],
        [("\u1234", "bar"), ("ü", "é"), ("emoji", "\U0001F600")],
        [("Action", "ListUsers"), ("Version", "2010-05-08")],
        [("x", "1"), ("x", "10"), ("x", "2"), ("x", "")],
        [("", "empty-key")],
        [("a", "=b=c"), ("b", "&")],
        [("Z", "1"), ("a", "1"), ("_", "1"), ("~", "1"), ("-", "1"), (".", "1")],
    ]
    for pairs in queries:
        v.append(vector(f"query {encode_query(pairs)}", url=f"{host}/?{encode_query(pairs)}"))
    v.append(vector("query with an empty segment", url=f"{host}/?a=1&&b=2"))
    v.append(vector("query with a trailing ampersand", url=f"{host}/?a=1&"))
    v.append(vector("query with only a question mark", url=f"{host}/?"))
    # Headers: trimming, folding, lower-casing, several values, never-signed headers, host.
    v.append(vector("header trimming", headers=[("My-Header1", "  value1  "), ("My-Header2", '"a   b   c"')]))
    v.append(vector("header folding", headers=[("My-Header1", "value1\r\n  value2\r\n     value3")]))
    v.append(vector("header tabs and odd white space", headers=[("X-Tabs", "\ta\t\tb \x0b c\x0c\x1c d\x1f")]))
    v.append(vector("header unicode white space", headers=[("X-Uni", "\u00a0a\u2003b\u3000 c\u00a0")]))
    v.append(vector("header non-ASCII value", headers=[("X-Utf8", "h\u00e9llo w\u00f6rld \u1234")]))
    v.append(vector("header several values", headers=[("My-Header1", "value2"), ("My-Header1", "value2"), ("my-header1", "value1")]))
    v.append(vector("header case and sort", headers=[("ZOO", "zoobar"), ("My-Header1", "VALUE1"), ("a-first", "x"), ("My-header2", "b")]))
    v.append(vector("header empty value", headers=[("X-Empty", ""), ("X-Spaces", "   ")]))
    v.append(vector("never-signed headers", headers=[
        ("User-Agent", "swift/6"), ("Connection", "keep-alive"), ("Expect", "100-continue"), ("Keep-Alive", "timeout=5"),
        ("Proxy-Authenticate", "x"), ("Proxy-Authorization", "y"), ("TE", "trailers"), ("Trailer", "x"),
        ("Transfer-Encoding", "chunked"), ("Upgrade", "h2c"), ("X-Amzn-Trace-Id", "Root=1-abc"), ("X-Kept", "1")]))
    v.append(vector("explicit host header", headers=[("Host", "Example.AmazonAWS.com:8443")]))
    v.append(vector("a Date header is rewritten", headers=[("Date", "Mon, 09 Sep 2011 23:36:00 GMT")]))
    v.append(vector("an old X-Amz-Date is replaced", headers=[("X-Amz-Date", "19990101T000000Z")]))
    v.append(vector("an old Authorization is dropped", headers=[("Authorization", "AWS4-HMAC-SHA256 stale")]))
    v.append(vector("a preset content hash is used", headers=[("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")], body=b"ignored"))
    # Hosts and ports.
    for url in ["https://EXAMPLE.amazonaws.com/", "https://example.amazonaws.com:443/", "http://example.amazonaws.com:80/",
                "https://example.amazonaws.com:80/", "http://127.0.0.1:5000/", "http://[::1]:8080/x", "https://user:pw@example.amazonaws.com/",
                "http://localhost:4566/x?y=z"]:
        v.append(vector(f"host {url}", url=url))
    # Methods, bodies, payload options.
    v.append(vector("lower-case method", method="get"))
    v.append(vector("POST form body", method="POST", body=b"Param1=value1",
                    headers=[("Content-Type", "application/x-www-form-urlencoded")]))
    v.append(vector("POST JSON body", method="POST", body=b'{"repositoryNames":["web"]}',
                    headers=[("Content-Type", "application/x-amz-json-1.1"),
                             ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")]))
    v.append(vector("binary body", method="PUT", body=bytes(range(256))))
    v.append(vector("unsigned payload", method="PUT", body=b"big", payload="unsigned"))
    v.append(vector("unsigned payload over http", method="PUT", url="http://example.amazonaws.com/", body=b"big", payload="unsigned"))
    v.append(vector("s3 put", method="PUT", url="https://bucket.s3.us-east-1.amazonaws.com/key%20with%20space", body=b"data", service="s3"))
    v.append(vector("s3 unsigned", method="PUT", url="https://bucket.s3.us-east-1.amazonaws.com/k", body=b"data", service="s3", payload="unsigned"))
    # Session tokens.
    v.append(vector("session token", token=EXAMPLE_TOKEN))
    v.append(vector("session token replaces a stale one", token=EXAMPLE_TOKEN, headers=[("X-Amz-Security-Token", "stale")]))
    v.append(vector("post-sts-header-before", method="POST", token=EXAMPLE_TOKEN))
    # Services, regions, dates.
    v.append(vector("sts GetCallerIdentity", method="POST", url="https://sts.eu-west-1.amazonaws.com/",
                    body=b"Action=GetCallerIdentity&Version=2011-06-15", service="sts", region="eu-west-1",
                    headers=[("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]))
    v.append(vector("eks DescribeCluster", url="https://eks.ap-southeast-2.amazonaws.com/clusters/prod", service="eks", region="ap-southeast-2"))
    v.append(vector("leap day", date=951782400))  # 2000-02-29
    v.append(vector("end of year", date=1704067199))  # 2023-12-31T23:59:59Z
    v.append(vector("year 2038", date=2147483647))
    v.append(vector("fractional date is truncated", date=1440938160))
    # Presigned URLs.
    sts = "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
    v.append(vector("presign vanilla", kind="presign", expires=86400))
    v.append(vector("presign EKS token", kind="presign", url=sts, service="sts", expires=60, headers=[("x-k8s-aws-id", "my-cluster")]))
    v.append(vector("presign EKS token with session", kind="presign", url=sts, service="sts", expires=60, token=EXAMPLE_TOKEN,
                    headers=[("x-k8s-aws-id", "my-cluster")]))
    v.append(vector("presign query re-encoded", kind="presign", url=f"{host}/?b=2&a=%E1%88%B4&c&d=&&e=x%2Fy", expires=1))
    v.append(vector("presign path normalised", kind="presign", url=f"{host}/a/./b/../c//d%20e", expires=604800))
    v.append(vector("presign s3", kind="presign", url="https://bucket.s3.amazonaws.com/a//b%20c", service="s3", token=EXAMPLE_TOKEN))
    v.append(vector("presign drops the form content type", kind="presign",
                    headers=[("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), ("X-Other", "  a  b ")]))
    v.append(vector("presign keeps another content type", kind="presign", headers=[("Content-Type", "application/json")]))
    v.append(vector("presign without path", kind="presign", url="https://example.amazonaws.com"))
    v.append(vector("presign http with port", kind="presign", url="http://127.0.0.1:9000/x?y=1", expires=300))
    return v


ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"
    " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}"
    "\u00e9\u00fc\u00df\u4e2d\u1234\u00a0\U0001F600"
)
PATH_RAW = "abcXYZ019-_.~!$&'()*+,;=:@"
HEADER_NAME = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
HEADER_VALUE = "abcdefXYZ0129 -_.,;:=/\"'()[]{}<>?@!#$%&*+|~^`\\"
SERVICES = ["sts", "ecr", "eks", "iam", "dynamodb", "execute-api", "s3", "sqs", "lambda", "service"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1", "cn-north-1", "us-gov-west-1"]
NEVER_SIGNED = ["User-Agent", "Connection", "Expect", "X-Amzn-Trace-Id", "Transfer-Encoding", "TE"]


def random_text(rng, alphabet, low, high):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def random_vector(rng, index):
    service = rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    kind = "presign" if rng.random() < 0.3 else "sign"
    scheme = "http" if rng.random() < 0.15 else "https"
    host_choice = rng.random()
    if host_choice < 0.7:
        host = f"{service}.{region}.amazonaws.com"
        if rng.random() < 0.2:
            host = host.upper() if rng.random() < 0.5 else host.title()
    elif host_choice < 0.85:
        host = f"127.0.0.1:{rng.randint(1, 65535)}"
    elif host_choice < 0.93:
        host = f"[::1]:{rng.randint(1, 65535)}"
    else:
        host = f"localhost:{rng.choice([80, 443, 4566, 5000])}"
    segments = []
    for _ in range(rng.randint(0, 5)):
        choice = rng.random()
        if choice < 0.1:
            segments.append(rng.choice([".", "..", ""]))
        elif choice < 0.4:
            segments.append(random_text(rng, PATH_RAW, 1, 8))
        else:
            segments.append(quote(random_text(rng, ALPHABET, 1, 8), safe="~"))
    path = "/" + "/".join(segments) if segments or rng.random() < 0.9 else ""
    if segments and rng.random() < 0.3:
        path += "/"
    if service == "s3" and not path:
        path = "/"  # see hand_picked(): botocore signs an empty S3 path differently from S3 itself
    pairs = []
    keys = []
    for _ in range(rng.randint(0, 6)):
        if keys and kind == "sign" and rng.random() < 0.2:
            key = rng.choice(keys)  # a repeated key
        else:
            key = random_text(rng, ALPHABET, 0 if rng.random() < 0.05 else 1, 10)
            if kind == "presign" and (key in keys or key.lower().startswith("x-amz-")):
                continue
        keys.append(key)
        value = None if rng.random() < 0.1 else random_text(rng, ALPHABET, 0, 12)
        if kind == "presign" and value is None:
            value = ""
        pairs.append((key, value))
    url = f"{scheme}://{host}{path}"
    if pairs:
        url += "?" + encode_query(pairs)
    headers = []
    for _ in range(rng.randint(0, 6)):
        name = "X-" + random_text(rng, HEADER_NAME, 1, 12)
        raw = random_text(rng, HEADER_VALUE, 0, 20)
        if rng.random() < 0.2:
            raw = rng.choice(["  ", "\t", " \t "]) + raw + rng.choice(["  ", "\t", ""])
        if rng.random() < 0.05:
            raw += rng.choice(["\u00e9t\u00e9", " \u00a0x", "\u4e2d\u6587"])
        headers.append((name, raw))
        if rng.random() < 0.15:
            headers.append((name.lower(), random_text(rng, HEADER_VALUE, 0, 10)))
    if rng.random() < 0.2:
        headers.append((rng.choice(NEVER_SIGNED), random_text(rng, HEADER_VALUE, 1, 10)))
    if rng.random() < 0.1:
        headers.append(("Host", host))
    if kind == "presign" and rng.random() < 0.2:
        headers.append(("Content-Type", rng.choice(["application/x-www-form-urlencoded; charset=utf-8", "application/json"])))
    rng.shuffle(headers)
    method = rng.choice(["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"])
    body = None
    if kind == "sign" and method in ("POST", "PUT", "PATCH") and rng.random() < 0.8:
        body = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
    token = None
    if rng.random() < 0.4:
        token = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(rng.randint(16, 300)))).decode()
    secret = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(30))).decode()
    key = rng.choice(["AKIA", "ASIA"]) + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    return vector(
        f"random {index}",
        kind=kind,
        method=method,
        url=url,
        headers=headers,
        body=body,
        service=service,
        region=region,
        token=token,
        payload="unsigned" if kind == "sign" and rng.random() < 0.15 else "body",
        expires=rng.randint(1, 604800) if kind == "presign" else None,
        date=rng.randint(946684800, 2145916799),
        key=key,
        secret=secret,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--known-answers", action="store_true", help="hand-picked cases plus 300 random ones (seed 20150830)")
    parser.add_argument("--random", type=int, default=0, help="number of random requests")
    parser.add_argument("--seed", type=int, default=20150830, help="seed of the random requests")
    arguments = parser.parse_args()
    vectors = []
    seed = arguments.seed
    count = arguments.random
    if arguments.known_answers:
        vectors.extend(hand_picked())
        seed, count = 20150830, max(count, 300)
    rng = random.Random(seed)
    vectors.extend(random_vector(rng, i) for i in range(count))
    for item in vectors:
        sign(item)
    document = {"generator": "scripts/sigv4/gen_vectors.py", "botocore": botocore.__version__, "seed": seed, "vectors": vectors}
    json.dump(document, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
