import Foundation
import Testing
@testable import DocGenKit

/// Pages are parsed on every core at once; cmark-gfm shares some state between threads (the
/// characters that start strikethrough and autolinks), which once made `~~` and bare URLs come
/// out as plain text on some pages of some builds. Many pages full of both must always come out
/// whole.
@Suite struct ParallelParseTests {
    @Test func strikethroughAndAutolinksSurviveParallelParsing() throws {
        let folder = try TemporaryFolder("docgen-parallel-parse")
        defer { folder.remove() }
        let site = folder.appending("site")
        let pages = 240, spans = 12
        var files: [String: [UInt8]] = ["docgen.yml": Array("title: Parallel\norphans: ignore\n".utf8),
                                        "content/index.md": Array("---\ntitle: Home\n---\n\nEvery page.\n".utf8)]
        for p in 0..<pages {
            let body = (0..<spans).map { n in "Line \(n) has ~~gone \(n)~~ and https://example.org/\(p)/\(n) in it." }
                .joined(separator: "\n\n")
            files["content/p\(p).md"] = Array("---\ntitle: Page \(p)\n---\n\n\(body)\n".utf8)
        }
        try writeTree(files, to: site)
        for round in 0..<2 {
            let output = folder.appending("out-\(round)")
            let report = try SiteBuilder().build(BuildOptions(site: site.path, output: output.path))
            #expect(report.errorCount == 0, "\(report.diagnostics)")
            var struck = 0, linked = 0
            for p in 0..<pages {
                let html = try String(contentsOf: output.appendingPathComponent("p\(p)/index.html"), encoding: .utf8)
                struck += html.components(separatedBy: "<del>").count - 1
                linked += html.components(separatedBy: "<a href=\"https://example.org/\(p)/").count - 1
            }
            #expect(struck == pages * spans, "round \(round): \(struck) of \(pages * spans) strikethroughs")
            #expect(linked == pages * spans, "round \(round): \(linked) of \(pages * spans) autolinks")
        }
    }
}
