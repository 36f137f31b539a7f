import Foundation
import Testing

/// The built `docgen` binary, run as a user runs it: exit codes, what it prints, what it writes
/// and what it refuses to touch. The binary is `$DOCGEN_BIN` or the one `swift test` built
/// beside the test bundle (see `TestPaths.docgenBinary`).
@Suite struct CLITests {
    let docgen = TestPaths.docgenBinary

    /// A fixture site copied to a temporary folder, so a test may edit it or write beside it.
    func copyOfFixtureSite(_ name: String, into folder: TemporaryFolder) throws -> URL {
        let site = folder.appending("site")
        try copyFolder(TestPaths.fixtures.appendingPathComponent(name).appendingPathComponent("site"), to: site)
        return site
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: docgen.path),
                "no docgen binary at \(docgen.path): run `swift build` first or set DOCGEN_BIN")
    }

    @Test func helpListsTheCommandsAndExitsZero() throws {
        let result = try run(docgen, ["--help"])
        #expect(result.status == 0)
        for command in ["build", "check", "render"] {
            #expect(result.stdout.contains("\n  \(command) "), "--help does not list '\(command)':\n\(result.stdout)")
        }
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try run(docgen, ["build", "--no-such-option"])
        #expect(result.status == 64, "stderr: \(result.stderr)")
    }

    @Test func initCreatesAHubThatBuildsStrictlyClean() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let hub = temporary.appending("hub")
        let created = try run(docgen, ["init", hub.path])
        #expect(created.status == 0, "stderr: \(created.stderr)")
        let built = try run(docgen, ["build", hub.path, "--strict"])
        #expect(built.status == 0, "stderr: \(built.stderr)")
        #expect(built.lastErrorLine.hasPrefix("docgen: 0 errors, 0 warnings; "))
        for page in ["roles/newcomer", "tasks", "tools", "glossary", "tags/onboarding"] {
            #expect(FileManager.default.fileExists(atPath: hub.appendingPathComponent("output/\(page)/index.html").path), "\(page)")
        }
        let again = try run(docgen, ["init", hub.path])
        #expect(again.status == 1, "init refuses a folder that is not empty")
    }

    @Test func newWritesATypedPageOnceAndTheSiteStillBuilds() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let hub = temporary.appending("hub")
        _ = try run(docgen, ["init", hub.path])
        for (kind, id) in [("task", "fix-a-typo"), ("tool", "linter"), ("term", "fork"), ("role", "mentor"), ("page", "guides/setup")] {
            let result = try run(docgen, ["new", kind, id, "--site", hub.path, "--title", "New \(kind)"])
            #expect(result.status == 0, "\(kind): \(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: hub.appendingPathComponent("content/glossary/fork.md").path))
        let twice = try run(docgen, ["new", "task", "fix-a-typo", "--site", hub.path])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already exists"))
        let bad = try run(docgen, ["new", "task", "../escape", "--site", hub.path])
        #expect(bad.status == 1)
        let built = try run(docgen, ["build", hub.path])
        #expect(built.status == 0, "stderr: \(built.stderr)")
    }

    @Test func buildOfAGoodSiteExitsZeroWithASummary() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let site = TestPaths.fixtures.appendingPathComponent("pretty-urls/site")
        let out = temporary.appending("out")
        let result = try run(docgen, ["build", site.path, "-o", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try Regex(#"^docgen: 0 errors, [0-9]+ warnings?; .+ written to .+ in [0-9.]+ s$"#)
        #expect(result.lastErrorLine.wholeMatch(of: summary) != nil, "summary line: \(result.lastErrorLine)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }

    @Test func brokenLinkExitsOneAndLeavesThePreviousOutputAsItWas() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let site = try copyOfFixtureSite("pretty-urls", into: temporary)
        let out = temporary.appending("out")
        let good = try run(docgen, ["build", site.path, "-o", out.path])
        try #require(good.status == 0, "stderr: \(good.stderr)")
        let before = try fileTree(at: out)

        let index = site.appendingPathComponent("content/index.md")
        let text = try String(contentsOf: index, encoding: .utf8)
        try (text + "\nA [broken link](no-such-page.md).\n").write(to: index, atomically: true, encoding: .utf8)
        let bad = try run(docgen, ["build", site.path, "-o", out.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("content/index.md:7:3: error: unresolved link 'no-such-page.md' [link-unresolved]"),
                "stderr: \(bad.stderr)")
        #expect(bad.lastErrorLine == "docgen: 1 error, 0 warnings; output not written")
        let after = try fileTree(at: out)
        #expect(firstDifference(expected: before, actual: after) == nil)
        // Nothing left beside the output either (no staging folder).
        let beside = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
        #expect(beside == ["out", "site"])
    }

    @Test func strictTurnsAWarningIntoExitOne() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        // relative-links has one warning: an orphan page.
        let site = TestPaths.fixtures.appendingPathComponent("relative-links/site")
        let lenient = try run(docgen, ["build", site.path, "-o", temporary.appending("lenient").path])
        #expect(lenient.status == 0, "stderr: \(lenient.stderr)")
        #expect(lenient.lastErrorLine.hasPrefix("docgen: 0 errors, 1 warning; "))
        let strict = try run(docgen, ["build", "--strict", site.path, "-o", temporary.appending("strict").path])
        #expect(strict.status == 1)
        #expect(strict.lastErrorLine == "docgen: 0 errors, 1 warning; output not written")
        #expect(!FileManager.default.fileExists(atPath: temporary.appending("strict").path))
    }

    @Test func jsonDiagnosticsParseAndCarryTheirPlace() throws {
        let site = TestPaths.fixtures.appendingPathComponent("broken-links/site")
        let result = try run(docgen, ["check", site.path, "--format", "json"])
        #expect(result.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let items = try #require(parsed as? [[String: Any]], "not a JSON array of objects:\n\(result.stdout)")
        #expect(items.count == 11)
        for item in items {
            #expect(item["file"] is String && item["id"] is String && item["severity"] is String, "\(item)")
            #expect(item["line"] is Int && item["column"] is Int, "\(item)")
        }
        let first = try #require(items.first)
        #expect(first["file"] as? String == "content/guides/broken.md")
        #expect(first["line"] as? Int == 5 && first["column"] as? Int == 17)
        #expect(first["id"] as? String == "link-unresolved" && first["severity"] as? String == "error")
    }

    /// Output folders that would put the user's files at risk: refused before anything happens.
    enum RiskyOutput: String, CaseIterable, CustomTestStringConvertible {
        case siteFolder, contentFolder, parentOfSite, fileSystemRoot, folderNotMadeByDocgen
        var testDescription: String { rawValue }
    }

    @Test(arguments: RiskyOutput.allCases)
    func riskyOutputFolderIsRefused(_ risky: RiskyOutput) throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let site = try copyOfFixtureSite("pretty-urls", into: temporary)
        let precious = temporary.appending("mine")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: precious.appendingPathComponent("notes.txt"))
        let output: String
        switch risky {
        case .siteFolder: output = site.path
        case .contentFolder: output = site.appendingPathComponent("content").path
        case .parentOfSite: output = temporary.path
        case .fileSystemRoot: output = "/"
        case .folderNotMadeByDocgen: output = precious.path
        }
        let before = try fileTree(at: temporary.url)
        let result = try run(docgen, ["build", site.path, "-o", output])
        #expect(result.status == 64, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stderr.contains("Error: "), "stderr: \(result.stderr)")
        let after = try fileTree(at: temporary.url)
        #expect(firstDifference(expected: before, actual: after) == nil)
    }

    @Test func twoBuildsOfOneSiteAreByteIdentical() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let site = TestPaths.fixtures.appendingPathComponent("hub/site")
        for name in ["one", "two"] {
            let result = try run(docgen, ["build", site.path, "-o", temporary.appending(name).path])
            try #require(result.status == 0, "stderr: \(result.stderr)")
        }
        let one = try fileTree(at: temporary.appending("one"))
        let two = try fileTree(at: temporary.appending("two"))
        #expect(one.count > 20)
        #expect(firstDifference(expected: one, actual: two) == nil)
    }

    /// Builds run pages through `Parallel.map` on every core; a lost write there crashes the
    /// build now and then, so build the same site many times and expect every run to succeed.
    @Test func repeatedBuildsNeverCrash() throws {
        let temporary = try TemporaryFolder("docgen-cli")
        defer { temporary.remove() }
        let site = TestPaths.fixtures.appendingPathComponent("hub/site")
        var failures: [String] = []
        for n in 0..<40 {
            let result = try run(docgen, ["build", site.path, "-o", temporary.appending("out\(n % 2)").path])
            if result.status != 0 {
                failures.append("run \(n): exit \(result.status): \(result.stderr.split(separator: "\n").first ?? "")")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func renderWithTheTableExtension() throws {
        let input = """
            | Tool | Status |
            | --- | :-: |
            | quarry | *active* |

            """
        let result = try run(docgen, ["render", "-e", "table"], input: input)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == """
            <table>
            <thead>
            <tr>
            <th>Tool</th>
            <th align="center">Status</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>quarry</td>
            <td align="center"><em>active</em></td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func renderRejectsAnUnknownExtension() throws {
        let result = try run(docgen, ["render", "-e", "tables"], input: "x\n")
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown extension 'tables'"), "stderr: \(result.stderr)")
    }
}
