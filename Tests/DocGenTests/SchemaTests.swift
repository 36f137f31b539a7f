#if canImport(DocGenKit)
@testable import DocGenKit
#else
@testable import FrontMatter
#endif
import DocGenCore
import Testing

/// Decodes the front matter `lines` (fences added) of `content/p.md` and formats the diagnostics.
private func decodePage(_ lines: String, defaultType: PageType = .page) -> (PageMetadata, String) {
    var diagnostics = Diagnostics()
    let document = FrontMatterParser.parse("---\n" + lines + "---\n", file: "content/p.md", into: &diagnostics)
    let page = PageMetadata.decode(document.map, file: "content/p.md", defaultType: defaultType,
                                   into: &diagnostics)
    return (page, DiagnosticFormatter.text(diagnostics.sorted))
}

private func decodeConfig(_ text: String) -> (SiteConfig, String) {
    var diagnostics = Diagnostics()
    let map = FrontMatterParser.parseConfig(text, file: "docgen.yml", into: &diagnostics)
    let config = SiteConfig.decode(map, file: "docgen.yml", into: &diagnostics)
    return (config, DiagnosticFormatter.text(diagnostics.sorted))
}

private func ids(_ references: [Reference]) -> [String] { references.map(\.id) }

// MARK: Pages

@Test func everyPageFieldIsDecoded() {
    let (page, diagnostics) = decodePage("""
        title: "Install: the toolchain"
        description: How to install.
        slug: install
        weight: 20
        draft: true
        roles: [translator, developer]
        tasks:
          - report-a-bug
        tags: [setup, 2026]
        aliases: [/old/install/]
        owner: docs-team
        reviewed: 2026-05-01 # checked
        lang: fr
        tools: quarry
        translation_of: guides/install
        source_hash: abc123

        """)
    #expect(diagnostics == "")
    #expect(page.title == "Install: the toolchain")
    #expect(page.titleLocation == SourceLocation(file: "content/p.md", line: 2, column: 8))
    #expect(page.description == "How to install.")
    #expect(page.slug == "install")
    #expect(page.weight == 20)
    #expect(page.draft)
    #expect(page.type == .page && page.typeLocation == nil)
    #expect(ids(page.roles) == ["translator", "developer"])
    #expect(page.roles[1].location == SourceLocation(file: "content/p.md", line: 7, column: 21))
    #expect(ids(page.tasks) == ["report-a-bug"])
    #expect(page.tags == ["setup", "2026"])
    #expect(ids(page.aliases) == ["/old/install/"])
    #expect(page.owner == "docs-team")
    #expect(page.reviewed == "2026-05-01")
    #expect(page.lang == "fr")
    #expect(ids(page.tools) == ["quarry"])
    #expect(page.translationOf == "guides/install")
    #expect(page.sourceHash == "abc123")
}

@Test func missingOptionalFieldsKeepTheirDefaults() {
    let (page, diagnostics) = decodePage("", defaultType: .role)
    #expect(diagnostics == "")
    #expect(page.title == nil && page.weight == nil && !page.draft && page.type == .role)
    #expect(page.roles.isEmpty && page.tags.isEmpty && page.start.isEmpty)
}

@Test func typedPagesDecodeTheirOwnKeys() {
    let (task, taskDiagnostics) = decodePage("""
        type: task
        difficulty: medium
        time: 30 minutes
        prerequisites: [install]

        """)
    #expect(taskDiagnostics == "")
    #expect(task.type == .task && task.difficulty == .medium && task.time == "30 minutes")
    #expect(ids(task.prerequisites) == ["install"])

    let (tool, toolDiagnostics) = decodePage("""
        status: experimental
        maintainers: [Ada, Grace]
        repository: https://example.org/quarry
        license: MIT
        languages: [Python, C++]

        """, defaultType: .tool)
    #expect(toolDiagnostics == "")
    #expect(tool.status == .experimental && tool.maintainers == ["Ada", "Grace"])
    #expect(tool.repository == "https://example.org/quarry" && tool.license == "MIT")
    #expect(tool.languages == ["Python", "C++"])

    let (role, _) = decodePage("start: [welcome, setup, first-task]\n", defaultType: .role)
    #expect(ids(role.start) == ["welcome", "setup", "first-task"])

    let (term, termDiagnostics) = decodePage("short: Application programming interface\nsynonyms: API\n",
                                             defaultType: .term)
    #expect(termDiagnostics == "")
    #expect(term.short == "Application programming interface" && term.synonyms == ["API"])
}

