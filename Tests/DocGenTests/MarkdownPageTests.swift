import Foundation
@testable import DocGenKit
import DocGenCore
@testable import DocGenMarkdown
import Testing

// The parse and graph stages take byte-level shortcuts (a cmark arena, one walk of the tree for
// heading ids and search text, word-at-a-time text folding, ASCII fast paths). These tests pin
// down what the slow, obvious code did, including the corners the shortcuts must step around.

private func parse(_ body: String, title: String? = nil, unsafeHTML: Bool = false) -> MarkdownDocument {
    MarkdownPage.parse(Substring(body), title: title, options: .pages(unsafeHTML: unsafeHTML))
}

private func blocks(_ document: MarkdownDocument) -> [String] {
    document.blocks.map { "\($0.anchor)|\($0.heading)|\($0.text)" }
}

// MARK: Search text and heading ids

@Suite struct MarkdownPageTests {
    @Test func searchTextFoldsWhiteSpaceAndSplitsAtSecondAndThirdLevelHeadings() {
        let document = parse("""
            # Title

            Intro\twith   tabs and
            a soft break, averyveryverylongwordwithoutspaces and `code span`.

            ## Set up: Linux & macOS

            Über café — naïve text.

            ```
            let x =    1
            ```

            #### Deeper

            Still in the setup block.

            ### Next {#custom-id}

            Last words.
            """, title: "Title")
        #expect(document.leadingTitle == "Title")
        #expect(blocks(document) == [
            // A heading's end adds no space: the dropped title and an h4 run into the next words.
            "||TitleIntro with tabs and a soft break, averyveryverylongwordwithoutspaces and code span .",
            "set-up-linux--macos|Set up: Linux & macOS|Über café — naïve text. let x = 1 DeeperStill in the setup block.",
            "custom-id|Next|Last words.",
        ])
        #expect(document.headings.map(\.id) == ["set-up-linux--macos", "deeper", "custom-id"])
        #expect(document.html == """
            <p>Intro\twith   tabs and
            a soft break, averyveryverylongwordwithoutspaces and <code>code span</code>.</p>
            <h2 id="set-up-linux--macos">Set up: Linux &amp; macOS</h2>
            <p>Über café — naïve text.</p>
            <pre><code>let x =    1
            </code></pre>
            <h4 id="deeper">Deeper</h4>
            <p>Still in the setup block.</p>
            <h3 id="custom-id">Next</h3>
            <p>Last words.</p>

            """)
    }

    @Test func pageStartingWithAHeadingHasNoEmptyFirstBlock() {
        let document = parse("## First\n\nText.\n\n## Second\n\nMore.\n")
        #expect(blocks(document) == ["first|First|Text.", "second|Second|More."])
    }

    @Test func rawHTMLHeadingsKeepTheirTagsAndFootnoteHeadingsGetNoId() {
        let document = parse("""
            Intro.

            <h2>Raw</h2>

            ## Real

            Text[^1].

            [^1]: Note.

                ## Inside the note
            """, unsafeHTML: true)
        #expect(document.headings.map(\.id) == ["real"])
        #expect(document.html == """
            <p>Intro.</p>
            <h2>Raw</h2>
            <h2 id="real">Real</h2>
            <p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup>.</p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-1">
            <p>Note.</p>
            <h2>Inside the note</h2>
            <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a>
            </li>
            </ol>
            </section>

            """)
        #expect(blocks(document) == ["||Intro. Raw", "real|Real|Text. Note. Inside the note"])
    }

    @Test func titleThatDiffersFromTheFrontMatterStaysInTheHTML() {
        let document = parse("# Other\n\nBody.\n", title: "Title")
        #expect(document.leadingTitle == nil)
        #expect(document.html == "<h1 id=\"other\">Other</h1>\n<p>Body.</p>\n")
    }

    @Test func linksThenWikiLinksArePlaceholdersInDocumentOrder() {
        let document = parse("See [[b]] and [a](a.md), ![i](i.png), [x](https://x.org) and [[c|C]].\n")
        #expect(document.links.map { "\($0.kind):\($0.destination):\($0.line):\($0.byteColumn)" } == [
            "link:a.md:1:15", "image:i.png:1:26", "wiki:b:1:5", "wiki:c:1:62",
        ])
        #expect(document.html == """
            <p>See <a href="@@dg:2@@">@@dgt:2@@</a> and <a href="@@dg:0@@">a</a>, <img src="@@dg:1@@" alt="i" />, \
            <a href="https://x.org">x</a> and <a href="@@dg:3@@">C</a>.</p>

            """)
    }

    /// A page without `[[`, `\[` or `&` has its links found in the walk that plans the headings;
    /// brackets written escaped or as entities still make wiki links.
    @Test func wikiLinksFromEscapedBracketsAndEntitiesAreFound() {
        let document = parse("Go [here](a.md), \\[\\[b]] and &#91;&#91;c|C]].\n")
        #expect(document.links.map { "\($0.kind):\($0.destination)" } == ["link:a.md", "wiki:b", "wiki:c"])
        #expect(document.html == """
            <p>Go <a href="@@dg:0@@">here</a>, <a href="@@dg:1@@">@@dgt:1@@</a> and <a href="@@dg:2@@">C</a>.</p>

            """)
        let plain = parse("Go [here](a.md) and [b] [ [c]](d.md).\n")
        #expect(plain.links.map { "\($0.kind):\($0.destination)" } == ["link:a.md", "link:d.md"])
    }

    @Test func externalDestinationsAreTheSameAsBytesAndAsText() {
        for url in ["https://x.org", "mailto:a@b", "//host/x", "/x", "a.md", "a:b", "1a:b", "a1+.-:x", "é:x", "aé:x",
                    ":x", "", "#frag", "C:\\x", "ab", "a-b", "-a:", "A+:", "a b:c", "a@b:c"] {
            #expect(url.withCString { MarkdownPage.isExternal($0) } == MarkdownPage.isExternal(url), "\(url)")
        }
    }

    /// Folding eight bytes at a time gives what folding byte by byte gives.
    @Test func searchTextFoldsAsByteByByte() {
        let pieces = ["word", "a", "longerwordhere", " ", "  ", "\t", "\n", "\r\n", "\u{1}", "é", "😀", "x y z",
                      " a b c d e f g h ", "ab cd ef gh", "abcdefg ", " abcdefg", "a  b", "1234567 9"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        for _ in 0..<3000 {
            var builder = TextBlockBuilder()
            var expected: [UInt8] = []
            var pending = false
            for _ in 0..<next(12) {
                if next(6) == 0 {
                    builder.space()
                    if !expected.isEmpty { pending = true }
                    continue
                }
                var text = ""
                for _ in 0..<next(10) { text += pieces[next(pieces.count)] }
                builder.append(text)
                for b in text.utf8 {
                    if b == 32 || b == 9 || b == 10 || b == 13 {
                        if !expected.isEmpty { pending = true }
                        continue
                    }
                    if pending { expected.append(32); pending = false }
                    expected.append(b)
                }
            }
            #expect(builder.finish().map(\.text) == [String(decoding: expected, as: UTF8.self)])
        }
    }

    @Test func taskListBoxesGetAccessibleNames() {
        let document = parse("- [x] done\n- [ ] open\n")
        #expect(document.html == """
            <ul>
            <li><input type="checkbox" checked="" disabled="" aria-label="done" /> done</li>
            <li><input type="checkbox" disabled="" aria-label="to do" /> open</li>
            </ul>

            """)
    }

    /// Far more than one arena chunk, with a single text run larger than a chunk.
    @Test func largePageParsesWhole() {
        let paragraphs = (0..<6000).map { "Paragraph \($0) with [[p\($0)]]." }
        let long = String(repeating: "x", count: 300_000)
        let document = parse(paragraphs.joined(separator: "\n\n") + "\n\n" + long + "\n")
        #expect(document.links.count == 6000)
        #expect(document.html == (0..<6000).map { "<p>Paragraph \($0) with <a href=\"@@dg:\($0)@@\">@@dgt:\($0)@@</a>.</p>\n" }.joined()
                + "<p>" + long + "</p>\n")
        #expect(document.blocks.count == 1)
        #expect(document.blocks[0].text == (0..<6000).map { "Paragraph \($0) with @@dgt:\($0)@@." }.joined(separator: " ") + " " + long)
    }

    @Test func pagesParsedOnManyThreadsMatchOneByOne() {
        let bodies = (0..<200).map { n in
            "# T\(n)\n\n## Part \(n)\n\n" + String(repeating: "word\(n) [[link\(n)]] ", count: n * 20) + "\n\n<h2>raw</h2>\n"
        }
        let serial = bodies.map { parse($0, title: nil, unsafeHTML: true) }
        let parallel = Parallel.map(bodies.count) { parse(bodies[$0], title: nil, unsafeHTML: true) }
        #expect(serial.map(\.html) == parallel.map(\.html))
        #expect(serial.map(\.blocks) == parallel.map(\.blocks))
        #expect(serial.map(\.links) == parallel.map(\.links))
    }

    /// A parse inside a parse on the same thread finds the arena taken and uses cmark's own
    /// allocator (and frees its tree); the outer parse's tree is untouched.
    @Test func parseInsideAParseUsesTheDefaultAllocator() {
        let outer = Array("# Outer\n\nText [[x]].\n".utf8)
        let (html, inner) = outer.withUnsafeBytes { buffer in
            Cmark.withDocument(buffer, options: MarkdownOptions()) { _, render in
                let inner = MarkdownRenderer.render(Array("## Inner\n".utf8), options: MarkdownOptions())
                return (String(decoding: render(), as: UTF8.self), String(decoding: inner, as: UTF8.self))
            }
        }
        #expect(inner == "<h2 id=\"inner\">Inner</h2>\n")
        #expect(html == "<h1>Outer</h1>\n<p>Text [[x]].</p>\n")
        #expect(parse("## After\n").html == "<h2 id=\"after\">After</h2>\n")
    }

    @Test func renderCommandAddsIdsWithoutDroppingTheTitle() {
        let html = MarkdownRenderer.render(Array("# Hello\n\n## Hello\n".utf8), options: MarkdownOptions())
        #expect(String(decoding: html, as: UTF8.self) == "<h1 id=\"hello\">Hello</h1>\n<h2 id=\"hello-1\">Hello</h2>\n")
    }
}

// MARK: ASCII fast paths

@Suite struct FastPathTests {
    @Test(arguments: [
        ("Tabs\tand\u{1}controls", "tabsandcontrols"),
        ("MiXeD_case-Words 42", "mixed_case-words-42"),
        ("", ""),
        ("ASCII then é", "ascii-then-é"),
    ])
    func githubSlugOfASCIIMatchesTheUnicodeRules(_ heading: String, _ id: String) {
        #expect(Slug.github(heading) == id)
    }

    @Test(arguments: [
        ("--Leading and trailing--", "leading-and-trailing"),
        ("UPPER_lower", "upper-lower"),
        ("", ""),
        ("!!!", ""),
        ("Ünïcode Tag", "ünïcode-tag"),
    ])
    func segmentOfASCIIMatchesTheUnicodeRules(_ tag: String, _ segment: String) {
        #expect(Slug.segment(tag) == segment)
    }

    @Test(arguments: [
        ("guides/setup.md", nil, "guides/setup", "guides/setup/", "guides", false),
        ("guides/index.md", nil, "guides", "guides/", "guides", true),
        ("README.markdown", nil, "index", "", "", true),
        ("a//b.md", nil, "a//b", "a/b/", "a", false),
        ("tools/git.md", "Git Tool", "tools/git", "tools/git-tool/", "tools", false),
        ("café/crème.md", nil, "café/crème", "café/crème/", "café", false),
    ] as [(String, String?, String, String, String, Bool)])
    func placeOfAFile(_ path: String, _ slug: String?, _ id: String, _ url: String, _ folder: String, _ isIndex: Bool) {
        let place = PageBuilder.place(of: path, slug: slug)
        #expect(place.id == id && place.url == url && place.folder == folder && place.isIndex == isIndex)
    }

    @Test func defaultTypeOfTheFirstSegmentIsThePaths() {
        let paths = ["roles/admin.md", "tasks/a/b.md", "tools", "glossary/term.md", "/roles/x.md", "rolesx/a.md",
                     "guides/roles/a.md", "roles\u{301}/a.md", "roles/\u{301}a.md", "tâches/a.md", "a.md", "", "//tools/a.md"]
        #expect(paths.map { PageKind.defaultType(for: PageBuilder.firstSegment(of: $0)) } == paths.map { PageKind.defaultType(for: $0) })
    }

    @Test func indexFilesAreTheOnesNamedSo() {
        let paths = ["index.md", "a/index.md", "a/_index.markdown", "README.md", "a/README.md", "a/index/", "a//index.md",
                     "a/index/.md", "a/index\u{301}.md", "a/\u{301}index.md", "a/xindex.md", "a/indexx.md", "index", "a/b.md",
                     "", "/", "readme.md", "a/index.md/", "\u{301}/README.md", "a/_index.md"]
        #expect(paths.map { PageBuilder.isIndexFile($0) } == paths.map { path in
            let stem = path.hasSuffix(".markdown") ? String(path.dropLast(9)) : path.hasSuffix(".md") ? String(path.dropLast(3)) : path
            let name = stem.split(separator: "/").last.map(String.init) ?? ""
            return name == "index" || name == "_index" || name == "README"
        })
    }

    /// Links with `%`, `?`, `#` and non-ASCII text resolve as before the byte-level shortcuts.
    @Test func linksResolveThroughEveryPath() {
        let files = [
            SourceFile(path: "guides/setup.md", text: "---\ntitle: Setup\n---\n## Install\n\n## Café au lait\n"),
            SourceFile(path: "guides/a b.md", text: "---\ntitle: A B\n---\nText.\n"),
            SourceFile(path: "index.md", text: """
                ---
                title: Home
                ---
                [1](guides/setup.md#install) [2](guides/setup.md?x=1#install) [3](guides/a%20b.md)
                [4](guides/setup.md#caf%C3%A9-au-lait) [5](guides/setup/#nope)
                [[guides/setup#install]] [[setup]] [6](guides/setup.md#café-au-lait) [7](guides/a%ZZb.md)

                """),
        ]
        var diagnostics = Diagnostics()
        let pages = PageBuilder(options: .pages(unsafeHTML: false), includeDrafts: false).build(files, into: &diagnostics)
        let graph = DocumentGraph(pages: pages, assets: [], into: &diagnostics)
        let resolved = LinkResolver(urls: URLScheme(baseURL: nil), contentRoot: "/nonexistent").resolve(graph, into: &diagnostics)
        let home = graph.index(ofURL: "")!
        #expect(resolved.links[home].map(\.href) == [
            "guides/setup/#install", "guides/setup/#install", "guides/a b/", "guides/setup/#caf%C3%A9-au-lait",
            "guides/setup/#nope", "guides/setup/#café-au-lait", "guides/a%ZZb.md", "guides/setup/#install", "guides/setup/",
        ])
        #expect(DiagnosticFormatter.text(diagnostics.sorted) == """
            content/index.md:5:40: error: no heading with id '#nope' in 'content/guides/setup.md' [anchor-unresolved]
            content/index.md:6:71: error: unresolved link 'guides/a%ZZb.md' [link-unresolved]

            """)
        #expect(resolved.backlinks[graph.index(ofURL: "guides/setup/")!] == [home])
    }
}

// MARK: Byte-level paths against the plain versions they replaced

@Suite struct PathBytesTests {
    /// Foundation's answer where it has one: it traps on a one-character name at the top.
    @Test func parentMatchesFoundation() {
        #expect(PathText.parent(of: "") == "")
        #expect(PathText.parent(of: "x") == "" && PathText.parent(of: "x/") == "" && PathText.parent(of: "\u{e9}/") == "")
        #expect(PathText.parent(of: "/") == "/" && PathText.parent(of: "/x") == "/" && PathText.parent(of: "a//b") == "a")
        let parts = ["a", "bc", "d.e", "gl\u{e9}ssaire", "\u{4e2d}\u{6587}", "index.html", "..", "x-y_z"]
        var rng = SplitMix(state: 7)
        for _ in 0..<2000 {
            let count = 2 + Int(rng.next() % 4)
            var path = (0..<count).map { _ in parts[Int(rng.next() % UInt64(parts.count))] }.joined(separator: "/")
            if rng.next() % 3 == 0 { path += "/" }
            if rng.next() % 4 == 0 { path = "/" + path }
            #expect(PathText.parent(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
    }


    /// `URLScheme.href` as it was written with arrays and `split`: the reference.
    private func plainHref(to target: String, from: String) -> String {
        let f = Array(from.utf8), t = Array(target.utf8)
        let fromParts = f.split(separator: 47)
        var toParts = t.split(separator: 47, omittingEmptySubsequences: false)
        if toParts.last?.isEmpty == true { toParts.removeLast() }
        let endsWithSlash = t.last == 47
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common].elementsEqual(toParts[common]) { common += 1 }
        if !endsWithSlash, common == toParts.count, common > 0 { common -= 1 }
        var out = [UInt8]()
        for _ in 0..<(fromParts.count - common) { out.append(contentsOf: [46, 46, 47]) }
        for (n, part) in toParts[common...].enumerated() {
            if n > 0 { out.append(47) }
            out.append(contentsOf: part)
        }
        if endsWithSlash, toParts.count > common { out.append(47) }
        return out.isEmpty ? "./" : String(decoding: out, as: UTF8.self)
    }

    /// `Context.join` over generic collections, as it was: the reference.
    private func plainJoin(_ folder: String, _ path: String) -> String? {
        var out = [UInt8]()
        var starts: [Int] = []
        func add<S: Collection<UInt8>>(_ bytes: S) -> Bool {
            var i = bytes.startIndex
            while i < bytes.endIndex {
                var j = i
                while j < bytes.endIndex, bytes[j] != 47 { j = bytes.index(after: j) }
                let length = bytes.distance(from: i, to: j)
                if length == 0 || (length == 1 && bytes[i] == 46) {
                } else if length == 2, bytes[i] == 46, bytes[bytes.index(after: i)] == 46 {
                    guard let start = starts.popLast() else { return false }
                    out.removeSubrange((start == 0 ? 0 : start - 1)...)
                } else {
                    if !out.isEmpty { out.append(47) }
                    starts.append(out.count)
                    out.append(contentsOf: bytes[i..<j])
                }
                i = j < bytes.endIndex ? bytes.index(after: j) : j
            }
            return true
        }
        guard add(folder.utf8), add(path.utf8) else { return nil }
        if path.utf8.last == 47, !out.isEmpty { out.append(47) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every path of up to three segments from a small alphabet, slashes and dots included.
    private var paths: [String] {
        let parts = ["", "a", "b", "é", ".", "..", "a.md", "index.html"]
        var out = [""]
        for p in parts { out.append(p); out.append(p + "/"); out.append("/" + p) }
        for p in parts { for q in parts { out.append(p + "/" + q); out.append(p + "/" + q + "/"); out.append(p + "//" + q) } }
        for p in ["a", "b", ".."] { for q in ["a", "b/"] { for r in ["a.md", "c/", ""] { out.append(p + "/" + q + "/" + r) } } }
        return out
    }

    @Test func hrefMatchesTheArrayVersion() {
        let scheme = URLScheme(baseURL: nil)
        let pairs = paths.flatMap { target in paths.map { (target, $0) } }
        #expect(pairs.map { scheme.href(to: $0, from: $1) } == pairs.map { plainHref(to: $0, from: $1) })
        #expect(URLScheme(baseURL: "/docs/").href(to: "a/", from: "b/") == "/docs/a/")
    }

    @Test func joinMatchesTheGenericVersion() {
        let pairs = paths.flatMap { folder in paths.map { (folder, $0) } }
        #expect(pairs.map { Context.join($0, $1) } == pairs.map { plainJoin($0, $1) })
    }
}
