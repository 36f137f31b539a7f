// Fixture sites: `Tests/Fixtures/<behaviour>/` holds
//
// - `site/`: a small site (`docgen.yml`, `content/`, usually tiny templates of its own in
//   `themes/default/templates/` so the goldens show the template data and little else);
// - `diagnostics.txt`: every diagnostic, compiler style, then the summary line
//   (`docgen: 0 errors, 1 warning; output written`);
// - `expected/`: the whole output tree, compared byte for byte. A failed build has no
//   `expected/`, and the test asserts that no output folder was created.
// - `KNOWN-ISSUE.md` (optional): docgen gets this fixture wrong today. The goldens hold the
//   *right* output, written by hand, and the comparison runs as a known issue; when the bug is
//   fixed the test fails with "known issue was not recorded": delete `KNOWN-ISSUE.md` then.
//
// Not compared: files under `assets/` whose bytes equal the built-in theme asset of the same
// name (today `assets/style.css`, `assets/docgen.js`, `assets/favicon.svg`, `assets/search.js`),
// so that theme CSS and JS edits do not churn every fixture. An asset a fixture overrides, or
// any other asset, is compared like every other file.
//
// `DOCGEN_RECORD=1 swift test --filter FixtureTests` rewrites `expected/` and
// `diagnostics.txt` (except for fixtures with a `KNOWN-ISSUE.md`, whose goldens are by hand).

@testable import DocGenKit
import DocGenCore
import Foundation
import Testing

/// Builds every fixture site and compares its diagnostics and whole output with the goldens.
@Suite struct FixtureTests {
    /// Every folder of `Tests/Fixtures/` that holds a `site/`.
    static let names: [String] = {
        let root = TestPaths.fixtures.path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return entries.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/site") }.sorted()
    }()

    @Test func everyFixtureIsFound() {
        #expect(Self.names.count >= 10, "fixtures found: \(Self.names)")
    }

    @Test(arguments: names)
    func fixtureBuildsAsRecorded(_ name: String) throws {
        let fixture = TestPaths.fixtures.appendingPathComponent(name)
        let temporary = try TemporaryFolder("docgen-fixture-\(name)")
        defer { temporary.remove() }
        let output = temporary.appending("out")
        let report = try SiteBuilder().build(BuildOptions(site: fixture.appendingPathComponent("site").path,
                                                           output: output.path))
        let diagnostics = Self.diagnosticsText(report)
        let actual = report.wrote ? Self.comparedFiles(try fileTree(at: output)) : nil

        let knownIssue = fixture.appendingPathComponent("KNOWN-ISSUE.md")
        let diagnosticsURL = fixture.appendingPathComponent("diagnostics.txt")
        let expectedURL = fixture.appendingPathComponent("expected")
        if isRecording {
            if FileManager.default.fileExists(atPath: knownIssue.path) {
                print("fixture \(name): not recorded (its goldens are written by hand; see KNOWN-ISSUE.md)")
                return
            }
            try Data(diagnostics.utf8).write(to: diagnosticsURL)
            try? FileManager.default.removeItem(at: expectedURL)
            if let actual { try writeTree(actual, to: expectedURL) }
            return
        }

        let compare = {
            let expectedDiagnostics = (try? String(contentsOf: diagnosticsURL, encoding: .utf8)) ?? "(no diagnostics.txt)"
            #expect(diagnostics == expectedDiagnostics,
                    "diagnostics of fixture '\(name)':\n\(lineDiff(expected: Array(expectedDiagnostics.utf8), actual: Array(diagnostics.utf8)))")
            let hasExpected = FileManager.default.fileExists(atPath: expectedURL.path)
            if let actual {
                #expect(hasExpected, "fixture '\(name)' built, but it has no expected/ folder")
                if hasExpected {
                    let expected = try fileTree(at: expectedURL)
                    let difference = firstDifference(expected: expected, actual: actual)
                    #expect(difference == nil, "fixture '\(name)': \(difference ?? "")")
                }
            } else {
                #expect(!hasExpected, "fixture '\(name)' did not build, but it has an expected/ folder")
                #expect(!FileManager.default.fileExists(atPath: output.path),
                        "a failed build must not create its output folder")
            }
        }
        if FileManager.default.fileExists(atPath: knownIssue.path) {
            let why = (try? String(contentsOf: knownIssue, encoding: .utf8)) ?? ""
            withKnownIssue(Comment(rawValue: why)) { try compare() }
        } else {
            try compare()
        }
    }

    /// The diagnostics as `docgen build` prints them, the summary line included.
    static func diagnosticsText(_ report: BuildReport) -> String {
        DiagnosticFormatter.text(report.diagnostics)
            + DiagnosticFormatter.summary(errors: report.errorCount, warnings: report.warningCount,
                                          tail: report.wrote ? "output written" : "output not written") + "\n"
    }

    /// The output minus the theme assets that are byte-identical to the built-in ones.
    static func comparedFiles(_ tree: [String: [UInt8]]) -> [String: [UInt8]] {
        tree.filter { path, bytes in
            guard path.hasPrefix("assets/"), let builtIn = DefaultTheme.files[path] else { return true }
            return Array(builtIn.utf8) != bytes
        }
    }
}
