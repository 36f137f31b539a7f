// `HTMLScanner.scan` reads pages with our own tokenizer (`HTMLTokenizer`, WHATWG tokenization);
// `HTMLScanner.scanWithLibxml2` is what it replaced, libxml2's HTML 4 parser, kept as an oracle.
// On the HTML docgen writes the two agree exactly, line numbers included (the fixtures' outputs
// below, and every page of the 10k benchmark corpus when this was written). On malformed HTML
// libxml2 does not follow the HTML standard; those cases are in `standardWhereLibxml2Differs`, each
// with what libxml2 says, and the tokenizer is held to the standard.

import DocGenCore
import DocGenHTML
import Foundation
import Testing

@Suite struct HTMLScannerTests {
    /// A scan written out: one line per reference (`line attribute=url`), then the sorted ids.
    static func describe(_ links: HTMLLinks) -> String {
        var lines = links.references.map { "\($0.line) \($0.attribute)=\($0.url)" }
        if !links.ids.isEmpty { lines.append("ids: " + links.ids.sorted().joined(separator: " ")) }
        return lines.joined(separator: "\n")
    }

    static func scan(_ html: String) -> String { describe(HTMLScanner.scan(Array(html.utf8), name: "test.html")) }
    static func scanWithLibxml2(_ html: String) -> String { describe(HTMLScanner.scanWithLibxml2(Array(html.utf8), name: "test.html")) }

    // MARK: Both scanners

