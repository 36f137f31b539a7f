#if canImport(DocGenKit)
@testable import DocGenKit
#else
@testable import FrontMatter
#endif
import DocGenCore
import Testing

/// Parses `text` as a page at `content/a.md`; returns the document and the formatted diagnostics.
private func parsePage(_ text: String, file: String = "content/a.md") -> (FrontMatterDocument, String) {
    var diagnostics = Diagnostics()
    let document = FrontMatterParser.parse(text, file: file, into: &diagnostics)
    return (document, DiagnosticFormatter.text(diagnostics.sorted))
}

/// Parses front matter lines (fences added) and renders the map with `outline`.
private func outlineOf(_ lines: String) -> (outline: String, diagnostics: String) {
    let (document, diagnostics) = parsePage("---\n" + lines + "---\nBody\n")
    return (outline(document.map), diagnostics)
}

/// One line per value: `key@line:col = kind`, nested values indented, so a whole parse can be
/// compared at once.
private func outline(_ map: FrontMatterMap, depth: Int = 0) -> String {
    var out = ""
    for entry in map.entries {
        out += String(repeating: "  ", count: depth)
            + "\(entry.key)@\(entry.keyLocation.line):\(entry.keyLocation.column) = "
            + outline(entry.value, depth: depth)
    }
    return out
}

private func outline(_ node: FrontMatterNode, depth: Int) -> String {
    let at = "@\(node.location.line):\(node.location.column)"
    switch node.kind {
    case .null: return "null\(at)\n"
    case .string(let s): return "string\(at) \(JSONText.quote(s))\n"
    case .integer(let n): return "integer\(at) \(n)\n"
    case .boolean(let b): return "boolean\(at) \(b)\n"
    case .date(let d): return "date\(at) \(d)\n"
    case .map(let map): return "map\(at)\n" + outline(map, depth: depth + 1)
    case .list(let items):
        return "list\(at)\n" + items.map {
            String(repeating: "  ", count: depth + 1) + "- " + outline($0, depth: depth + 1)
        }.joined()
    }
}

// MARK: Scalars

