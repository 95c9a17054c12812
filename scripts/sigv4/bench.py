#!/usr/bin/env python3
"""The botocore side of scripts/bench-sigv4.

Writes the benchmark's requests (a "typical" workload of the API calls a pipeline makes, or
"random" edge cases from gen_vectors.py; fixed seed; all signed by one set of credentials on one
day, as a client signs them) to a JSON file for the Swift side,
then times botocore signing the same requests and prints signatures per second of the thread's
CPU time (as the Swift side measures it).

    bench.py --workload typical --requests 2000 --rounds 0 --out /tmp/requests.json   # write them
    bench.py --from /tmp/requests.json --rounds 2                                   # time botocore on them
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


def random_requests(count, seed):
    """Edge cases: random paths, queries, headers and bodies (gen_vectors.py's generator)."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        vector = gen_vectors.random_vector(rng, index)
        vector.update(accessKeyId=KEY, secretAccessKey=SECRET, sessionToken=TOKEN, date=DATE, region="eu-west-1", service="sts")
        result.append(vector)
    return result


def typical_requests(count, seed):
    """What a deployment pipeline sends: STS form POSTs, ECR JSON POSTs, EKS GETs and EKS token
    presigns, in equal parts, with a session token."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        kind = index % 4
        common = dict(key=KEY, secret=SECRET, token=TOKEN, date=DATE, region="eu-west-1", service="sts")
        if kind == 0:
            body = f"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeployer&RoleSessionName=ci-{rng.randint(1, 99999)}"
            result.append(gen_vectors.vector(f"sts {index}", method="POST", url="https://sts.eu-west-1.amazonaws.com/", body=body.encode(),
                                             headers=[("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], **common))
        elif kind == 1:
            body = '{"repositoryName": "team/web-%d", "imageIds": [{"imageTag": "%d"}]}' % (rng.randint(1, 50), rng.randint(1, 9999))
            result.append(gen_vectors.vector(f"ecr {index}", method="POST", url="https://api.ecr.eu-west-1.amazonaws.com/", body=body.encode(),
                                             headers=[("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.BatchGetImage")], **common))
        elif kind == 2:
            query = f"?maxResults=100&nextToken=token-{rng.randint(1, 999)}" if rng.random() < 0.5 else ""
            result.append(gen_vectors.vector(f"eks {index}", url=f"https://eks.eu-west-1.amazonaws.com/clusters/prod-{rng.randint(1, 9)}/node-groups{query}",
                                             headers=[("Accept", "application/json")], **common))
        else:
            result.append(gen_vectors.vector(f"token {index}", kind="presign", expires=60,
                                             url="https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
                                             headers=[("x-k8s-aws-id", f"prod-{rng.randint(1, 9)}")], **common))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=4242)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--out", help="generate the requests and write them to this file")
    source.add_argument("--from", dest="source", help="read the requests from this file (written by --out)")
    parser.add_argument("--workload", choices=["typical", "random"], default="typical")
    arguments = parser.parse_args()
    if arguments.source:
        with open(arguments.source) as handle:
            vectors = json.load(handle)["vectors"]
    else:
        vectors = (typical_requests if arguments.workload == "typical" else random_requests)(arguments.requests, arguments.seed)
        with open(arguments.out, "w") as handle:
            json.dump({"botocore": botocore.__version__, "seed": arguments.seed, "vectors": [dict(v, expected={"canonicalRequest": "", "stringToSign": "", "signature": ""}) for v in vectors]}, handle)
        if arguments.rounds == 0:
            return

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
        start = time.thread_time()
        for auth, request in prepared:
            auth.add_auth(request)
        elapsed = time.thread_time() - start
        best = max(best, len(prepared) / elapsed)
    print(f"{best:.0f}")


if __name__ == "__main__":
    main()
