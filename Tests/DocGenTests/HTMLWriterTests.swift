import DocGenCore
@testable import DocGenMarkdown
import Foundation
import Testing

// `HeadingPlan` writes a page's HTML in its own walk of the tree; cmark-gfm's renderer and the
// heading-id patching it replaces stay as the reference. Both must give the same bytes, and the
// same headings, links and search text, for any Markdown.
//
// Both read the same tree, one after the other: two parses could differ, as cmark-gfm marks and
// unmarks the characters that start strikethroughs and autolinks in a table of its own at each
// parse, which a parse on another thread may see in between.

private let allOptions: [MarkdownOptions] = [
    .pages(unsafeHTML: false), .pages(unsafeHTML: true),
    MarkdownOptions(extensions: ["table", "strikethrough", "autolink"], unsafeHTML: true, smart: true),
    MarkdownOptions(extensions: [], unsafeHTML: false),
]

private func expectSameOutput(_ markdown: String, title: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let bytes = Array(markdown.utf8)
    let links = !bytes.withUnsafeBufferPointer { MarkdownPage.mayHoldWikiLinks($0) }
    for options in allOptions {
        bytes.withUnsafeBytes { buffer in
            Cmark.withDocument(buffer, options: options) { tree, render in
                let dropTitle: (String) -> Bool = { title != nil && $0 == title }
                let written = HeadingPlan.makeWritingHTML(
                    tree.document, dropTitle: dropTitle, rawHTML: options.unsafeHTML,
                    tagFilter: options.extensions.contains("tagfilter"), textBlocks: true, links: links, sizeHint: buffer.count)
                defer { written?.html.release() }
                // The reference changes the tree (placeholders, `{#id}`s): it goes second.
                let plan = HeadingPlan.make(tree.document, dropTitle: dropTitle, rawHTML: options.unsafeHTML,
                                            textBlocks: true, links: links)
                let reference = plan.applyText(to: render())
                guard let written else {
                    // Only pages with nodes cmark alone writes are left to it.
                    let html = String(decoding: render(), as: UTF8.self)
                    #expect(html.contains("footnote") || html.contains("checkbox") || options.unsafeHTML,
                            "not written: \(markdown.debugDescription)", sourceLocation: sourceLocation)
                    return
                }
                let label = "\(options.unsafeHTML ? "unsafe" : "safe") \(options.extensions.sorted()): \(markdown.debugDescription)"
                #expect(String(decoding: written.html.buffer, as: UTF8.self) == reference, "\(label)", sourceLocation: sourceLocation)
                #expect(written.plan.headings == plan.headings && written.plan.links == plan.links
                        && written.plan.blocks == plan.blocks && written.plan.leadingTitle == plan.leadingTitle,
                        "page data: \(label)", sourceLocation: sourceLocation)
            }
        }
    }
}

@Test func extensionNodeTypesAreFound() {
    #expect(ExtensionNodeTypes.found != nil)
}

@Test func writtenHTMLMatchesCmarkOnHandPickedPages() {
    expectSameOutput("# Title\n\nText.\n", title: "Title")
    expectSameOutput("# Title {#top}\n\n## Part *one* {#p1}\n\n### `code` and [link](a.md \"t\")\n\n## Part *one*\n", title: "Title")
    expectSameOutput("Intro\n\n# Not first\n", title: "Not first")
    expectSameOutput("""
        | Left | Center | Right | None |
        | :--- | :----: | ----: | ---- |
        | a \\| b | **c** | `d` | [e](e.md) |
        | f |

        ~~gone~~ and ~single~ www.example.org and https://x.org/a?b=c&d='e'
        """)
    expectSameOutput("""
        ![alt *em* `code` <b>html</b> [link](l.md) ![inner](i.png) line\\
        break](img.png "a \\"title\\"") [a](<url with spaces> 'it''s') [j](javascript:alert(1)) \
        [d](data:image/png;base64,x) [D](DATA:text/html,x) [v](VBScript:x) [f](file:///etc)

        <div>
        <title>x</title> <script>y</script> <TEXTAREA/> <xmp> <h2>raw</h2>
        </div>

        Inline <span>ok</span> <style>s</style> <iframe src=x> </plaintext> <noembed/>
        """)
    expectSameOutput("""
        1. one
        2. two

        7. seven

           loose

        0. zero
        - a
          > quote
          > more

        * [ ] task
        * [x] done

        Text[^1] and ***strong em*** __u__ &amp; &copy; &#35; "quotes" -- dashes...

        [^1]: A note.

        ```python extra "words" & <more>
        code < & >
        ```

            indented
            code

        ---
        Hard  
        break and soft
        break
        """)
}

/// Every example of the GFM spec files beside the repository (`../shared/spec/`), when they are there.
@Test func writtenHTMLMatchesCmarkOnTheSpecExamples() throws {
    let folder = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/spec")
    var count = 0
    for name in ["spec.txt", "extensions.txt", "regression.txt", "smart_punct.txt"] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
        let fence = String(repeating: "`", count: 32)
        var markdown: [String]?
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(fence + " example") {
                inExample = true
                markdown = []
            } else if inExample, line == "." {
                let example = markdown!.map { $0 + "\n" }.joined().replacingOccurrences(of: "\u{2192}", with: "\t")
                expectSameOutput(example)
                expectSameOutput(example, title: example.split(separator: "\n").first.map { String($0.dropFirst(2)) })
                count += 1
                inExample = false
            } else if inExample {
                markdown!.append(String(line))
            }
        }
    }
    if count > 0 { #expect(count > 700) }
}

/// Random pages from pieces of Markdown.
@Test func writtenHTMLMatchesCmarkOnRandomPages() {
    let pieces = ["# ", "## ", "### ", "#### ", "Title", "{#id}", " {#x-1}", "word", " ", "  ", "\n", "\n\n", "\t",
                  "*", "**", "_", "~~", "~", "`", "``", "[", "]", "(", ")", "[a](b.md)", "[x](https://x.org \"t\")",
                  "![i](i.png)", "![a *b*](c.png 'd')", "<", ">", "&", "\"", "'", "&amp;", "&#91;", "\\", "\\[",
                  "- ", "1. ", "3) ", "> ", "    ", "```", "```js\n", "~~~", "---", "***", "| a | b |\n", "|---|:-:|\n",
                  "| c | d |\n", "<div>", "</div>", "<h2>", "<b>", "<!-- c -->", "<title>", "<script>", "www.x.org",
                  "https://y.org/p?q=1&r='2'", "a@b.org", "[^1]", "[^1]: note\n", "- [ ] ", "- [x] ", "[[w]]",
                  "é", "😀", "\u{0}", "javascript:x", "[j](javascript:x)", "<https://z.org>", "  \n", "\\\n"]
    var seed: UInt64 = 0x0DDB_1A5E_5BAD_5EED
    func next(_ n: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(seed >> 33) % n
    }
    for _ in 0..<1500 {
        var markdown = ""
        for _ in 0..<next(40) { markdown += pieces[next(pieces.count)] }
        expectSameOutput(markdown, title: next(3) == 0 ? "Title" : nil)
    }
}
