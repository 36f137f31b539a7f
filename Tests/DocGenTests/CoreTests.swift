@testable import DocGenKit
import DocGenCore
import Testing

// MARK: Diagnostics, as printed

@Suite struct DiagnosticFormatterTests {
    let unresolved = Diagnostic.error("link-unresolved", "unresolved link 'instal.md'",
                                      at: SourceLocation(file: "content/guides/setup.md", line: 14, column: 9))
        .suggesting("install.md")

    @Test func errorWithSuggestionPrintsLikeACompiler() {
        #expect(DiagnosticFormatter.text(unresolved) == """
            content/guides/setup.md:14:9: error: unresolved link 'instal.md' [link-unresolved]
            content/guides/setup.md:14:9: note: did you mean 'install.md'?

            """)
    }

    @Test func noteAtAnotherPlaceNamesThatPlace() {
        let collision = Diagnostic.error("url-collision", "two pages map to '/a/'",
                                         at: SourceLocation(file: "content/a.md", line: 1, column: 1),
                                         notes: [.init("the other page is here", at: SourceLocation(file: "content/b.md", line: 3, column: 7)),
                                                 .init("rename one of them")])
        #expect(DiagnosticFormatter.text(collision) == """
            content/a.md:1:1: error: two pages map to '/a/' [url-collision]
            content/b.md:3:7: note: the other page is here
            content/a.md:1:1: note: rename one of them

            """)
    }

    @Test func diagnosticWithoutPlaceIsPrefixedWithDocgen() {
        let d = Diagnostic.warning("site-empty", "content/ has no pages", at: nil, notes: [.init("add content/index.md")])
        #expect(DiagnosticFormatter.text(d) == """
            docgen: warning: content/ has no pages [site-empty]
            docgen: note: add content/index.md

            """)
    }

    @Test func listIsTheConcatenationInGivenOrder() {
        let w = Diagnostic.warning("page-orphan", "no page links to 'b'", at: SourceLocation(file: "content/b.md", line: 1, column: 1))
        #expect(DiagnosticFormatter.text([unresolved, w]) == DiagnosticFormatter.text(unresolved) + DiagnosticFormatter.text(w))
        #expect(DiagnosticFormatter.text([Diagnostic]()) == "")
    }

    @Test func jsonIsOneSortedObjectPerLine() {
        let orphan = Diagnostic.warning("page-orphan", "no page links to \"b\" <here>\n", at: nil)
        #expect(DiagnosticFormatter.json([unresolved, orphan]) == #"""
            [
              {"column":9,"file":"content/guides/setup.md","id":"link-unresolved","line":14,"message":"unresolved link 'instal.md'","notes":[{"column":9,"file":"content/guides/setup.md","line":14,"message":"did you mean 'install.md'?"}],"severity":"error"},
              {"id":"page-orphan","message":"no page links to \"b\" \u003chere>\n","notes":[],"severity":"warning"}
            ]

            """#)
    }

    @Test func jsonOfNothingIsAnEmptyArray() {
        #expect(DiagnosticFormatter.json([]) == "[]\n")
    }

    @Test(arguments: [
        (0, 0, "output written", "docgen: 0 errors, 0 warnings; output written"),
        (1, 1, "output not written", "docgen: 1 error, 1 warning; output not written"),
        (2, 12, "3 pages checked in 0.01 s", "docgen: 2 errors, 12 warnings; 3 pages checked in 0.01 s"),
    ])
    func summaryLinePluralizes(_ errors: Int, _ warnings: Int, _ tail: String, _ expected: String) {
        #expect(DiagnosticFormatter.summary(errors: errors, warnings: warnings, tail: tail) == expected)
    }

    @Test func diagnosticsSortByPlaceThenSeverityAndDropRepeats() {
        var diagnostics = Diagnostics()
        let b = Diagnostic.warning("w", "second file", at: SourceLocation(file: "content/b.md", line: 1, column: 1))
        let a2 = Diagnostic.error("e", "line 2", at: SourceLocation(file: "content/a.md", line: 2, column: 1))
        let a10 = Diagnostic.error("e", "line 10", at: SourceLocation(file: "content/a.md", line: 10, column: 1))
        let global = Diagnostic.error("g", "no place", at: nil)
        for d in [b, a10, a2, b, global] { diagnostics.append(d) }
        #expect(diagnostics.sorted == [global, a2, a10, b])
        #expect(diagnostics.errorCount == 3 && diagnostics.warningCount == 2)
    }
}

// MARK: Heading ids

@Suite struct SlugTests {
    @Test(arguments: [
        ("Set up: Linux & macOS", "set-up-linux--macos"),
        ("Hello World", "hello-world"),
        ("API_key v2.0", "api_key-v20"),
        ("C++ & C#", "c--c"),
        ("Über Café", "über-café"),
        ("日本語 ガイド", "日本語-ガイド"),
        ("Установка", "установка"),
        ("Step 1 - install", "step-1---install"),
        ("`code` *emphasis*", "code-emphasis"),
    ])
    func githubSlug(_ heading: String, _ id: String) {
        #expect(Slug.github(heading) == id)
    }

    @Test func sluggerNumbersRepeatsAsGitHubDoes() {
        var slugger = Slugger()
        let ids = ["Intro", "Intro", "Intro 1", "Intro", "!!!", "???"].map { slugger.unique(for: $0) }
        #expect(ids == ["intro", "intro-1", "intro-1-1", "intro-2", "section", "section-1"])
    }

    @Test func sluggerAvoidsReservedIds() {
        var slugger = Slugger()
        slugger.reserve("install")
        #expect(slugger.unique(for: "Install") == "install-1")
        #expect(slugger.unique(for: "Install") == "install-2")
    }

    @Test(arguments: [
        ("Getting started", "getting-started"),
        ("C++", "c"),
        ("  i18n / l10n ", "i18n-l10n"),
        ("Über", "über"),
    ])
    func segmentSlug(_ tag: String, _ segment: String) {
        #expect(Slug.segment(tag) == segment)
    }
}

// MARK: Did you mean

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("instal", ["install", "setup"], "install" as String?),
        ("SETUP", ["setup", "start"], "setup"),
        ("cat", ["hat", "bat"], "bat"),                         // a tie goes to the first name alphabetically
        ("translater", ["translator", "developer"], "translator"),
        ("zzzzzzzz", ["install", "setup"], nil),                 // nothing close: no suggestion
        ("", ["install"], nil),
        ("archive/2019/setup.md", ["guides/setup.md", "tasks/run.md"], "guides/setup.md"),  // same file name, other folder
    ])
    func nearest(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.nearest(to: name, in: candidates) == expected)
    }

    @Test func twoShortNamesInOneFolderAreNotAlike() {
        // `[x](gone.md)` in guides/broken.md: the shared folder must not make 'broken.md' look like
        // a typo of 'gone.md'.
        #expect(Suggestion.nearest(to: "guides/gone.md", in: ["guides/broken.md", "guides/install.md"]) == nil)
    }

    @Test func distanceIsLevenshtein() {
        func d(_ a: String, _ b: String) -> Int { Suggestion.distance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
        #expect(d("日本", "日本語") == 1)
        #expect(d("titel", "title") == 1)  // a swap of neighbours is one edit
    }
}

// MARK: Hrefs

@Suite struct URLSchemeTests {
    @Test(arguments: [
        ("guides/setup/", "guides/usage/", "../setup/"),
        ("guides/setup/", "guides/", "setup/"),
        ("guides/", "guides/", "./"),
        ("guides/", "guides/setup/", "../"),
        ("", "", "./"),
        ("guides/", "", "guides/"),
        ("", "guides/setup/", "../../"),
        ("tools/quarry/", "guides/setup/", "../../tools/quarry/"),
        ("assets/style.css", "", "assets/style.css"),
        ("assets/style.css", "guides/setup/", "../../assets/style.css"),
        ("guides/images/diagram.png", "guides/usage/", "../images/diagram.png"),
        ("guides/images/diagram.png", "guides/", "images/diagram.png"),
    ])
    func relativeHref(_ target: String, _ from: String, _ expected: String) {
        #expect(URLScheme(baseURL: nil).href(to: target, from: from) == expected)
    }

    @Test func baseURLPrefixesEveryHref() {
        let urls = URLScheme(baseURL: "/docs/")
        #expect(urls.href(to: "guides/setup/", from: "tools/quarry/") == "/docs/guides/setup/")
        #expect(urls.href(to: "", from: "guides/") == "/docs/")
        #expect(urls.href(to: "assets/style.css", from: "") == "/docs/assets/style.css")
    }

    @Test(arguments: [("", "./"), ("guides/", "../"), ("guides/setup/", "../../"), ("a/b/c/", "../../../")])
    func rootClimbsOneLevelPerFolder(_ from: String, _ expected: String) {
        #expect(URLScheme(baseURL: nil).root(from: from) == expected)
        #expect(URLScheme(baseURL: "/docs/").root(from: from) == "/docs/")
    }

    @Test(arguments: [
        ("docs", "/docs/" as String?), ("/docs", "/docs/"), ("/docs/", "/docs/"), ("/", "/"),
        (" /docs/ ", "/docs/"), ("", nil), ("https://hub.example.org/docs", "https://hub.example.org/docs/"),
    ])
    func baseURLIsNormalized(_ written: String, _ expected: String?) {
        #expect(URLScheme.normalizeBaseURL(written) == expected)
    }
}

// MARK: Sections of URLs (role pages, sitemap)

@Suite struct URLSectionTests {
    @Test func bytesGiveTheFirstSegmentAsSplittingDoes() {
        let urls = ["", "/", "//", "a", "a/", "guides/setup/", "/guides/x/", "//a//b/", "é/x/", "a/é/", "x\u{301}/y/",
                    "/\u{301}a/", "tags/c++/", "a b/c/"]
        for url in urls {
            #expect(HubContext.section(of: url) == (url.split(separator: "/").first.map(String.init) ?? ""), "\(url)")
        }
    }
}