@Test func scalarsGetTheirKindFromTheirText() {
    let (result, diagnostics) = outlineOf("""
        title: Install the toolchain
        single: 'It''s here'
        double: "Tab\\there \\"quoted\\" \\\\ \\u00e9\\n"
        weight: 10
        negative: -3
        plus: +4
        draft: false
        shown: true
        capital: True
        yes: yes
        reviewed: 2024-02-29
        version: 1.5
        none: ~
        nothing: null
        huge: 123456789012345678901234567890

        """)
    #expect(diagnostics == "")
    #expect(result == """
        title@2:1 = string@2:8 "Install the toolchain"
        single@3:1 = string@3:9 "It's here"
        double@4:1 = string@4:9 "Tab\\there \\"quoted\\" \\\\ é\\n"
        weight@5:1 = integer@5:9 10
        negative@6:1 = integer@6:11 -3
        plus@7:1 = integer@7:7 4
        draft@8:1 = boolean@8:8 false
        shown@9:1 = boolean@9:8 true
        capital@10:1 = string@10:10 "True"
        yes@11:1 = string@11:6 "yes"
        reviewed@12:1 = date@12:11 2024-02-29
        version@13:1 = string@13:10 "1.5"
        none@14:1 = null@14:7
        nothing@15:1 = null@15:10
        huge@16:1 = string@16:7 "123456789012345678901234567890"

        """)
}

@Test func quotedAndPlainTitlesMayContainColons() {
    let (result, diagnostics) = outlineOf("""
        title: "Setup: Linux & macOS"
        other: 'Note: read this'
        plain: Setup: Linux
        url: https://example.org/a#b

        """)
    #expect(diagnostics == "")
    #expect(result == """
        title@2:1 = string@2:8 "Setup: Linux & macOS"
        other@3:1 = string@3:8 "Note: read this"
        plain@4:1 = string@4:8 "Setup: Linux"
        url@5:1 = string@5:6 "https://example.org/a#b"

        """)
}

@Test func emptyValuesAreNullAtTheColon() {
    let (result, diagnostics) = outlineOf("description:\nslug:   # none yet\ntitle: x\n")
    #expect(diagnostics == "")
    #expect(result == """
        description@2:1 = null@2:13
        slug@3:1 = null@3:6
        title@4:1 = string@4:8 "x"

        """)
}

@Test func plainValuesContinueOnDeeperLines() {
    let (result, diagnostics) = outlineOf("description: A long\n  description that wraps\n    twice\ntitle:\n  On its own line\n")
    #expect(diagnostics == "")
    #expect(result == """
        description@2:1 = string@2:14 "A long description that wraps twice"
        title@5:1 = string@6:3 "On its own line"

        """)
}

// MARK: Lists and maps

@Test func flowListItemsKeepSpacesDotsSlashesAndQuotedPunctuation() {
    let (result, diagnostics) = outlineOf("""
        languages: [C++, Node.js, docs/guides/setup, "a, b", 'x [y]', two words, C#, 3, 2026-01-02]
        empty: []
        trailing: [a, b, ]

        """)
    #expect(diagnostics == "")
    #expect(result == """
        languages@2:1 = list@2:12
          - string@2:13 "C++"
          - string@2:18 "Node.js"
          - string@2:27 "docs/guides/setup"
          - string@2:46 "a, b"
          - string@2:54 "x [y]"
          - string@2:63 "two words"
          - string@2:74 "C#"
          - integer@2:78 3
          - date@2:81 2026-01-02
        empty@3:1 = list@3:8
        trailing@4:1 = list@4:11
          - string@4:12 "a"
          - string@4:15 "b"

        """)
}

@Test func flowListsMayContinueOnDeeperLines() {
    let (result, diagnostics) = outlineOf("tags: [one,   # first\n  two,\n  three] # done\nnext: 1\n")
    #expect(diagnostics == "")
    #expect(result == """
        tags@2:1 = list@2:7
          - string@2:8 "one"
          - string@3:3 "two"
          - string@4:3 "three"
        next@5:1 = integer@5:7 1

        """)
}

@Test func blockListsMayBeIndentedOrLevelWithTheirKey() {
    let (result, diagnostics) = outlineOf("""
        roles:
          - translator
          - "developer"   # quoted
          -
        tasks:
        - report-a-bug
        - 42
        title: After

        """)
    #expect(diagnostics == "")
    #expect(result == """
        roles@2:1 = list@3:3
          - string@3:5 "translator"
          - string@4:5 "developer"
          - null@5:3
        tasks@6:1 = list@7:1
          - string@7:3 "report-a-bug"
          - integer@8:3 42
        title@9:1 = string@9:8 "After"

        """)
}

@Test func nestedMapsFollowIndentation() {
    let (result, diagnostics) = outlineOf("""
        translations:
          fr:
            title: Installer
            reviewed: 2026-05-01
          de: Installieren
        title: Install

        """)
    #expect(diagnostics == "")
    #expect(result == """
        translations@2:1 = map@3:3
          fr@3:3 = map@4:5
            title@4:5 = string@4:12 "Installer"
            reviewed@5:5 = date@5:15 2026-05-01
          de@6:3 = string@6:7 "Installieren"
        title@7:1 = string@7:8 "Install"

        """)
}

@Test func listItemsMayBeMapsWithDeeperKeys() {
    let (result, diagnostics) = outlineOf("""
        maintainers:
          - name: Ada
            email: ada@example.org
            areas: [docs, ci]
          - name: Grace
          - - nested
            - list

        """)
    #expect(diagnostics == "")
    #expect(result == """
        maintainers@2:1 = list@3:3
          - map@3:5
            name@3:5 = string@3:11 "Ada"
            email@4:5 = string@4:12 "ada@example.org"
            areas@5:5 = list@5:12
              - string@5:13 "docs"
              - string@5:19 "ci"
          - map@6:5
            name@6:5 = string@6:11 "Grace"
          - list@7:5
            - string@7:7 "nested"
            - string@8:7 "list"

        """)
}

// MARK: Block text

@Test func literalBlockTextKeepsLinesAndHonoursChomping() {
    let (result, diagnostics) = outlineOf("""
        clip: |
          line one
            indented

          line three

        strip: |-
          no newline
        keep: |+
          kept

        explicit: |2
            two extra
        after: x

        """)
    #expect(diagnostics == "")
    #expect(result == """
        clip@2:1 = string@2:7 "line one\\n  indented\\n\\nline three\\n"
        strip@8:1 = string@8:8 "no newline"
        keep@10:1 = string@10:7 "kept\\n\\n"
        explicit@13:1 = string@13:11 "  two extra\\n"
        after@15:1 = string@15:8 "x"

        """)
}

@Test func foldedBlockTextJoinsLinesAndKeepsParagraphs() {
    let (result, diagnostics) = outlineOf("""
        description: >
          A folded
          paragraph.

          Second # not a comment
            code stays
          end
        short: >-
          no
          newline
        empty: >
        title: x

        """)
    #expect(diagnostics == "")
    #expect(result == """
        description@2:1 = string@2:14 "A folded paragraph.\\nSecond # not a comment\\n  code stays\\nend\\n"
        short@9:1 = string@9:8 "no newline"
        empty@12:1 = string@12:8 ""
        title@13:1 = string@13:8 "x"

        """)
}

@Test func blockTextMayBeAListItem() {
    let (result, diagnostics) = outlineOf("notes:\n  - |\n    one\n  - >-\n    two\n    lines\n")
    #expect(diagnostics == "")
    #expect(result == """
        notes@2:1 = list@3:3
          - string@3:5 "one\\n"
          - string@5:5 "two lines"

        """)
}

@Test func blockTextHeaderAndIndentationMistakesAreErrors() {
    let (result, diagnostics) = outlineOf("""
        text: | extra
          a
        bad: |
            first
          less
        after: ok

        """)
    #expect(diagnostics == """
        content/a.md:2:9: error: unexpected text after '|'; block text starts on the next line [front-matter-syntax]
        content/a.md:6:3: error: block text line is indented less than its first line (4 spaces) [front-matter-indent]

        """)
    #expect(result == """
        bad@4:1 = string@4:6 "first\\nless\\n"
        after@7:1 = string@7:8 "ok"

        """)
}

// MARK: Comments, line endings, BOM

@Test func commentsNeedWhitespaceBeforeTheHash() {
    let (result, diagnostics) = outlineOf("""
        # a comment on its own line
        language: C#
        channel: '#docs' # quoted hash is text
        reviewed: 2026-05-01 # checked
        weight: 3 # small
          # an indented comment
        tags: [a, b] # after a list

        """)
    #expect(diagnostics == "")
    #expect(result == """
        language@3:1 = string@3:11 "C#"
        channel@4:1 = string@4:10 "#docs"
        reviewed@5:1 = date@5:11 2026-05-01
        weight@6:1 = integer@6:9 3
        tags@8:1 = list@8:7
          - string@8:8 "a"
          - string@8:11 "b"

        """)
}

@Test func crlfLineEndingsAndABOMAreAccepted() {
    let text = "\u{FEFF}---  \r\ntitle: Windows\r\ntags: [a, b]\r\ntext: |\r\n  one\r\n  two\r\n---\r\n# Body\r\n"
    let (document, diagnostics) = parsePage(text)
    #expect(diagnostics == "")
    #expect(document.hasFrontMatter)
    #expect(outline(document.map) == """
        title@2:1 = string@2:8 "Windows"
        tags@3:1 = list@3:7
          - string@3:8 "a"
          - string@3:11 "b"
        text@4:1 = string@4:7 "one\\ntwo\\n"

        """)
    #expect(document.body == "# Body\r\n")
    #expect(document.bodyLineOffset == 7)
}

@Test func bodyStartsAfterTheClosingLine() {
    let (document, diagnostics) = parsePage("---\ntitle: x\n...\n\n# Heading\n")
    #expect(diagnostics == "")
    #expect(document.body == "\n# Heading\n")
    #expect(document.bodyLineOffset == 3)
    let (empty, _) = parsePage("---\n---")
    #expect(empty.hasFrontMatter && empty.map.isEmpty && empty.body == "" && empty.bodyLineOffset == 2)
}

@Test func aFileWithoutFrontMatterIsAllBody() {
    let (document, diagnostics) = parsePage("\u{FEFF}# Title\n\n---\ntitle: not front matter\n---\n")
    #expect(diagnostics == "")
    #expect(!document.hasFrontMatter)
    #expect(document.map.isEmpty)
    #expect(document.body == "# Title\n\n---\ntitle: not front matter\n---\n")
    #expect(document.bodyLineOffset == 0)
    let (indented, _) = parsePage(" ---\ntitle: x\n---\n")
    #expect(!indented.hasFrontMatter)
}

@Test func unterminatedFrontMatterIsAnErrorAtLineOne() {
    let (document, diagnostics) = parsePage("---\ntitle: x\n\n# Body\n", file: "content/guides/setup.md")
    #expect(diagnostics == """
        content/guides/setup.md:1:1: error: front matter starts with '---' but has no closing '---' line [front-matter-unterminated]

        """)
    #expect(!document.hasFrontMatter)
    #expect(document.body == "---\ntitle: x\n\n# Body\n")
}

@Test func columnsCountUnicodeScalars() {
    let (_, diagnostics) = outlineOf("title: \"😀 ü\" *bad\ntags: [😀, &x]\n")
    #expect(diagnostics == """
        content/a.md:2:14: error: unexpected text after the closing quote [front-matter-syntax]
        content/a.md:3:11: error: anchors ('&name') are not supported [front-matter-unsupported]

        """)
}

// MARK: Errors

@Test func unsupportedYAMLIsAnErrorAtItsColumn() {
    let (result, diagnostics) = outlineOf("""
        base: &base
          a: 1
        copy: *base
        kind: !!str 5
        meta: {a: 1}
        tags: [a, [b, c]]
        ? complex
        pairs: [a: 1]
        title: Still parsed

        """)
    #expect(diagnostics == """
        content/a.md:2:7: error: anchors ('&name') are not supported [front-matter-unsupported]
        content/a.md:4:7: error: aliases ('*name') are not supported [front-matter-unsupported]
        content/a.md:5:7: error: tags ('!tag') are not supported [front-matter-unsupported]
        content/a.md:6:7: error: flow maps ('{ ... }') are not supported; write 'key: value' lines indented under the key [front-matter-unsupported]
        content/a.md:7:11: error: nested lists inside '[ ]' are not supported [front-matter-unsupported]
        content/a.md:8:1: error: complex keys ('? ') are not supported [front-matter-unsupported]
        content/a.md:9:9: error: 'key: value' pairs inside '[ ]' are not supported; quote the item [front-matter-unsupported]

        """)
    #expect(result == "title@10:1 = string@10:8 \"Still parsed\"\n")
}

@Test func tabsInIndentationAreErrors() {
    let (result, diagnostics) = outlineOf("translations:\n\tfr: x\n  \tde: y\ntitle: ok\ttab inside is fine\n")
    #expect(diagnostics == """
        content/a.md:3:1: error: tab used for indentation; indent with spaces [front-matter-tab]
        content/a.md:4:3: error: tab used for indentation; indent with spaces [front-matter-tab]

        """)
    #expect(result == """
        title@5:1 = string@5:8 "ok\\ttab inside is fine"

        """)
}

@Test func badIndentationIsReportedOncePerBlock() {
    let (result, diagnostics) = outlineOf("""
        title: x
          weight: 3
          draft: true
        roles:
          - a
           - b
        nested:
            deep: 1
          shallow: 2
        after: ok

        """)
    #expect(diagnostics == """
        content/a.md:3:3: error: unexpected indentation: expected 0 spaces, found 2 [front-matter-indent]
        content/a.md:7:4: error: unexpected indentation: list items here start at column 3 [front-matter-indent]
        content/a.md:10:3: error: unexpected indentation: expected 0 spaces, found 2 [front-matter-indent]

        """)
    #expect(result == """
        title@2:1 = string@2:8 "x"
        roles@5:1 = list@6:3
          - string@6:5 "a"
        nested@8:1 = map@9:5
          deep@9:5 = integer@9:11 1
        after@11:1 = string@11:8 "ok"

        """)
}

@Test func linesThatAreNotKeyValueAreSyntaxErrors() {
    let (result, diagnostics) = outlineOf("""
        just some words
        - a list item
        my key: value
        "quoted": key
        title:no-space
        tags: - a
        title: "unterminated
        date: "bad \\q escape"
        close: [a, b
        after: ok

        """)
    #expect(diagnostics == """
        content/a.md:2:1: error: expected 'key: value' [front-matter-syntax]
        content/a.md:3:1: error: expected 'key: value', found a list item [front-matter-syntax]
        content/a.md:4:1: error: invalid key; keys may contain only letters, digits, '-' and '_' [front-matter-syntax]
        content/a.md:5:1: error: invalid key; keys may contain only letters, digits, '-' and '_' [front-matter-syntax]
        content/a.md:6:7: error: expected a space after ':' [front-matter-syntax]
        content/a.md:7:7: error: a list cannot start on its key's line; put each '- item' on its own line below [front-matter-syntax]
        content/a.md:8:8: error: unterminated quoted text; close the quote on the same line [front-matter-syntax]
        content/a.md:9:12: error: unknown escape in double-quoted text; use \\" \\\\ \\n \\t or \\uXXXX [front-matter-syntax]
        content/a.md:10:8: error: unterminated list: '[' has no matching ']' [front-matter-syntax]

        """)
    #expect(result == "after@11:1 = string@11:8 \"ok\"\n")
}

@Test func invalidCalendarDatesAreErrors() {
    let (result, diagnostics) = outlineOf("reviewed: 2026-02-30\nother: 2026-13-01 # month\nleap: 2023-02-29\nok: 2000-02-29\n")
    #expect(diagnostics == """
        content/a.md:2:11: error: invalid date '2026-02-30': February 2026 has 28 days [front-matter-date]
        content/a.md:3:8: error: invalid date '2026-13-01': month must be 01 to 12 [front-matter-date]
        content/a.md:4:7: error: invalid date '2023-02-29': February 2023 has 28 days [front-matter-date]

        """)
    #expect(result == "ok@5:1 = date@5:5 2000-02-29\n")
}

@Test func duplicateKeysAreErrorsNamingTheFirstLine() {
    let (result, diagnostics) = outlineOf("title: First\nweight: 1\ntitle: Second\n")
    #expect(diagnostics == """
        content/a.md:4:1: error: duplicate key 'title'; first given on line 2 [front-matter-duplicate-key]
        content/a.md:2:1: note: 'title' first given here

        """)
    #expect(result == "title@2:1 = string@2:8 \"First\"\nweight@3:1 = integer@3:9 1\n")
}

// MARK: docgen.yml

@Test func configFilesNeedNoFencesAndRejectASecondDocument() {
    var diagnostics = Diagnostics()
    let map = FrontMatterParser.parseConfig("\u{FEFF}# site\n---\ntitle: Hub\nbase_url: /docs/\n---\ntitle: Other\n",
                                            file: "docgen.yml", into: &diagnostics)
    #expect(outline(map) == "title@3:1 = string@3:8 \"Hub\"\nbase_url@4:1 = string@4:11 \"/docs/\"\n")
    #expect(DiagnosticFormatter.text(diagnostics.sorted) == """
        docgen.yml:5:1: error: several YAML documents in one file are not supported [front-matter-unsupported]

        """)

    var afterEnd = Diagnostics()
    let ended = FrontMatterParser.parseConfig("title: Hub\n...\n\ntheme: x\n", file: "docgen.yml", into: &afterEnd)
    #expect(outline(ended) == "title@1:1 = string@1:8 \"Hub\"\n")
    #expect(afterEnd.all.map(\.id) == ["front-matter-unsupported"])
}

// MARK: Robustness

@Test func arbitraryTextNeverCrashesTheParser() {
    let alphabet: [String] = ["-", " ", ":", "\n", "[", "]", ",", "\"", "'", "#", "a", "|", ">", "\t",
                              "&", "\\", "{", "1", "- ", "k: ", "\r\n", "---\n", "+", "😀", "2026-02-30"]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(seed >> 33)
    }
    for _ in 0..<3000 {
        var text = "---\n"
        for _ in 0..<(next() % 40) { text += alphabet[next() % alphabet.count] }
        if next() % 2 == 0 { text += "\n---\n" }
        var diagnostics = Diagnostics()
        _ = FrontMatterParser.parse(text, file: "f.md", into: &diagnostics)
        _ = FrontMatterParser.parseConfig(text, file: "f.yml", into: &diagnostics)
        for diagnostic in diagnostics.all {
            #expect(diagnostic.location.map { $0.line >= 1 && $0.column >= 1 } ?? false)
        }
    }
}
