#!/usr/bin/env python3
"""The benchmarks of scripts/bench: each figure beside its reference, measured side by side in the
same run, with the ratio. Run it through scripts/bench, which installs the prerequisites, makes the
release build and measures SigV4 signing first.

    run.py --bin .build/release --build-seconds 812 --sigv4 sigv4.txt [--write BENCHMARKS.md]
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402
import report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = ("bluegreen-deploy", "bluegreen-route", "bluegreen-purge", "eks-token", "kube-sandbox")
APP, NAMESPACE, IMAGE = "web", "default", "registry.example.com/web"


def progress(message):
    print(f"  … {message}", file=sys.stderr, flush=True)


def run(command, env=None, check=True):
    """Runs a command; returns (seconds, completed process)."""
    start = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr[-3000:]}\n{completed.stdout[-2000:]}")
    return elapsed, completed


def run_measured(command, env=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in KiB, CPU seconds, process)."""
    stats = os.path.join(peers.temporary_directory(), "time-v")
    elapsed, completed = run(["/usr/bin/time", "-v", "-o", stats, *command], env=env)
    with open(stats) as handle:
        text = handle.read()
    shutil.rmtree(os.path.dirname(stats), ignore_errors=True)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", text).group(1)) for kind in ("User", "System"))
    return elapsed, rss, cpu, completed


def median(values):
    return statistics.median(values)


# Templates with minReadySeconds 0, as the tests use them: the sandbox's pods are ready at once.
def templates(work):
    directory = os.path.join(work, "templates")
    os.makedirs(directory, exist_ok=True)
    for name in ("deployment.yaml", "service.yaml", "preview-service.yaml"):
        with open(os.path.join(ROOT, "deployment_config", name)) as source:
            text = source.read().replace("minReadySeconds: 5", "minReadySeconds: 0")
        with open(os.path.join(directory, name), "w") as target:
            target.write(text)
    return directory


def render(template_dir, version, work):
    """deployment.yaml with its placeholders filled in, as the seed's pipeline applied it."""
    with open(os.path.join(template_dir, "deployment.yaml")) as handle:
        text = handle.read()
    values = {"APP": APP, "VERSION": version, "IMAGE": f"{IMAGE}:{version}", "REPLICAS": "2", "NAMESPACE": NAMESPACE}
    for key, value in values.items():
        text = text.replace("${" + key + "}", value)
    path = os.path.join(work, f"deployment-{version}.yaml")
    with open(path, "w") as handle:
        handle.write(text)
    return path


class EKS:
    """The EKS peers of the route and deploy benchmarks, and the two ways of talking to them."""

    def __init__(self, binaries, work):
        self.bin = binaries
        self.work = work
        self.sandbox = peers.Sandbox(os.path.join(binaries, "kube-sandbox"), work, "eks-sandbox",
                                     ["--nodes", "30", "--ready-after", "100ms"])
        self.moto = peers.Moto()
        self.moto.create_cluster(self.sandbox)
        self.authority = peers.TokenAuthority(self.sandbox)
        self.authority.start()
        self.home = os.path.join(work, "home")
        os.makedirs(self.home, exist_ok=True)
        self.env = peers.aws_environment(self.moto, self.home)
        self.kubeconfig = os.path.join(self.home, "kubeconfig")
        self.templates = templates(work)
        self.cluster_flags = ["--eks-cluster", peers.CLUSTER, "--region", peers.REGION, "-n", NAMESPACE, "--app", APP]

    def tool(self, name):
        return os.path.join(self.bin, name)

    def update_kubeconfig(self):
        return run(["aws", "eks", "update-kubeconfig", "--name", peers.CLUSTER, "--region", peers.REGION,
                    "--kubeconfig", self.kubeconfig], env=self.env)[0]

    def kubectl(self, *arguments):
        return run(["kubectl", "--kubeconfig", self.kubeconfig, "-n", NAMESPACE, *arguments], env=self.env)

    def active(self):
        _, listing = run([self.tool("bluegreen-route"), *self.cluster_flags, "--list", "-o", "json"], env=self.env)
        return json.loads(listing.stdout)["active"]

    def check(self):
        if self.authority.error:
            raise RuntimeError(f"the EKS token authority failed: {self.authority.error}")

    def stop(self):
        self.authority.stop()
        self.moto.stop()
        self.sandbox.stop()


