"""The peers the benchmarks run against: kube-sandbox (HTTPS, bearer tokens), an EKS cluster in
moto whose endpoint and CA are that sandbox, and the sandbox's stand-in for the EKS authenticator.

A real EKS API server accepts a `k8s-aws-v1.` token when STS accepts the presigned
GetCallerIdentity URL inside it. The sandbox only knows a set of accepted tokens, so
`TokenAuthority` keeps that set filled with every token the benchmark's credentials can make in a
sliding window of signing seconds, each made by the AWS CLI's own TokenGenerator (what
`aws eks get-token` runs). AWSKit's tokens are byte-identical to those (Tests/AWSKitTests
EKSTokenTests), so both sides are accepted, and any other token is refused.
"""

import base64
import contextlib
import datetime
import json
import logging
import os
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.request

REGION = "eu-west-1"
CLUSTER = "bench"
ACCESS_KEY = "AKIDBENCHEXAMPLE"
SECRET_KEY = "bench-secret-key-not-printed"
ADMIN_TOKEN = "bench-admin-token"


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sandbox:
    """kube-sandbox with --tls, a token user, and helpers for its admin endpoint."""

    def __init__(self, binary, work, name, arguments=(), seed=None):
        self.directory = os.path.join(work, name)
        os.makedirs(self.directory, exist_ok=True)
        self.kubeconfig = os.path.join(self.directory, "kubeconfig")
        command = [binary, "--port", "0", "--tls", "--token", ADMIN_TOKEN, "--kubeconfig-user", "token",
                   "--kubeconfig-out", self.kubeconfig, *arguments]
        if seed:
            command += ["--seed", seed]
        self.stdout = open(os.path.join(self.directory, "stdout"), "w+")
        self.stderr = open(os.path.join(self.directory, "stderr"), "w+")
        self.process = subprocess.Popen(command, stdout=self.stdout, stderr=self.stderr)
        deadline = time.monotonic() + 300
        while True:
            self.stdout.seek(0)
            line = self.stdout.read()
            if "serving" in line:
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stderr.seek(0)
                raise RuntimeError(f"kube-sandbox did not start: {self.stderr.read()[-2000:]}")
            time.sleep(0.01)
        self.url = line.split("serving ", 1)[1].split(" ", 1)[0]
        config = json.loads(subprocess.run(
            ["kubectl", "config", "view", "--raw", "-o", "json", "--kubeconfig", self.kubeconfig],
            check=True, capture_output=True, text=True).stdout)
        self.ca_data = config["clusters"][0]["cluster"]["certificate-authority-data"]
        self.ssl = ssl.create_default_context(cadata=base64.b64decode(self.ca_data).decode())

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json", "Accept": "application/json"})
        with urllib.request.urlopen(request, context=self.ssl, timeout=120) as response:
            text = response.read()
        return json.loads(text) if text else None

    def reset_counters(self):
        self.request("DELETE", "/sandbox/v1/counters")

    def api_requests(self):
        """Requests answered since the last reset, not counting the admin endpoint's."""
        routes = self.request("GET", "/sandbox/v1/counters").get("byRoute", {})
        return sum(count for route, count in routes.items() if " /sandbox/" not in route)

    def count(self, path):
        """Objects in a list, from one page of size 1 (remainingItemCount)."""
        page = self.request("GET", f"{path}?limit=1")
        return len(page["items"]) + page["metadata"].get("remainingItemCount", 0)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stdout.close()
        self.stderr.close()


class Moto:
    """moto in this process (so that its EKS cluster can be pointed at the sandbox)."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on the table's terminal

        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def create_cluster(self, sandbox):
        import botocore.session
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.eks.models import eks_backends

        session = botocore.session.get_session()
        session.set_credentials(ACCESS_KEY, SECRET_KEY)
        eks = session.create_client("eks", region_name=REGION, endpoint_url=self.url)
        eks.create_cluster(name=CLUSTER, roleArn=f"arn:aws:iam::{DEFAULT_ACCOUNT_ID}:role/eks",
                           resourcesVpcConfig={"subnetIds": ["subnet-1", "subnet-2"]})
        # moto makes up an endpoint and random CA bytes; a real cluster's are its API server's.
        cluster = eks_backends[DEFAULT_ACCOUNT_ID][REGION].clusters[CLUSTER]
        cluster.endpoint = sandbox.url
        cluster.certificate_authority = {"data": sandbox.ca_data}
        described = eks.describe_cluster(name=CLUSTER)["cluster"]
        assert described["endpoint"] == sandbox.url, described["endpoint"]

    def stop(self):
        self.server.stop()


class TokenAuthority(threading.Thread):
    """Keeps the sandbox accepting exactly the EKS tokens of the benchmark's credentials signed in
    the last two minutes or the next 30 seconds (a real cluster accepts them for 15 minutes)."""

    PAST, FUTURE = 120, 30

    def __init__(self, sandbox):
        super().__init__(daemon=True)
        import botocore.auth
        import botocore.session
        from awscli.customizations.eks.get_token import STSClientFactory, TokenGenerator

        self.sandbox = sandbox
        self.auth = botocore.auth
        self.original_clock = botocore.auth.get_current_datetime
        session = botocore.session.get_session()
        session.set_credentials(ACCESS_KEY, SECRET_KEY)
        self.generator = TokenGenerator(STSClientFactory(session).get_sts_client(region_name=REGION))
        self.tokens = {}
        self.stopping = threading.Event()
        self.error = None
        self.refresh()

    def token_at(self, second):
        when = datetime.datetime.fromtimestamp(second, tz=datetime.timezone.utc).replace(tzinfo=None)
        self.auth.get_current_datetime = lambda *args, **kwargs: when
        try:
            return self.generator.get_token(CLUSTER)
        finally:
            self.auth.get_current_datetime = self.original_clock

    def refresh(self):
        now = int(time.time())
        for second in range(now - self.PAST, now + self.FUTURE + 1):
            if second not in self.tokens:
                self.tokens[second] = self.token_at(second)
        for second in [s for s in self.tokens if s < now - self.PAST]:
            del self.tokens[second]
        self.sandbox.request("PUT", "/sandbox/v1/tokens", {"tokens": [ADMIN_TOKEN, *self.tokens.values()]})

    def run(self):
        while not self.stopping.wait(1):
            try:
                self.refresh()
            except Exception as error:  # reported by the driver, which stops
                self.error = error
                return

    def stop(self):
        self.stopping.set()
        self.join()


def aws_environment(moto, home):
    """The environment of the tools and of the reference commands: keys, region, EKS in moto."""
    return {
        "PATH": os.environ["PATH"], "HOME": home, "LANG": "C.UTF-8",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL_EKS": moto.url, "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.path.join(home, "aws-config"), "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "aws-credentials"),
    }


def temporary_directory():
    return tempfile.mkdtemp(prefix="bluegreen-bench-")
