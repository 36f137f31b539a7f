import Foundation
import Testing
@testable import DocGenKit
@testable import DocGenMarkdown

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

/// Parses that want different inline characters (with and without strikethrough or autolinks)
/// running at once each see exactly their own: every result equals the same parse run alone.
@Suite struct MixedInlineCharactersTests {
    @Test func parsesWithDifferentExtensionsRunTogether() {
        let selections: [Set<String>] = [Set(MarkdownOptions.allExtensions), [], ["strikethrough"], ["autolink"]]
        // Pages with a `~` parse one at a time, so the autolinks' characters are tried on pages without.
        let sources = [" ~~gone~~, *~a~* and a~*b*~ then ", " then "].map { middle in
            Array((0..<2000).map { n in "Item \(n): at www.example.org/\(n),\(middle)https://example.org/\(n) x.\n" }.joined().utf8)
        }
        let cases = sources.flatMap { source in selections.map { (source, MarkdownOptions(extensions: $0)) } }
        // cmark-gfm's own renderer, so that nearly all of the time goes to cmark-gfm's parse.
        @Sendable func render(_ source: [UInt8], _ options: MarkdownOptions) -> [UInt8] {
            source.withUnsafeBytes { bytes in Cmark.withDocument(bytes, options: options) { _, html in Array(html()) } }
        }
        let expected = cases.map { render($0.0, $0.1) }
        #expect(Set(expected).count == cases.count - 2, "all but the two without strikethrough on the page without ~ differ")
        let runs = 800
        var results = [[UInt8]](repeating: [], count: runs)
        results.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: runs) { i in
                let (source, options) = cases[i % cases.count]
                out[i] = render(source, options)
            }
        }
        let wrong = (0..<runs).filter { results[$0] != expected[$0 % cases.count] }
        #expect(wrong.isEmpty, "\(wrong.count) of \(runs) parses differ from the same parse run alone")
    }
}

/// The rules of `CmarkInlineCharacters` themselves, with one parse held open on purpose: a parse
/// wanting the other autolink setting waits for it, as does another page with a `~`; a parse
/// wanting the same setting runs beside it.
@Suite(.serialized) struct InlineCharactersProtocolTests {
    /// The order in which `second` entered and `first` left, with `first` holding on for 0.2 s.
    private func order(first: (autolink: Bool, tilde: Bool), second: (autolink: Bool, tilde: Bool)) -> [String] {
        final class Log: @unchecked Sendable {  // `events` is guarded by `lock`
            let lock = NSLock()
            var events: [String] = []
            func note(_ event: String) { lock.lock(); events.append(event); lock.unlock() }
        }
        let log = Log()
        // Threads of their own: the shared pool may be busy with other tests.
        let entered = DispatchSemaphore(value: 0), done = DispatchGroup()
        done.enter()
        Thread {
            CmarkInlineCharacters.with(autolink: first.autolink, tilde: first.tilde) {
                entered.signal()
                Thread.sleep(forTimeInterval: 0.2)
                log.note("first leaves")
            }
            done.leave()
        }.start()
        entered.wait()
        done.enter()
        Thread {
            CmarkInlineCharacters.with(autolink: second.autolink, tilde: second.tilde) { log.note("second enters") }
            done.leave()
        }.start()
        done.wait()
        return log.events
    }

    @Test func theOtherAutolinkSettingWaits() {
        #expect(order(first: (true, false), second: (false, false)) == ["first leaves", "second enters"])
        #expect(order(first: (false, false), second: (true, false)) == ["first leaves", "second enters"])
    }

    @Test func anotherPageWithATildeWaits() {
        #expect(order(first: (true, true), second: (true, true)) == ["first leaves", "second enters"])
    }

    @Test func theSameSettingRunsAlongside() {
        #expect(order(first: (true, false), second: (true, false)) == ["second enters", "first leaves"])
        #expect(order(first: (true, true), second: (true, false)) == ["second enters", "first leaves"])
        #expect(order(first: (false, false), second: (false, true)) == ["second enters", "first leaves"])
    }
}