def route_benchmark(eks, repetitions):
    """bluegreen-route --to V against the seed pipeline's switch (update-kubeconfig + kubectl patch)."""
    ours, theirs, ours_requests, theirs_requests = [], [], [], []
    reference_parts = {"aws eks update-kubeconfig": [], "kubectl patch service": []}
    for index in range(repetitions):
        eks.check()
        eks.sandbox.reset_counters()
        elapsed, completed = run([eks.tool("bluegreen-route"), *eks.cluster_flags, "--to", "1", "-o", "json"], env=eks.env)
        ours_requests.append(eks.sandbox.api_requests())
        document = json.loads(completed.stdout)
        assert document["to"] == "1" and document["changed"], document
        ours.append(elapsed)

        eks.sandbox.reset_counters()
        update = eks.update_kubeconfig()
        patch = json.dumps({"spec": {"selector": {"app.kubernetes.io/name": APP, "app.kubernetes.io/version": "2"}}})
        patched, _ = eks.kubectl("patch", "service", APP, "-p", patch)
        theirs_requests.append(eks.sandbox.api_requests())
        theirs.append(update + patched)
        reference_parts["aws eks update-kubeconfig"].append(update)
        reference_parts["kubectl patch service"].append(patched)
        assert eks.active() == "2", "the reference switch did not reach the Service"
    return {
        "repetitions": repetitions,
        "ours": median(ours), "reference": median(theirs),
        "ours_requests": median(ours_requests), "reference_requests": median(theirs_requests),
        "reference_parts": {name: median(values) for name, values in reference_parts.items()},
    }


def deploy_with_timestamps(eks, version):
    """bluegreen-deploy --verbose, each stderr line stamped as it arrives."""
    command = [eks.tool("bluegreen-deploy"), *eks.cluster_flags, "--version", version, "--image", IMAGE, "--skip-image-check",
               "--templates", eks.templates, "--verbose", "-o", "json"]
    lines = []
    start = time.perf_counter()
    process = subprocess.Popen(command, env=eks.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)

    def read_stderr():
        for line in process.stderr:
            lines.append((time.perf_counter(), line.rstrip("\n")))

    reader = threading.Thread(target=read_stderr)
    reader.start()
    stdout = process.stdout.read()
    process.wait()
    end = time.perf_counter()
    reader.join()
    if process.returncode != 0:
        raise RuntimeError(f"bluegreen-deploy {version} exited {process.returncode}:\n" + "\n".join(line for _, line in lines[-40:]))
    document = json.loads(stdout)
    assert document["status"] == "switched", document
    return start, end, lines


def deploy_phases(start, end, lines):
    """Phases from the engine's `deploy action` and KubeKit's `kubernetes request` debug lines."""
    actions = [(stamp, line) for stamp, line in lines if line.endswith("deploy action")]
    wait_index = next(index for index, (_, line) in enumerate(actions) if "action=awaitRollout" in line)
    wait_started = actions[wait_index][0]
    ready = actions[wait_index + 1][0]  # the next action is decided the moment the rollout is ready
    switch = re.compile(r"request=PATCH \S*/namespaces/[^/]+/services/" + APP + r"(\s|\?|$)")
    requests = [(stamp, line) for stamp, line in lines if line.endswith("kubernetes request") and stamp > ready]
    switched_at, count, seen = None, 0, []
    for stamp, line in requests:
        count += 1
        seen.append(re.search(r"request=(\S+ \S+)", line).group(1) if "request=" in line else line)
        if switch.search(line):
            switched_at = stamp
            break
    if switched_at is None:
        raise RuntimeError("no PATCH of the Service in bluegreen-deploy --verbose output:\n" + "\n".join(line for _, line in lines))
    finished = next(stamp for stamp, line in actions if "action=finish" in line)
    return {"total": end - start, "wait": ready - wait_started, "ready_to_switched": switched_at - ready,
            "round_trips": count, "requests": seen, "exit_after_finish": end - finished}


