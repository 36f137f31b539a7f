@testable import DocGenKit
import DocGenCore
import Testing

/// `SimpleFrontMatterReader` either gives exactly what the reader gives (map, body, line offset,
/// and nothing to report) or leaves the text to it.
private func checkAgreement(_ text: String) -> Bool {
    var diagnostics = Diagnostics()
    let full = FrontMatterParser.parseLines(text, file: "content/a.md", into: &diagnostics)
    guard let simple = SimpleFrontMatterReader.read(text, file: "content/a.md") else { return false }
    #expect(diagnostics.all.isEmpty, "read simply, but the reader reports: \(text.debugDescription)")
    #expect(simple.map == full.map, "maps differ: \(text.debugDescription)")
    #expect(simple.hasFrontMatter == full.hasFrontMatter)
    #expect(simple.body == full.body && simple.body.startIndex == full.body.startIndex, "bodies differ: \(text.debugDescription)")
    #expect(simple.bodyLineOffset == full.bodyLineOffset)
    return true
}

@Test func simpleFrontMatterReadsTheCommonShape() {
    let text = """
        ---
        title: "Package a gadget"
        description: How to package: a gadget # why
        roles:
          - newcomer
          - 'glam-partner'
        tasks:
        - join-a-working-group
        tags: [rest, "i18n", 3, 2026-01-02]   # two
        weight: 67
        draft: false
        reviewed: 2026-02-28
        summary: one
          two
        empty:
        lang: en
        ---
        Body

        """
    #expect(checkAgreement(text))
    #expect(checkAgreement("\u{FEFF}---\r\ntitle: Café — naïve 😀 [x]\r\ntags: [é, 😀, x]\r\n...\r\nBody"))
    #expect(checkAgreement("---\n---\n"))
    #expect(checkAgreement("---  \n# only a comment\n\n--- \t"))
}

@Test func simpleFrontMatterLeavesTheRestToTheReader() {
    for text in ["No front matter\n", "---\ntitle: x\n", "---\nbad line\n---\n", "---\nt: |\n  x\n---\n",
                 "---\nt: \"a\\tb\"\n---\n", "---\nt: 'it''s'\n---\n", "---\nm:\n  k: v\n---\n",
                 "---\nt: x\nt: y\n---\n", "---\n\tt: x\n---\n", "---\nd: 2026-02-30\n---\n",
                 "---\nl:\n  -\n---\n", "---\nl:\n- - a\n---\n", "---\nt: &a x\n---\n"] {
        #expect(!checkAgreement(text), "read simply: \(text.debugDescription)")
    }
}

/// Random front matter from pieces of the grammar, well and badly formed: whatever the simple
/// reader accepts, it reads as the reader does.
@Test func simpleFrontMatterAgreesWithTheReaderOnRandomText() {
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ n: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(seed >> 33) % n
    }
    let keys = ["title", "tags", "roles", "weight", "x-y_1", "title", "Bad key", "k", "é", "-"]
    let scalars = ["plain", "two words", "a: b", "a:b", "C#", "x # note", "42", "-7", "+3", "--1", "1.5",
                   "true", "false", "null", "~", "", "2026-01-02", "2026-02-30", "20260102", "\"q\"",
                   "\"a: b\"", "'s'", "'it''s'", "\"e\\n\"", "\"open", "'open", "é", "😀 x", "[a, b]",
                   "[a,b,]", "[]", "[a,,b]", "[a b]", "[\"x\", 'y']", "[k: v]", "[a, [b]]", "[a] x", "[a, ",
                   "&anchor", "*alias", "!tag", "{a: b}", "? x", "?x", "|", ">-", "- item", "-x", "\"x\" y",
                   "999999999999999999999", "x\t", "a #b", "a#b", "a#b: c", "x #: y", "[a #c\n  , b]"]
    let indents = ["", "", "", " ", "  ", "  ", "    ", "\t", " \t"]
    var simple = 0
    for _ in 0..<6000 {
        var text = next(10) == 0 ? "\u{FEFF}" : ""
        text += next(12) == 0 ? "--- \n" : "---\n"
        let newline = next(8) == 0 ? "\r\n" : "\n"
        for _ in 0..<next(7) {
            switch next(10) {
            case 0:
                text += indents[next(indents.count)] + (next(2) == 0 ? "" : "# comment") + newline
            case 1, 2:
                text += keys[next(keys.count)] + ":" + (next(4) == 0 ? "  # c" : "") + newline
                let indent = indents[next(indents.count)]
                for _ in 0..<next(4) {
                    text += indent + (next(6) == 0 ? "-" : "- ") + scalars[next(scalars.count)] + newline
                }
            case 3:
                text += keys[next(keys.count)] + ":" + newline + indents[next(indents.count)]
                    + scalars[next(scalars.count)] + newline
            default:
                text += keys[next(keys.count)] + (next(10) == 0 ? ":" : ": ") + scalars[next(scalars.count)] + newline
                if next(8) == 0 { text += indents[next(indents.count)] + scalars[next(scalars.count)] + newline }
            }
        }
        switch next(10) {
        case 0: break
        case 1: text += "..." + newline + "Body"
        default: text += "---" + newline + "Body" + newline
        }
        if checkAgreement(text) { simple += 1 }
    }
    // Both sides are exercised.
    #expect(simple > 600 && simple < 5400, "\(simple) of 6000 read simply")
}
