"""The figures of scripts/benchmarks/run.py as a terminal table and as BENCHMARKS.md."""


def ms(seconds):
    return "—" if seconds is None else f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def ratio(ours, reference):
    if not ours or not reference:
        return "—"
    return f"{reference / ours:.1f}x faster" if reference >= ours else f"{ours / reference:.1f}x slower"


def mib(kib):
    return f"{kib / 1024:,.1f} MiB"


def size(octets):
    return "—" if octets is None else f"{octets / 1024 / 1024:,.1f} MiB"


def rows(figures):
    """(section, [(measure, ours, reference, ratio)]) in the order they are shown."""
    sections = []
    if "route" in figures:
        sections += service_rows(figures)
    if "scaling" in figures:
        sections.append(scaling_rows(figures))
    if "cold_start" in figures:
        sections.append(cold_start_rows(figures))
    return sections


def service_rows(figures):
    """Route, deploy and SigV4."""
    sections = []
    route = figures["route"]
    parts = ", ".join(f"{name} {ms(value)}" for name, value in route["reference_parts"].items())
    sections.append((f"Route (switch) over EKS, median of {route['repetitions']}", [
        ("`bluegreen-route --eks-cluster … --to V` vs `aws eks update-kubeconfig` + `kubectl patch service`",
         ms(route["ours"]), ms(route["reference"]), ratio(route["ours"], route["reference"])),
        ("Kubernetes API requests per switch", f"{route['ours_requests']:g}", f"{route['reference_requests']:g}", ""),
        ("reference's parts", "", parts, ""),
    ]))
    deploy = figures["deploy"]
    sections.append((f"Deploy over EKS, median of {deploy['repetitions']} (reference: update-kubeconfig + kubectl apply + rollout status + patch)", [
        ("new version ready → Service switched", ms(deploy["ours_ready_to_switched"]), ms(deploy["reference_ready_to_switched"]),
         ratio(deploy["ours_ready_to_switched"], deploy["reference_ready_to_switched"])),
        ("API round trips from ready to switched (goal: 1, the PATCH)", f"{deploy['ours_round_trips']:g}",
         f"{deploy['reference_round_trips']:g}", ""),
        ("whole deploy minus the readiness wait", ms(deploy["ours_overhead"]), ms(deploy["reference_overhead"]),
         ratio(deploy["ours_overhead"], deploy["reference_overhead"])),
        ("readiness wait (sandbox pods ready after 100 ms)", ms(deploy["ours_wait"]), ms(deploy["reference_wait"]), ""),
        ("of which: process exit after the engine's last action (result printed then)", ms(deploy["ours_exit_after_finish"]), "", ""),
        ("whole deploy", ms(deploy["ours_total"]), ms(deploy["reference_total"]), ratio(deploy["ours_total"], deploy["reference_total"])),
    ]))
    sections.append(("SigV4 signatures per second (per second of signing CPU time; scripts/bench-sigv4)", [
        (f"{row['workload']} requests", f"{row['awskit']:,}/s", f"{row['botocore']:,}/s (botocore)", f"{row['ratio']:.1f}x faster")
        for row in figures["sigv4"]
    ]))
    return sections


def scaling_rows(figures):
    scaling = []
    measures = (
        ("list", "ours_list", "reference_list", "`bluegreen-route --list -o json` vs `kubectl get deployments -l … -o json`", None),
        ("purge plan", "ours_plan", "reference_plan", "`bluegreen-purge --keep 5 --dry-run` vs `kubectl delete -l … notin (…) --dry-run=client`", None),
        ("purge", "ours_purge", "reference_purge", "`bluegreen-purge --keep 5` vs `kubectl delete -l … notin (…)`", "deleted"),
    )
    for label, ours_key, reference_key, commands, per in measures:
        for row in figures["scaling"]:
            if "skipped" in row and label == "list":
                scaling.append((f"{row['count']:,} Deployments: not measured", row["skipped"], "", ""))
            if ours_key not in row:
                continue
            count = row["count"]
            ours, reference = row[ours_key], row[reference_key]
            objects = count - 6 if per else count
            scaling.append((f"{label} {count:,}: {commands}", f"{ms(ours['wall'])}, {mib(ours['rss'])}",
                            f"{ms(reference['wall'])}, {mib(reference['rss'])}", ratio(ours["wall"], reference["wall"])))
            scaling.append((f"  per {'deleted ' if per else ''}Deployment: wall, CPU of the client",
                            f"{ours['wall'] / objects * 1e6:,.0f} µs, {ours['cpu'] / objects * 1e6:,.0f} µs",
                            f"{reference['wall'] / objects * 1e6:,.0f} µs, {reference['cpu'] / objects * 1e6:,.0f} µs", ""))
    return ("List and purge at scale (wall time and peak RSS of the client process, median; per-object wall and CPU time)", scaling)


def cold_start_rows(figures):
    cold = []
    for row in figures["cold_start"]:
        version = f", --version {ms(row['version'])}" if row["version"] is not None else ""
        help_text = f"--help {ms(row['help'])}" if row["help"] is not None else ""
        text = (help_text + version).lstrip(", ")
        if row["name"].endswith("(reference)"):
            text = text.replace("--help", "`kubectl help`").replace("--version", "`version --client`" if "kubectl" in row["name"] else "`--version`")
        octets = size(row["size"]) + (f" ({size(row['stripped'])} stripped)" if row.get("stripped") else "")
        cold.append((row["name"], text, octets, ""))
    return ("Cold start (median wall time; the size column is the file size), release build with the static Swift standard library", cold)


