import Foundation
import Testing
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

    /// Builds into the shared output (with the cache) and into a fresh folder (without), and
    /// expects both trees to be byte-identical. Returns the number of files kept.
    @discardableResult
    func buildAndCompare(_ step: String) throws -> Int {
        var options = BuildOptions(site: site.path, output: output.path)
        options.verbose = true
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
        let kept = report.notes.first { $0.hasPrefix("output: ") }.flatMap { note in
            note.split(separator: " ").compactMap { Int($0) }.last
        }
        return kept ?? -1
    }

    func inode(_ relative: String) -> UInt64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(relative).path)
        return (attributes?[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func rebuildsMatchACleanBuildAfterEveryKindOfChange() throws {
        defer { folder.remove() }
        #expect(try buildAndCompare("first") == 0)
        #expect(try buildAndCompare("unchanged") > 0)
        let assets = inode("assets/style.css")

        try write("content/guides/other.md", "---\ntitle: Other\nweight: 3\n---\n\nSome other page, edited.\n")
        #expect(try buildAndCompare("edit-body") > 0)
        #expect(inode("assets/style.css") == assets, "an unchanged file is kept, not rewritten")

        try write("content/guides/setup.md", "---\ntitle: Setting up\nweight: 1\n---\n\n## Install\n\nInstall it.\n")
        try buildAndCompare("change-title")

        try remove("content/guides/old-name.md")
        try write("content/guides/new-name.md", "---\ntitle: Old name\nweight: 2\n---\n\nA page about to be renamed.\n")
        try write("content/index.md", "---\ntitle: Home\n---\n\nSee [[guides/setup]], [[guides/new-name]] and [[guides/other]].\n")
        try buildAndCompare("rename")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("guides/old-name/index.html").path))

        try remove("content/guides/other.md")
        try write("content/index.md", "---\ntitle: Home\n---\n\nSee [[guides/setup]] and [[guides/new-name]].\n")
        try buildAndCompare("delete")

        try write("themes/default/templates/footer.mustache", "<footer class=\"site-footer\"><p>Local footer</p></footer>\n")
        try buildAndCompare("template")
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("Local footer"))
    }

    @Test func deletingTheCacheIsSafe() throws {
        defer { folder.remove() }
        try buildAndCompare("first")
        try FileManager.default.removeItem(at: site.appendingPathComponent(".docgen-cache"))
        #expect(try buildAndCompare("no-cache") == 0)
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
        #expect(try buildAndCompare("after-tampering") == 0)
    }
}