def deploy_benchmark(eks, repetitions, first_version):
    ours, theirs = [], []
    version = first_version
    for _ in range(repetitions):
        eks.check()
        start, end, lines = deploy_with_timestamps(eks, str(version))
        ours.append(deploy_phases(start, end, lines))
        version += 1

        # The seed's pipeline: kubeconfig from EKS, apply, wait for the rollout, patch the Service.
        manifest = render(eks.templates, str(version), eks.work)
        begin = time.perf_counter()
        eks.update_kubeconfig()
        eks.kubectl("apply", "-f", manifest)
        waited, _ = eks.kubectl("rollout", "status", f"deployment/{APP}-{version}", "--timeout", "5m")
        eks.sandbox.reset_counters()
        patch = json.dumps({"spec": {"selector": {"app.kubernetes.io/name": APP, "app.kubernetes.io/version": str(version)}}})
        patched, _ = eks.kubectl("patch", "service", APP, "-p", patch)
        total = time.perf_counter() - begin
        theirs.append({"total": total, "wait": waited, "ready_to_switched": patched, "round_trips": eks.sandbox.api_requests()})
        version += 1
    summary = {"repetitions": repetitions, "requests": ours[-1]["requests"]}
    for key in ("total", "wait", "ready_to_switched", "round_trips"):
        summary["ours_" + key] = median([sample[key] for sample in ours])
        summary["reference_" + key] = median([sample[key] for sample in theirs])
    summary["ours_exit_after_finish"] = median([sample["exit_after_finish"] for sample in ours])
    summary["ours_overhead"] = median([sample["total"] - sample["wait"] for sample in ours])
    summary["reference_overhead"] = median([sample["total"] - sample["wait"] for sample in theirs])
    return summary


KEEP = 5
SETTLE_LIMIT = 600


def seed_file(work, count):
    """count Deployments web-1 … web-count and Service web selecting the newest. The newest KEEP + 1
    run one replica (the active version and the idle ones a purge keeps, being ready); the others
    none, so that the figures are the cost of listing and deleting Deployments, not of pods."""
    items = []
    for index in range(1, count + 1):
        replicas = 1 if index > count - KEEP - 1 else 0
        labels = {"app.kubernetes.io/name": APP, "app.kubernetes.io/version": str(index), "app.kubernetes.io/managed-by": "bluegreen"}
        selector = {"app.kubernetes.io/name": APP, "app.kubernetes.io/version": str(index)}
        items.append({"apiVersion": "apps/v1", "kind": "Deployment",
                      "metadata": {"name": f"{APP}-{index}", "namespace": NAMESPACE, "labels": labels},
                      "spec": {"replicas": replicas, "selector": {"matchLabels": selector},
                               "template": {"metadata": {"labels": selector},
                                            "spec": {"containers": [{"name": "app", "image": f"{IMAGE}:{index}"}]}}}})
    items.append({"apiVersion": "v1", "kind": "Service", "metadata": {"name": APP, "namespace": NAMESPACE, "labels": {"app.kubernetes.io/name": APP}},
                  "spec": {"selector": {"app.kubernetes.io/name": APP, "app.kubernetes.io/version": str(count)},
                           "ports": [{"name": "http", "port": 80, "targetPort": 8080}]}})
    path = os.path.join(work, f"seed-{count}.json")
    with open(path, "w") as handle:
        json.dump({"apiVersion": "v1", "kind": "List", "items": items}, handle)
    return path


def seeded_sandbox(binaries, work, count, seed, name):
    sandbox = peers.Sandbox(os.path.join(binaries, "kube-sandbox"), work, name, ["--nodes", "3"], seed=seed)
    # Let the deployment controller finish its ReplicaSets before anything is timed (a busy sandbox
    # may not answer at once: a timed-out question is asked again).
    deadline = time.monotonic() + SETTLE_LIMIT
    while True:
        try:
            if sandbox.count(f"/apis/apps/v1/namespaces/{NAMESPACE}/replicasets") >= count:
                break
        except TimeoutError:
            pass
        if time.monotonic() > deadline:
            sandbox.stop()
            raise RuntimeError(f"kube-sandbox did not make the {count:,} ReplicaSets of its seed within {SETTLE_LIMIT} s")
        time.sleep(1)
    for index in range(count - KEEP, count + 1):
        path = f"/apis/apps/v1/namespaces/{NAMESPACE}/deployments/{APP}-{index}"
        while sandbox.request("GET", path).get("status", {}).get("availableReplicas", 0) < 1:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{APP}-{index} did not become available in the sandbox")
            time.sleep(0.1)
    return sandbox


def measure(samples, command, env):
    """Appends one run's wall time, peak RSS and CPU time to samples; returns the process."""
    elapsed, rss, cpu, completed = run_measured(command, env=env)
    for key, value in (("wall", elapsed), ("rss", rss), ("cpu", cpu)):
        samples.setdefault(key, []).append(value)
    return completed


