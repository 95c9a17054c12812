import Testing

@testable import BlueGreen

struct TemplateRendererTests {
    let renderer = TemplateRenderer(values: ["APP": "web", "VERSION": "42", "IMAGE": "r/web:42", "REPLICAS": "2", "NAMESPACE": "shop", "LOG_LEVEL": "info"])

    /// Placeholders are replaced; `$${` is a literal; other dollars are left alone.
    @Test func substitutes() throws {
        let text = "name: ${APP}-${VERSION}\nimage: ${IMAGE}\nargs: [\"$HOME\", \"$${KEEP}\", \"a$b\"]\nlevel: ${LOG_LEVEL}\n"
        let rendered = try renderer.render(text, file: "d.yaml")
        #expect(rendered == "name: web-42\nimage: r/web:42\nargs: [\"$HOME\", \"${KEEP}\", \"a$b\"]\nlevel: info\n")
    }

    /// Every unknown or malformed placeholder is reported with its file and line.
    @Test func reportsEveryProblemWithFileAndLine() {
        let text = "a: ${APP}\nb: ${NOPE}\nc: ${lower}\nd: ${UNCLOSED\n"
        do {
            _ = try renderer.render(text, file: "deployment_config/deployment.yaml")
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4])
            #expect(error.problems[0].description.hasPrefix("deployment_config/deployment.yaml:2: unknown placeholder ${NOPE}"))
            #expect(error.problems[0].message.contains("--set NOPE=VALUE"))
            #expect(error.problems[1].message.contains("not a placeholder name"))
            #expect(error.problems[2].message.contains("unterminated"))
        }
    }

    /// --set accepts KEY=VALUE, refuses built-ins, bad names and multi-line values.
    @Test func parsesSettings() throws {
        #expect(try TemplateRenderer.parseSetting("LOG_LEVEL=debug=1") == ("LOG_LEVEL", "debug=1"))
        #expect(try TemplateRenderer.parseSetting("EMPTY=") == ("EMPTY", ""))
        for bad in ["novalue", "lower=1", "IMAGE=x", "X=a\nb", "=1"] {
            #expect(throws: InputError.self) { try TemplateRenderer.parseSetting(bad) }
        }
    }

    /// The placeholders a template uses are found (escaped ones are not).
    @Test func findsPlaceholders() {
        #expect(TemplateRenderer.placeholders(in: "${APP} $${NOT} ${LOG_LEVEL} ${APP}") == ["APP", "LOG_LEVEL"])
    }
}