    @Test func everyFixtureOutputPageScansAsWithLibxml2() throws {
        var pages = 0
        let root = TestPaths.fixtures
        for fixture in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let expected = root.appendingPathComponent(fixture).appendingPathComponent("expected")
            guard FileManager.default.fileExists(atPath: expected.path) else { continue }
            for (path, bytes) in try fileTree(at: expected).sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
                pages += 1
                let tokenizer = Self.describe(HTMLScanner.scan(bytes, name: path))
                let libxml2 = Self.describe(HTMLScanner.scanWithLibxml2(bytes, name: path))
                #expect(tokenizer == libxml2, "\(fixture)/expected/\(path):\n\(lineDiff(expected: Array(libxml2.utf8), actual: Array(tokenizer.utf8)))")
            }
        }
        #expect(pages >= 50, "fixture pages found: \(pages)")
    }

    /// Inputs on which the tokenizer and libxml2 agree, and what both give.
    static let agreed: [(html: String, links: String)] = [
        // A tag over several lines is on the line of its `>` (of `/>` when self-closing).
        ("<p>\n<a\nhref=\"x\"\n>y</a>", "4 href=x"),
        ("<a href=\"x\"\nid=y\n\n/>", "4 href=x\nids: y"),
        ("<p>\r\n<a href=x>\r<a href=y>", "2 href=x\n2 href=y"), // a lone \r does not end a line
        ("<p>\n<a href=\"a\nb\" id=q>", "3 href=a\nb\nids: q"),
        // Names are case-insensitive; values keep their case.
        ("<A HREF=\"X.html\" ID=Top><IMG SRC=Pic.PNG>", "1 href=X.html\n1 src=Pic.PNG\nids: Top"),
        // Quoting: double, single, none; an attribute without a value is empty.
        ("<a href=\"d q\"><a href='s \"q\"'><a href=u/v.html><a href><img src=x/>",
         "1 href=d q\n1 href=s \"q\"\n1 href=u/v.html\n1 href=\n1 src=x/"),
        ("<a href = \"x\" ><a title=\">\" href=y>", "1 href=x\n1 href=y"),
        // Duplicate attributes: the first wins.
        ("<a href=1 href=2 ID=a id=b>", "1 href=1\nids: a"),
        // Every kind of reference, and the ids (`<a name>` is one, `name` elsewhere is not).
        ("<link rel=stylesheet href=s.css><link rel=canonical href=c><link rel=alternate href=f><area rel=canonical href=r>"
            + "<a rel=canonical href=a><area href=m><script src=j.js></script><source src=v><iframe src=f.html></iframe>"
            + "<form action=/search><img src=i.png><div id=d name=n><a name=anchor>",
         "1 href=s.css\n1 href=a\n1 href=m\n1 src=j.js\n1 src=v\n1 src=f.html\n1 action=/search\n1 src=i.png\nids: anchor d"),
        ("<link rel=canonical id=c href=x>", "ids: c"),
        // Character references.
        ("<a href=\"?a=1&amp;b=&lt;&gt;&quot;&apos;&#65;&#x42;&#X43;&eacute;&hellip;&nbsp;\">", "1 href=?a=1&b=<>\"'ABCé…\u{A0}"),
        ("<a href=\"x&#10;y\">", "1 href=x\ny"),
        ("<a href=\"&unknown; & &;\">", "1 href=&unknown; & &;"),
        // Comments, DOCTYPE, processing instructions (bogus comments) hide what they hold.
        ("<!DOCTYPE html><!-- <a href=no> --><a href=yes>", "1 href=yes"),
        ("<!doctype html><!-- a -- b <!-- --><a href=yes>", "1 href=yes"),
        ("<?xml version=\"1.0\"?><?php echo '<a href=no' ?><a href=yes>", "1 href=yes"),
        ("<!----!><a href=x>", "1 href=x"),
        // Raw text of script and style, to the end tag whatever its case; `</scriptx>` is no end tag.
        ("<script>if (a<b) document.write(\"<a href=no>\")</SCRIPT><a href=yes>", "1 href=yes"),
        ("<script>x = \"</scriptx><a href=no>\"</script ><a href=yes>", "1 href=yes"),
        ("<style>a<b { } <a href=no></style><a href=yes>", "1 href=yes"),
        ("<script><!--</script><a href=yes>", "1 href=yes"), // `<!--` alone does not hide `</script>`
        // A `<` that starts no tag is text; end tags' attributes are not links.
        ("<p>a < b, <3, <= 4 <a href=x></a href=no>", "1 href=x"),
        ("</ a href=no><a href=yes>", "1 href=yes"),
        // Unknown elements have ids too; an id seen twice is one id.
        ("<my-widget id=w></my-widget><p id=w>", "ids: w"),
    ]

    @Test func agreedCasesScanAlikeInBoth() {
        for (html, links) in Self.agreed {
            #expect(Self.scan(html) == links, "tokenizer on \(html.debugDescription)")
            #expect(Self.scanWithLibxml2(html) == links, "libxml2 on \(html.debugDescription)")
        }
    }

    // MARK: Where libxml2 (an HTML 4 parser) differs from the HTML standard

    /// Malformed or HTML5-only input: the standard's result, with libxml2's 2.9 result in the comment.
    static let standardWhereLibxml2Differs: [(html: String, links: String)] = [
        // A tag cut off by the end of input is dropped (eof-in-tag); libxml2 reports `x` both times.
        ("<a href=x", ""),
        ("<p>\n<a href=\"x", ""),
        // title and textarea hold RCDATA, not tags; libxml2 also reports `t` and `u`.
        ("<title><a href=t></title><textarea><a href=u></TEXTAREA><a href=yes>", "1 href=yes"),
        // xmp, iframe, noembed, noframes hold raw text, plaintext the rest of the input; libxml2 reads tags in all.
        ("<xmp><a href=x></xmp><iframe src=f><a href=i></iframe><noembed><a href=e></noembed><noframes><a href=n></noframes>",
         "1 src=f"),
        ("<plaintext><a href=p>", ""),
        // `<!-->` and `<!--->` are whole (empty) comments; libxml2 reads on to the next `-->` and misses `c1`.
        ("<!--><a href=c1>--><a href=c2>", "1 href=c1\n1 href=c2"),
        ("<!---><a href=c1>--><a href=c2>", "1 href=c1\n1 href=c2"),
        // Outside SVG and MathML, `<![CDATA[` opens a bogus comment that ends at the first `>`;
        // inside, a CDATA section to `]]>`. libxml2 knows neither and reports `cd` each time.
        ("<![CDATA[<a href=cd>]]><a href=after>", "1 href=after"),
        ("<svg><![CDATA[ x > <a href=cd> ]]></svg><a href=after>", "1 href=after"),
        // `<!` not followed by `--` or DOCTYPE is a bogus comment; libxml2 reads it as text and reports `b`.
        ("<!foo <a href=b>><a href=after>", "1 href=after"),
        // A `/` not before `>` separates attributes, and form feed is whitespace; libxml2 drops `href` in both.
        ("<a/href=x><a\u{0C}href=y>", "1 href=x\n1 href=y"),
        // A tag name runs to whitespace, `/` or `>`: `<a$>` is no `a`; libxml2 stops the name at `$`.
        ("<a$ href=y>", ""),
        // Legacy references without `;` (Latin-1 names, amp, lt, gt, quot) decode unless a letter,
        // digit or `=` follows; libxml2 keeps all three as written.
        ("<a href=\"&amp x&ampx&copy=\">", "1 href=& x&ampx&copy="),
        // Numeric references: NUL, surrogates, too large → U+FFFD; C1 controls as Windows-1252; `;`
        // optional. libxml2 gives up on the value and reports it empty.
        ("<a href=\"&#0;|&#x110000;|&#128;|&#xD800;|&#65|&#x;|&#;|&#x41x|&#99999999999;\">",
         "1 href=\u{FFFD}|\u{FFFD}|€|\u{FFFD}|A|&#x;|&#;|Ax|\u{FFFD}"),
        // `&lang;`/`&rang;` are U+27E8/U+27E9 in HTML5; U+2329/U+232A in libxml2's HTML 4 table.
        ("<a href=\"&lang;&rang;\">", "1 href=\u{27E8}\u{27E9}"),
        // Values keep \r\n and \r as \n; libxml2 keeps the \r.
        ("<a href=\"a\r\nb\rc\">", "2 href=a\nb\nc"),
        // Input is UTF-8. Without a `<meta charset>` libxml2 reads Latin-1 and reports `Ã©`.
        ("<a href=\"é\" id=\"ñ\">", "1 href=é\nids: ñ"),
        // Every start tag counts, a second `<body>` too; libxml2 drops it with its attributes.
        ("<body id=b1><body id=b2>", "ids: b1 b2"),
        // Script data: `<!--` then `<script` makes `</script>` end only that inner part; libxml2 ends at the first.
        ("<script><!--<script></script><a href=no></script><a href=yes>", "1 href=yes"),
        // Inside SVG, style is an ordinary element; `<b>` takes the parser back to HTML. libxml2
        // reads the style as raw text.
        ("<svg><style>a<b id=s></style></svg>", "ids: s"),
    ]

    @Test func tokenizerFollowsTheStandardWhereLibxml2DoesNot() {
        for (html, links) in Self.standardWhereLibxml2Differs {
            #expect(Self.scan(html) == links, "tokenizer on \(html.debugDescription)")
        }
    }

    // MARK: Any input

    @Test func randomInputNeitherCrashesNorNumbersLinesBackwards() {
        var random = SplitMix(state: 2024)
        let pieces = ["<a href=", "<A HREF='", "<img src=\"", "<script>", "</script>", "<!--", "-->", "--!>", "<!DOCTYPE",
                      "<![CDATA[", "]]>", "<?", "<title>", "</title", "<style>", "<svg>", "</svg>", "<math>", "<p>", "<plaintext>",
                      "&amp;", "&#x41;", "&#", "&eacute", " id=", " name=", "<link rel=canonical href=", "</", "<", ">", "\"",
                      "'", "\n", "\r", "=", "/>", "<!", "\u{0C}", "\0", "é"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            var html: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<120, using: &random) {
                if Bool.random(using: &random) { html.append(UInt8.random(in: 0...255, using: &random)) }
                else { html += pieces.randomElement(using: &random)! }
            }
            let links = HTMLScanner.scan(html, name: "random.html")
            let lastLine = 1 + html.count { $0 == 10 }
            let lines = links.references.map(\.line)
            #expect(lines == lines.sorted() && lines.allSatisfy { (1...lastLine).contains($0) },
                    "lines \(lines) of \(String(decoding: html, as: UTF8.self).debugDescription)")
        }
    }
}