def summary(samples):
    return {"wall": median(samples["wall"]), "rss": max(samples["rss"]), "cpu": median(samples["cpu"])}


def scaling_benchmark(binaries, work, sizes, purge_sizes, repetitions):
    """For each size: list, purge --dry-run (list and plan) and, for purge_sizes, the real purge,
    each against its kubectl equivalent."""
    results = []
    selector = f"app.kubernetes.io/name={APP}"
    for count in sizes:
        progress(f"list and purge over {count} Deployments")
        seed = seed_file(work, count)
        started = time.perf_counter()
        try:
            sandbox = seeded_sandbox(binaries, work, count, seed, f"scale-{count}-a")
        except RuntimeError as error:
            results.append({"count": count, "skipped": str(error)})
            progress(f"not measured: {error}")
            continue
        progress(f"seeded and settled in {time.perf_counter() - started:.0f} s")
        env = {"PATH": os.environ["PATH"], "HOME": os.path.join(work, "home"), "KUBECONFIG": sandbox.kubeconfig}
        route, purge = os.path.join(binaries, "bluegreen-route"), os.path.join(binaries, "bluegreen-purge")
        keep = ",".join(str(count - index) for index in range(KEEP + 1))
        reference_purge = ["kubectl", "delete", "deployments", "-l", f"{selector},app.kubernetes.io/version notin ({keep})", "--wait=false"]
        row = {"count": count}
        samples = {name: {} for name in ("ours_list", "reference_list", "ours_plan", "reference_plan")}
        for _ in range(repetitions):
            listed = json.loads(measure(samples["ours_list"], [route, "--app", APP, "--list", "-o", "json"], env).stdout)["versions"]
            assert len(listed) == count, (len(listed), count)
            items = json.loads(measure(samples["reference_list"], ["kubectl", "get", "deployments", "-l", selector, "-o", "json"], env).stdout)["items"]
            assert len(items) == count
            plan = json.loads(measure(samples["ours_plan"], [purge, "--app", APP, "--keep", str(KEEP), "--dry-run", "-o", "json"], env).stdout)
            assert len(plan["deleted"]) == count - KEEP - 1, len(plan["deleted"])
            printed = measure(samples["reference_plan"], [*reference_purge, "--dry-run=client"], env).stdout
            assert printed.count("deleted (dry run)") == count - KEEP - 1, printed[-300:]
        for name, values in samples.items():
            row[name] = summary(values)
        if count in purge_sizes:
            purged = {}
            done = json.loads(measure(purged, [purge, "--app", APP, "--keep", str(KEEP), "-o", "json", "--timeout", "30m"], env).stdout)
            expected = [str(index) for index in range(count - KEEP, count)]
            assert sorted(done["kept"]) == sorted(expected) and len(done["deleted"]) == count - KEEP - 1, done["kept"]
            assert sandbox.count(f"/apis/apps/v1/namespaces/{NAMESPACE}/deployments") == KEEP + 1
            row["ours_purge"] = summary(purged)
            sandbox.stop()
            # The reference deletes the same versions, on a fresh sandbox with the same seed.
            sandbox = seeded_sandbox(binaries, work, count, seed, f"scale-{count}-b")
            env["KUBECONFIG"] = sandbox.kubeconfig
            deleted = {}
            measure(deleted, reference_purge, env)
            assert sandbox.count(f"/apis/apps/v1/namespaces/{NAMESPACE}/deployments") == KEEP + 1
            row["reference_purge"] = summary(deleted)
        sandbox.stop()
        results.append(row)
    return results


