#!/usr/bin/env python3
"""The botocore side of scripts/bench-sigv4.

Writes the benchmark's requests (random ones from gen_vectors.py with a fixed seed, all signed
by one set of credentials on one day, as a client signs them) to a JSON file for the Swift side,
then times botocore signing the same requests and prints signatures per second.

    bench.py --requests 2000 --rounds 5 --out /tmp/requests.json
"""

import argparse
import base64
import datetime
import json
import random
import sys
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_vectors  # noqa: E402

import botocore.auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEMj//////////wEaCWV1LXdlc3QtMSJHMEUCIQDexampleSessionToken0123456789abcdefghijklmnop=="
DATE = 1800000000


def requests(count, seed):
    rng = random.Random(seed)
    result = []
    for index in range(count):
        vector = gen_vectors.random_vector(rng, index)
        vector.update(accessKeyId=KEY, secretAccessKey=SECRET, sessionToken=TOKEN, date=DATE, region="eu-west-1", service="sts")
        result.append(vector)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    vectors = requests(arguments.requests, arguments.seed)
    with open(arguments.out, "w") as handle:
        json.dump({"botocore": botocore.__version__, "seed": arguments.seed, "vectors": [dict(v, expected={"canonicalRequest": "", "stringToSign": "", "signature": ""}) for v in vectors]}, handle)

    when = datetime.datetime.fromtimestamp(DATE, tz=datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda *args, **kwargs: when
    credentials = Credentials(KEY, SECRET, TOKEN)
    signers = {}
    best = 0.0
    for _ in range(arguments.rounds):
        prepared = []
        for vector in vectors:
            body = base64.b64decode(vector["body"]) if vector.get("body") is not None else None
            request = AWSRequest(method=vector["method"], url=vector["url"], data=body)
            for name, value in vector["headers"]:
                request.headers[name] = value
            if vector["kind"] == "sign":
                auth = signers.setdefault("sign", botocore.auth.SigV4Auth(credentials, "sts", "eu-west-1"))
                if vector["payload"] == "unsigned":
                    request.context["payload_signing_enabled"] = False
            else:
                auth = botocore.auth.SigV4QueryAuth(credentials, "sts", "eu-west-1", expires=vector["expires"])
            prepared.append((auth, request))
        start = time.perf_counter()
        for auth, request in prepared:
            auth.add_auth(request)
        elapsed = time.perf_counter() - start
        best = max(best, len(prepared) / elapsed)
    print(f"{best:.0f}")


if __name__ == "__main__":
    main()
