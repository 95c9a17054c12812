// Helpers shared by Jenkinsfile, etc/Jenkinsfile.route and etc/Jenkinsfile.purge. Each pipeline loads
// this file after its checkout:   bluegreen = load 'etc/jenkins/bluegreen.groovy'

// Fails the build, naming every parameter in `names` that is empty.
void requireParameters(List<String> names) {
    List<String> missing = []
    for (String name : names) {
        if (!params[name]?.toString()?.trim()) {
            missing << name
        }
    }
    if (missing) {
        error("Missing build parameters: ${missing.join(', ')}. Run the job with 'Build with Parameters' and fill them in.")
    }
}

// Runs `body` with AWS credentials: the Jenkins "AWS Credentials" entry `credentialsId` when it is set
// (it may carry an IAM role to assume), else whatever the agent has: its instance profile, EKS Pod
// Identity or IRSA. The tools read them through the standard AWS credential chain.
void withAws(String credentialsId, Closure body) {
    if (credentialsId?.trim()) {
        withCredentials([[
            $class: 'AmazonWebServicesCredentialsBinding',
            credentialsId: credentialsId.trim(),
            accessKeyVariable: 'AWS_ACCESS_KEY_ID',
            secretKeyVariable: 'AWS_SECRET_ACCESS_KEY',
        ]]) {
            body()
        }
    } else {
        body()
    }
}

// Returns when a tool exited 0. Otherwise ends the build with a result and a message that fit the exit
// code (docs/CLI.md), adding the error message from the tool's `-o json` document when there is one.
void finish(String tool, int code, String jsonPath) {
    if (code == 0) {
        return
    }
    Map<Integer, String> summaries = [
        2: 'bad input',
        3: 'no capacity on the cluster',
        4: 'new version not ready, traffic untouched',
        5: 'locked by another pipeline',
        6: 'AWS or Kubernetes refused the credentials',
    ]
    String explanation = sh(script: "etc/ci/explain-exit '${tool}' '${code}'", returnStdout: true, label: 'explain the exit code').trim()
    String detail = errorMessage(jsonPath)
    currentBuild.description = "${tool}: ${summaries[code] ?: "exit ${code}"}"
    if (code == 5) {
        // Nothing ran: another pipeline holds the app. Grey, not red.
        currentBuild.result = 'NOT_BUILT'
    }
    error(detail ? "${explanation}\n${tool}: ${detail}" : explanation)
}

// The `error.message` of a tool's `-o json` document, or '' when the file is missing, empty or different.
String errorMessage(String jsonPath) {
    if (!jsonPath || !fileExists(jsonPath)) {
        return ''
    }
    try {
        def document = readJSON(file: jsonPath)
        if (document instanceof Map && document.error instanceof Map && document.error.message) {
            return document.error.message.toString()
        }
    } catch (Exception ignored) {
        // Not JSON (e.g. the tool died before printing): the log above has the reason.
    }
    return ''
}

// The versions of a `bluegreen-route --list -o json` listing that traffic can be switched to: ready
// (all desired replicas ready) and not the active one, newest first.
@NonCPS
List<String> routableVersions(Map listing) {
    List<Map> candidates = []
    for (def version : listing.versions ?: []) {
        if (!version.active && version.desired > 0 && version.ready >= version.desired) {
            candidates << version
        }
    }
    candidates.sort { a, b -> (a.ageSeconds ?: 0) <=> (b.ageSeconds ?: 0) }
    List<String> names = []
    for (Map version : candidates) {
        names << version.version.toString()
    }
    return names
}

// One line per version of a listing, for the input step's description.
@NonCPS
String describeVersions(Map listing) {
    List<String> lines = []
    for (def version : listing.versions ?: []) {
        String marker = version.active ? ' (active)' : (version.version == listing.previous ? ' (previous)' : '')
        lines << "${version.version}${marker}: ${version.ready}/${version.desired} ready, ${version.image}, created ${version.created}"
    }
    return lines.join('\n')
}

return this