def cold_start_benchmark(binaries, repetitions):
    rows = []
    for tool in TOOLS:
        path = os.path.join(binaries, tool)
        samples = [run([path, "--help"])[0] for _ in range(repetitions)]
        _, version = run([path, "--version"], check=False)
        version_time = median([run([path, "--version"])[0] for _ in range(repetitions)]) if version.returncode == 0 else None
        stripped = os.path.join(peers.temporary_directory(), tool)
        run(["strip", "-o", stripped, path])
        rows.append({"name": tool, "help": median(samples), "version": version_time, "size": os.path.getsize(path),
                     "stripped": os.path.getsize(stripped)})
        shutil.rmtree(os.path.dirname(stripped), ignore_errors=True)
    kubectl = shutil.which("kubectl")
    rows.append({"name": "kubectl (reference)", "help": median([run(["kubectl", "help"])[0] for _ in range(repetitions)]),
                 "version": median([run(["kubectl", "version", "--client"])[0] for _ in range(repetitions)]),
                 "size": os.path.getsize(os.path.realpath(kubectl))})
    rows.append({"name": "aws (reference)", "help": None,
                 "version": median([run(["aws", "--version"])[0] for _ in range(max(3, repetitions // 2))]), "size": None})
    return rows


def sigv4_figures(path):
    rows = []
    with open(path) as handle:
        for line in handle:
            match = re.match(r"^(typical|random)\s+(\d+)\s+(\d+)\s+([\d.]+)x\s*$", line.strip())
            if match:
                rows.append({"workload": match.group(1), "botocore": int(match.group(2)), "awskit": int(match.group(3)),
                             "ratio": float(match.group(4))})
    if not rows:
        raise RuntimeError(f"no figures in the output of scripts/bench-sigv4 ({path})")
    return rows


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        memory = int(handle.readline().split()[1]) / 1024 / 1024
    swift = run(["swift", "--version"], check=False)[1]
    kubectl = run(["kubectl", "version", "--client"], check=False)[1].stdout.splitlines()[0]
    aws = run(["aws", "--version"], check=False)[1].stdout.strip()
    import moto
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores", "memory": f"{memory:.0f} GiB", "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "swift": (swift.stdout or swift.stderr).splitlines()[0], "kubectl": kubectl, "aws": aws, "moto": moto.__version__,
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="the release build's bin folder")
    parser.add_argument("--build-seconds", type=float, required=True)
    parser.add_argument("--build-note", default="")
    parser.add_argument("--sigv4", help="the output of scripts/bench-sigv4 (required unless --only scale)")
    parser.add_argument("--command", default="scripts/bench")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--purge-sizes", default="100,1000,10000",
                        help="sizes at which the real purge runs, ours and kubectl's (each under half a minute at 10,000)")
    parser.add_argument("--only", choices=["scale"], help="run only this part (for iterating; the table then shows only it)")
    parser.add_argument("--write", help="rewrite this Markdown file with the figures")
    arguments = parser.parse_args()
    if arguments.only and arguments.write:
        parser.error("--write needs every figure: leave out --only")
    if not arguments.only and not arguments.sigv4:
        parser.error("--sigv4 is required (the output of scripts/bench-sigv4) unless --only scale")
    binaries = os.path.abspath(arguments.bin)
    work = peers.temporary_directory()
    purge_sizes = [int(size) for size in arguments.purge_sizes.split(",") if size]
    figures = {"machine": machine(), "build_seconds": arguments.build_seconds, "build_note": arguments.build_note,
               "command": arguments.command, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "purge_sizes": purge_sizes}
    try:
        if arguments.only != "scale":
            everything_but_scale(figures, binaries, work, arguments)
        figures["scaling"] = scaling_benchmark(binaries, work, [int(size) for size in arguments.sizes.split(",")],
                                               purge_sizes, max(1, arguments.repetitions // 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(ROOT, ".build", "bench-figures.json" if not arguments.only else f"bench-figures-{arguments.only}.json"), "w") as handle:
        json.dump(figures, handle, indent=1)
    print(report.table(figures))
    if arguments.write:
        with open(arguments.write, "w") as handle:
            handle.write(report.markdown(figures))
        print(f"wrote {arguments.write}", file=sys.stderr)


def everything_but_scale(figures, binaries, work, arguments):
    """SigV4 (read from scripts/bench-sigv4's output), cold start, route and deploy."""
    figures["sigv4"] = sigv4_figures(arguments.sigv4)
    progress("cold start and size of each executable")
    figures["cold_start"] = cold_start_benchmark(binaries, max(arguments.repetitions * 3, 10))
    progress("EKS in moto + kube-sandbox: two versions deployed for the route benchmark")
    eks = EKS(binaries, work)
    try:
        for version in ("1", "2"):
            deploy_with_timestamps(eks, version)
        progress("route: bluegreen-route --to against aws eks update-kubeconfig + kubectl patch")
        figures["route"] = route_benchmark(eks, arguments.repetitions)
        progress("deploy: phases of bluegreen-deploy against kubectl apply + rollout status + patch")
        figures["deploy"] = deploy_benchmark(eks, max(3, arguments.repetitions // 2), first_version=3)
        eks.check()
    finally:
        eks.stop()


if __name__ == "__main__":
    main()
