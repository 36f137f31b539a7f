import Foundation
import Testing
import DocGenCore
@testable import DocGenKit

/// A build into an existing output folder keeps unchanged files (hard-linked from the previous
/// build, so they are not rewritten) and is byte-identical to a clean build after every kind of
/// change.
@Suite struct IncrementalTests {
    let folder: TemporaryFolder
    var site: URL { folder.appending("site") }
    var output: URL { folder.appending("out") }

    init() throws {
        folder = try TemporaryFolder("docgen-incremental")
        try write("docgen.yml", "title: Incremental hub\n")
        try write("content/index.md", "---\ntitle: Home\n---\n\nSee [[guides/setup]], [[guides/old-name]] and [[guides/other]].\n")
        try write("content/guides/index.md", "---\ntitle: Guides\n---\n\nAll the guides.\n")
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nInstall it.\n")
        try write("content/guides/old-name.md", "---\ntitle: Old name\nweight: 2\n---\n\nA page about to be renamed.\n")
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome other page.\n")
    }

    func write(_ path: String, _ text: String) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: site.appendingPathComponent(path)) }

    /// How a rebuild went: the fast path (bodies swapped in place) or a full build.
    struct Outcome {
        var quick: Bool
        /// Files kept from the previous build by a full build (-1 for the fast path).
        var kept: Int
        /// Pages the fast path re-rendered.
        var rerendered: Int
        var report: BuildReport
    }

    /// Builds into the shared output (with the cache) and into a fresh folder (without), and
    /// expects both trees to be byte-identical.
    @discardableResult
    func buildAndCompare(_ step: String, strict: Bool = false) throws -> Outcome {
        var options = BuildOptions(site: site.path, output: output.path)
        options.verbose = true
        options.strict = strict
        let report = try SiteBuilder().build(options)
        #expect(report.errorCount == 0, "\(step): \(report.diagnostics)")
        let clean = folder.appending("clean-\(step)")
        var cleanOptions = BuildOptions(site: site.path, output: clean.path)
        cleanOptions.useCache = false
        _ = try SiteBuilder().build(cleanOptions)
        let incremental = try fileTree(at: output), fresh = try fileTree(at: clean)
        #expect(incremental.keys.sorted() == fresh.keys.sorted(), "\(step): file lists differ")
        for (path, bytes) in fresh where incremental[path] != bytes {
            Issue.record("\(step): '\(path)' differs from a clean build")
        }
        func number(in prefix: String, at index: Int) -> Int? {
            report.notes.first { $0.hasPrefix(prefix) }.flatMap { note in
                let numbers = note.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
                return numbers.indices.contains(index) ? numbers[index] : nil
            }
        }
        if let rerendered = number(in: "incremental: ", at: 1) {
            return Outcome(quick: true, kept: -1, rerendered: rerendered, report: report)
        }
        return Outcome(quick: false, kept: number(in: "output: ", at: 1) ?? -1, rerendered: 0, report: report)
    }

    func inode(_ relative: String) -> UInt64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(relative).path)
        return (attributes?[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    /// A first build into an output takes the sources' stats while loading them instead of
    /// walking the folder first: the same list as the walk, pages, assets and all.
    @Test func theLoadersStatsAreTheFolderSnapshot() throws {
        defer { folder.remove() }
        try write("content/guides/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        try write("content/a/b/c/deep.md", "---\ntitle: Deep\n---\n\nDeep down.\n")
        try write("content/.hidden.md", "not a page")
        try write("content/x.md", "---\ntitle: X\n---\n")
        var diagnostics = Diagnostics()
        let source = try SiteLoader(root: site.path).load(into: &diagnostics, snapshot: true)
        let walked = try #require(FolderSnapshot.take(site.path + "/content"))
        let loaded = try #require(source.snapshot)
        #expect(loaded.files.map(\.path) == walked.files.map(\.path))
        #expect(loaded.files.map(\.stat) == walked.files.map(\.stat))
        #expect(walked.files.map(\.path).contains("guides/diagram.svg") && walked.files.count == 8)
        #expect(try SiteLoader(root: site.path).load(into: &diagnostics).snapshot == nil)
    }

    /// The state file is written in two steps (entries, then the header and its offset): it
    /// reads back whole, and a file cut short or grown anywhere is not trusted.
    @Test func theStateReadsBackAndRefusesDamage() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        let cache = site.path + "/.docgen-cache"
        let file = BuildState.file(cache: cache, output: output.path)
        let state = try #require(BuildState.load(file))
        #expect(state.entries.count == 5 && state.entries.filter { $0.kind == .page }.count == 5)
        let bytes = try FileSystem.read(file)
        #expect(state.serialized() == bytes, "serialized again, the state is the same bytes")
        let damaged = folder.appending("damaged.bin").path
        for cut in [1, 8, 9, bytes.count / 2, bytes.count - 9] {
            try FileSystem.write(bytes.dropLast(cut), to: damaged)
            #expect(BuildState.load(damaged) == nil, "cut \(cut) bytes short")
        }
        try FileSystem.write(bytes + [0], to: damaged)
        #expect(BuildState.load(damaged) == nil, "a byte added at the end")
        var inEntries = bytes
        inEntries.insert(0, at: 20)
        try FileSystem.write(inEntries, to: damaged)
        #expect(BuildState.load(damaged) == nil, "a byte added among the entries")
    }

    @Test func rebuildsMatchACleanBuildAfterEveryKindOfChange() throws {
        defer { folder.remove() }
        #expect(try buildAndCompare("first").kept == 0)
        let unchanged = try buildAndCompare("unchanged")
        #expect(unchanged.quick && unchanged.rerendered == 0, "nothing changed: nothing is rendered")
        let assets = inode("assets/style.css")

        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome other page, edited.\n")
        let body = try buildAndCompare("edit-body")
        #expect(body.quick && body.rerendered == 1, "a body edit re-renders that page only")
        #expect(inode("assets/style.css") == assets, "an unchanged file is kept, not rewritten")

        try write("content/guides/setup.md", "---\ntitle: Setting up\nweight: 1\n---\n\n## Install\n\nInstall it.\n")
        let title = try buildAndCompare("change-title")
        #expect(!title.quick && title.kept > 0, "a title others show needs a full build, which keeps unchanged files")

        try remove("content/guides/old-name.md")
        try write("content/guides/new-name.md", "---\ntitle: Old name\nweight: 2\n---\n\nA page about to be renamed.\n")
        try write("content/index.md", "---\ntitle: Home\n---\n\nSee [[guides/setup]], [[guides/new-name]] and [[guides/other]].\n")
        #expect(try !buildAndCompare("rename").quick)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("guides/old-name/index.html").path))

        try remove("content/guides/other.md")
        try write("content/index.md", "---\ntitle: Home\n---\n\nSee [[guides/setup]] and [[guides/new-name]].\n")
        #expect(try !buildAndCompare("delete").quick)

        try write("themes/default/templates/footer.mustache", "<footer class=\"site-footer\"><p>Local footer</p></footer>\n")
        #expect(try !buildAndCompare("template").quick)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("Local footer"))
    }

    @Test func bodyEditsTakeTheFastPathOnlyWhenNothingElseChanged() throws {
        defer { folder.remove() }
        try write("content/guides/pic.txt", "first version\n")
        try buildAndCompare("first")

        // Text only, twice in a row, on two pages at once. (On a site this small, an edit that
        // changes a page's word count can move the search index's quantized average lengths,
        // and then the index cannot be patched: these edits keep the counts.)
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nDeploy it, *now*.\n")
        #expect(try buildAndCompare("text").rerendered == 1)
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nInstall zebra.\n")
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome quokka pages.\n")
        #expect(try buildAndCompare("two-pages").rerendered == 2)

        // A file saved again without a change, and a file copied as it is.
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome quokka pages.\n")
        try write("content/guides/pic.txt", "second version\n")
        let saved = try buildAndCompare("resave-and-asset")
        #expect(saved.quick && saved.rerendered == 0)

        // What others (or the page's own contents list) see takes the full build.
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nInstall it.\n\n## Configure\n\nThen configure.\n")
        #expect(try !buildAndCompare("new-heading").quick)
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nInstall it, see [[guides/other]].\n\n## Configure\n\nThen configure.\n")
        #expect(try !buildAndCompare("new-link").quick)
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\ndescription: How to set up.\n---\n\n## Install\n\nInstall it, see [[guides/other]].\n\n## Configure\n\nThen configure.\n")
        #expect(try !buildAndCompare("front-matter").quick)
        try write("docgen.yml", "title: Incremental hub, renamed\n")
        #expect(try !buildAndCompare("config").quick)
        // And after each of those, body edits are fast again.
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\ndescription: How to set up.\n---\n\n## Install\n\nInstall it, and see [[guides/other]].\n\n## Configure\n\nThen configure it.\n")
        #expect(try buildAndCompare("text-again").rerendered == 1)
    }

    @Test func theCacheRemembersOnlyTheLatestOutputFolders() throws {
        defer { folder.remove() }
        for n in 0..<(SiteBuilder.cachedOutputs + 2) {
            let report = try SiteBuilder().build(BuildOptions(site: site.path, output: folder.appending("out-\(n)").path))
            #expect(report.errorCount == 0)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(".docgen-cache").path)
        #expect(names.filter { $0.hasPrefix("state-") }.count == SiteBuilder.cachedOutputs)
        #expect(names.filter { $0.hasPrefix("output-") }.count == SiteBuilder.cachedOutputs)
        // The newest output still rebuilds from its state.
        try write("content/guides/setup.md", "---\ntitle: Setup\nweight: 1\n---\n\n## Install\n\nInstall it now.\n")
        var options = BuildOptions(site: site.path, output: folder.appending("out-\(SiteBuilder.cachedOutputs + 1)").path)
        options.verbose = true
        let report = try SiteBuilder().build(options)
        #expect(report.notes.contains { $0.hasPrefix("incremental: ") }, "\(report.notes)")
    }

    @Test func aBrokenEditFailsAndLeavesTheOutputAsItWas() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        let before = try fileTree(at: output)
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nNow with [a broken link](missing.md).\n")
        let report = try SiteBuilder().build(BuildOptions(site: site.path, output: output.path))
        #expect(report.errorCount == 1 && !report.wrote)
        #expect(try fileTree(at: output) == before)
        // Fixed again: the cache still describes the output, so the fix is a fast rebuild.
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome other page, fixed.\n")
        #expect(try buildAndCompare("fixed").quick)
    }

    @Test func warningsStayAndStrictStillFails() throws {
        defer { folder.remove() }
        // An orphan: its warning comes from the graph, which a body edit leaves alone.
        try write("content/guides/lonely.md", "---\ntitle: Lonely\n---\n\nNobody links here.\n")
        let first = try buildAndCompare("first")
        #expect(first.report.warningCount == 1)
        try write("content/guides/lonely.md", "---\ntitle: Lonely\n---\n\nNobody links here yet.\n")
        let edited = try buildAndCompare("orphan-edit")
        #expect(edited.quick && edited.report.diagnostics == first.report.diagnostics)

        let before = try fileTree(at: output)
        try write("content/guides/lonely.md", "---\ntitle: Lonely\n---\n\nNobody links here, still.\n")
        var strict = BuildOptions(site: site.path, output: output.path)
        strict.strict = true
        let report = try SiteBuilder().build(strict)
        #expect(!report.wrote && report.warningCount == 1, "--strict fails on the warning and writes nothing")
        #expect(try fileTree(at: output) == before)
    }

    @Test func aTemplateThatEscapesTheBodyIsRenderedInFull() throws {
        defer { folder.remove() }
        try write("themes/default/templates/page.mustache", "<!DOCTYPE html>\n<html lang=\"{{lang}}\"><head><title>{{title}}</title></head><body><main>{{{content}}}</main><pre>{{content}}</pre></body></html>\n")
        try buildAndCompare("first")
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome <other> page & more.\n")
        #expect(try !buildAndCompare("escaped").quick)
    }

    @Test func anOutputFileChangedByHandIsRebuilt() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        try Data("tampered".utf8).write(to: output.appendingPathComponent("guides/other/index.html"))
        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome other page, edited.\n")
        #expect(try !buildAndCompare("after-tampering").quick)
    }

    @Test func deletingTheCacheIsSafe() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        try FileManager.default.removeItem(at: site.appendingPathComponent(".docgen-cache"))
        #expect(try buildAndCompare("no-cache").kept == 0)
    }

    @Test func aFolderChangedByHandIsNotTrusted() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        // Something else replaced the output: its marker is a new file, so nothing is reused.
        let marker = output.appendingPathComponent(".docgen-output")
        let text = try Data(contentsOf: marker)
        try FileManager.default.removeItem(at: marker)
        try text.write(to: marker)
        try Data("tampered".utf8).write(to: output.appendingPathComponent("index.html"))
        #expect(try buildAndCompare("after-tampering").kept == 0)
    }
}