def table(figures):
    lines = []
    for title, entries in rows(figures):
        lines.append("")
        lines.append(title)
        for measure, ours, reference, comparison in entries:
            measure = measure.replace("`", "")
            lines.append(f"  {measure[:96]:<96} {ours:>22}  {reference:<36} {comparison}")
    build = figures["build_seconds"]
    lines.append("")
    lines.append(f"release build (swift build -c release --static-swift-stdlib): {build:,.0f} s {figures['build_note']}".rstrip())
    return "\n".join(lines)


def markdown(figures):
    machine = figures["machine"]
    out = [
        "# Benchmarks",
        "",
        "Every figure is measured beside its reference in the same run, against the same peers: an EKS",
        "cluster in moto (DescribeCluster) whose endpoint is a `kube-sandbox` over HTTPS that accepts",
        "exactly the EKS bearer tokens of the run's credentials, as `aws eks get-token` makes them. The",
        "references are what the seed's pipeline did: `aws eks update-kubeconfig` then `kubectl`.",
        "",
        f"Produced by `{figures['command']}` on {figures['date']}.",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {machine['cpu']} |",
        f"| memory | {machine['memory']} |",
        f"| OS | {machine['os']} |",
        f"| Swift | {machine['swift']} |",
        f"| references | {machine['kubectl']}; {machine['aws']}; moto {machine['moto']} |",
        f"| load average at start | {machine['load']} (a shared machine: compare ratios, not absolute times) |",
        "",
        f"Release build (`swift build -c release --static-swift-stdlib`): **{figures['build_seconds']:,.0f} s** {figures['build_note']}".rstrip(),
    ]
    for title, entries in rows(figures):
        out += ["", f"## {title}", "", "| measure | ours | reference | ratio |", "|---|---|---|---|"]
        for measure, ours, reference, comparison in entries:
            out.append(f"| {measure.strip()} | {ours} | {reference} | {comparison} |")
    deploy = figures["deploy"]
    out += [
        "",
        "## How each figure is taken",
        "",
        "- **Route**: `bluegreen-route --eks-cluster bench --region eu-west-1 -n default --app web --to V -o json`,",
        "  alternating with the reference switching back: `aws eks update-kubeconfig --name bench` then",
        "  `kubectl patch service web -p '{\"spec\":{\"selector\":{…version…}}}'` (kubectl runs `aws eks get-token`).",
        "  API requests are the sandbox's counters for the run.",
        "- **Deploy**: `bluegreen-deploy --eks-cluster … --skip-image-check --verbose -o json`, each stderr line",
        "  stamped on arrival. The readiness wait runs from the engine's `awaitRollout` action to the next action",
        "  (decided the moment the rollout is ready); ready → switched ends when KubeKit logs the answered PATCH",
        "  of Service `web`; the round trips are the requests logged in between. The reference applies the",
        "  rendered `deployment.yaml`, waits with `kubectl rollout status` (the readiness wait) and patches the",
        "  Service (ready → switched).",
        f"  Requests from ready to switched in the last run: {', '.join(deploy['requests'])}.",
        "- **SigV4**: `scripts/bench-sigv4` (AWSKit's signer and botocore on the same 2,000 requests).",
        "- **Scale**: a sandbox seeded (outside the timing) with N Deployments of the app and its Service (the",
        "  newest 6 with one replica, the others none); `/usr/bin/time -v` gives the client's peak RSS and CPU",
        "  time. The purge keeps the newest 5 idle versions (the only ready idle ones); the reference purge runs",
        "  on a fresh sandbox with the same seed. Per-object cost that stays flat or falls as N grows is linear",
        "  growth (a fixed start-up cost spread over more objects). The real purge runs at "
        f"{', '.join(f'{size:,}' for size in figures.get('purge_sizes', []))}",
        "  (`--purge-sizes`): kube-sandbox's controllers work from queues and indexes, so a DELETE costs the",
        "  same at every size (`scripts/bench-sandbox` measures it). Each real purge at 10,000 (9,994 DELETEs,",
        "  ours and kubectl's, each on its own freshly seeded sandbox) takes under half a minute; the scale",
        "  part about 4 minutes in all (`scripts/bench --only scale`), which keeps `scripts/bench` within a quarter",
        "  of an hour; the purge is measured once per size, list and plan are medians.",
        "- **Cold start**: each executable's `--help` (and `--version` where it exists), median of repeated runs.",
        "",
        *findings(figures),
        "Re-run with `scripts/bench --write` (rewrites this file); `scripts/bench` alone only prints the table.",
        "",
    ]
    return "\n".join(out)


def findings(figures):
    """What this run's figures say that needs work, as Markdown lines (empty when nothing does)."""
    notes = []
    deploy = figures["deploy"]
    if deploy["ours_exit_after_finish"] > 1:
        notes.append(f"- `bluegreen-deploy` prints its result and exits {ms(deploy['ours_exit_after_finish'])} after the engine's last "
                     "action (the rollout watch is the difference with `bluegreen-route`, which exits at once): most of its overhead.")
    if deploy["ours_round_trips"] > 1:
        notes.append(f"- From ready to switched the engine makes {deploy['ours_round_trips']:g} API requests (goal: 1, the PATCH): "
                     "the preview Service (create, then patch) and a fresh observation before the guarded switch.")
    slow = [row for row in figures["sigv4"] if row["ratio"] < 50]
    if slow:
        notes.append("- SigV4 signing is " + ", ".join(f"{row['ratio']:.1f}x" for row in slow) + " botocore's rate (goal: 50x).")
    for row in figures["scaling"]:
        if "skipped" in row:
            notes.append(f"- {row['count']:,} Deployments were not measured: {row['skipped']} (the sandbox did not settle "
                         "within the time limit: see `scripts/bench-sandbox` for its controllers at scale).")
    return ["## Findings of this run", "", *notes, ""] if notes else []