@Test func aSingleScalarIsAOneItemList() {
    let (page, diagnostics) = decodePage("roles: translator\ntags: 42\n")
    #expect(diagnostics == "")
    #expect(ids(page.roles) == ["translator"])
    #expect(page.roles[0].location == SourceLocation(file: "content/p.md", line: 2, column: 8))
    #expect(page.tags == ["42"])
}

@Test func eachTypeReportsItsMissingRequiredKey() {
    let (_, task) = decodePage("title: T\n", defaultType: .task)
    #expect(task == """
        content/p.md:1:1: error: task pages need 'difficulty' (one of: easy, medium, hard) [front-matter-missing]

        """)
    let (_, tool) = decodePage("title: T\ntype: tool\n")
    #expect(tool == """
        content/p.md:3:7: error: tool pages need 'status' (one of: active, experimental, unmaintained) [front-matter-missing]

        """)
    let (_, term) = decodePage("title: T\n", defaultType: .term)
    #expect(term == """
        content/p.md:1:1: error: term pages need 'short' (a one-line definition) [front-matter-missing]

        """)
    let (_, page) = decodePage("description: no title is fine\n")
    #expect(page == "")
}

@Test func wrongTypesAreErrorsAtTheValue() {
    let (page, diagnostics) = decodePage("""
        weight: heavy
        draft: yes
        reviewed: last week
        title: [a, b]
        roles:
          nested: map
        tags: [ok, 1]
        aliases:
          - [x]

        """)
    #expect(diagnostics == """
        content/p.md:2:9: error: 'weight' must be an integer, got 'heavy' [front-matter-type]
        content/p.md:3:8: error: 'draft' must be true or false, got 'yes' [front-matter-type]
        content/p.md:4:11: error: 'reviewed' must be a date (YYYY-MM-DD), got 'last week' [front-matter-type]
        content/p.md:5:8: error: 'title' must be text, got a list [front-matter-type]
        content/p.md:7:3: error: 'roles' must be a list, got a map [front-matter-type]
        content/p.md:10:5: error: 'aliases' items must be text, got a list [front-matter-type]

        """)
    #expect(page.weight == nil && !page.draft && page.title == nil && page.tags == ["ok", "1"])
}

@Test func unknownWordsListTheAllowedOnes() {
    let (page, diagnostics) = decodePage("""
        type: tsak
        difficulty: trivial
        status: dead

        """, defaultType: .page)
    #expect(diagnostics == """
        content/p.md:2:7: error: unknown page type 'tsak'; expected one of: page, role, task, tool, term [front-matter-value]
        content/p.md:2:7: note: did you mean 'task'?
        content/p.md:3:1: warning: 'difficulty' applies to task pages [front-matter-key-type]
        content/p.md:3:13: error: unknown difficulty 'trivial'; expected one of: easy, medium, hard [front-matter-value]
        content/p.md:4:1: warning: 'status' applies to tool pages [front-matter-key-type]
        content/p.md:4:9: error: unknown status 'dead'; expected one of: active, experimental, unmaintained [front-matter-value]

        """)
    #expect(page.type == .page)
}

@Test func unknownKeysAreWarningsWithADidYouMean() {
    let (page, diagnostics) = decodePage("titel: Setup\ncolour: blue\n")
    #expect(diagnostics == """
        content/p.md:2:1: warning: unknown key 'titel' [front-matter-unknown-key]
        content/p.md:2:1: note: did you mean 'title'?
        content/p.md:3:1: warning: unknown key 'colour' [front-matter-unknown-key]

        """)
    #expect(page.title == nil)
}

@Test func keysOfAnotherTypeAreWarningsButStillDecoded() {
    let (page, diagnostics) = decodePage("type: tool\nstatus: active\ndifficulty: easy\nstart: [a]\n")
    #expect(diagnostics == """
        content/p.md:4:1: warning: 'difficulty' applies to task pages [front-matter-key-type]
        content/p.md:5:1: warning: 'start' applies to role pages [front-matter-key-type]

        """)
    #expect(page.difficulty == .easy && ids(page.start) == ["a"])
}

// MARK: docgen.yml

@Test func anEmptyConfigUsesTheDefaults() {
    let (config, diagnostics) = decodeConfig("# nothing set\n")
    #expect(diagnostics == "")
    #expect(config.title == "Documentation hub" && config.description == nil)
    #expect(config.baseURL == nil && config.siteURL == nil)
    #expect(config.language == "en" && config.theme == "default" && !config.unsafeHTML)
    #expect(config.orphans == .warn && !config.glossaryAutolink && config.footer == nil)
    #expect(config.repository == nil && config.editBranch == "main")
    #expect(SiteConfig.default.title == config.title)
}

@Test func everyConfigKeyIsDecoded() {
    let (config, diagnostics) = decodeConfig("""
        title: Volunteer hub
        description: Everything in one place
        base_url: docs
        site_url: https://hub.example.org/
        language: fr
        theme: night
        unsafe_html: true
        orphans: ignore
        glossary:
          autolink: true
        footer: Made by volunteers
        repository: https://example.org/hub
        edit_branch: trunk

        """)
    #expect(diagnostics == "")
    #expect(config.title == "Volunteer hub" && config.description == "Everything in one place")
    #expect(config.baseURL == "/docs/" && config.siteURL == "https://hub.example.org")
    #expect(config.language == "fr" && config.theme == "night" && config.unsafeHTML)
    #expect(config.orphans == .ignore && config.glossaryAutolink)
    #expect(config.footer == "Made by volunteers" && config.repository == "https://example.org/hub")
    #expect(config.editBranch == "trunk")
}

@Test func baseURLIsNormalisedToSlashesOnBothEnds() {
    for (written, expected) in [("/docs/", "/docs/"), ("/docs", "/docs/"), ("docs/", "/docs/"),
                                ("/", "/"), ("a/b", "/a/b/"), ("'//x//'", "/x/")] {
        let (config, diagnostics) = decodeConfig("base_url: \(written)\n")
        #expect(diagnostics == "")
        #expect(config.baseURL == expected, "base_url: \(written)")
    }
}

@Test func configMistakesAreReportedAtTheValueOrKey() {
    let (config, diagnostics) = decodeConfig("""
        titel: Hub
        unsafe_html: yes
        orphans: loud
        base_url: https://x.org/docs/
        site_url: hub.example.org
        glossary: true
        language: [en, fr]

        """)
    #expect(diagnostics == """
        docgen.yml:1:1: warning: unknown key 'titel' [front-matter-unknown-key]
        docgen.yml:1:1: note: did you mean 'title'?
        docgen.yml:2:14: error: 'unsafe_html' must be true or false, got 'yes' [front-matter-type]
        docgen.yml:3:10: error: unknown orphans policy 'loud'; expected one of: warn, ignore [front-matter-value]
        docgen.yml:4:11: error: 'base_url' is a path such as '/docs/'; put the scheme and host in 'site_url' [front-matter-value]
        docgen.yml:5:11: error: 'site_url' must start with http:// or https://, got 'hub.example.org' [front-matter-value]
        docgen.yml:6:11: error: 'glossary' must be a map of settings ('autolink: true'), got 'true' [front-matter-type]
        docgen.yml:7:11: error: 'language' must be text, got a list [front-matter-type]

        """)
    #expect(config.title == "Documentation hub" && !config.unsafeHTML && config.orphans == .warn)
    #expect(config.baseURL == nil && config.siteURL == nil && config.language == "en")
}

@Test func unknownGlossarySettingsAreWarnings() {
    let (config, diagnostics) = decodeConfig("glossary:\n  autolnk: true\n")
    #expect(diagnostics == """
        docgen.yml:2:3: warning: unknown key 'autolnk' [front-matter-unknown-key]
        docgen.yml:2:3: note: did you mean 'autolink'?

        """)
    #expect(!config.glossaryAutolink)
}
