import DocGenCore
import DocGenMarkdown
import DocGenHTML
import Foundation

/// Renders every page through the theme and writes the site into the staging folder: pages,
/// redirects, assets, content files, the search index, `sitemap.xml`, `graph.json`.
struct SiteWriter: Sendable {
    let config: SiteConfig
    let graph: DocumentGraph
    let resolved: ResolvedGraph
    let hub: Hub
    let navigation: Navigation
    let theme: Theme
    let urls: URLScheme
    let output: OutputFolder
    let root: String
    /// Whether the build keeps a state for the next one (what each page gave the search index).
    var keepsState = false

    /// The output path of a page URL: `guides/setup/` → `guides/setup/index.html`.
    static func file(for url: String) -> String {
        url.hasSuffix(".html") ? url : url + "index.html"
    }

    /// What a build wrote, for the state the next build starts from.
    struct Written: Sendable {
        var files: Int
        /// By page index; nil for a page that was not rendered.
        var pageOutputs: [PageOutput?]
        var searchFootprints: [String: [UInt8]]
        /// The output link check, left to run once every file is written (`checkLinks`).
        var pendingCheck: PendingCheck
    }

    /// What the output link check still has to do when `write` returns.
    struct PendingCheck: Sendable {
        var check: OutputLinkCheck
        var pages: [OutputLinkCheck.Page]
        var files: Set<String>
        var navigation: [String: HTMLLinks]
    }

    /// Finishes the output link check of a `write`.
    static func checkLinks(_ pending: PendingCheck, into diagnostics: inout Diagnostics, notes: inout [String]) {
        let start = DispatchTime.now().uptimeNanoseconds
        pending.check.finish(pending.pages, files: pending.files, navigation: pending.navigation, into: &diagnostics)
        let scanning = pending.pages.reduce(0) { $0 + $1.scanNanoseconds } / 1_000_000
        let checking = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let cores = UInt64(max(1, ProcessInfo.processInfo.activeProcessorCount))
        notes.append("output link check: HTML scans took \(scanning) ms of CPU inside render (≈ \(scanning / cores) ms of wall time on \(cores) cores), checking \(checking) ms")
    }

    func write(assets: [String], into diagnostics: inout Diagnostics, notes: inout [String], clock: inout StageClock) throws -> Written {
        let pages = graph.pages
        // A page's own folder (`guides/setup/` for `guides/setup/index.html`) is made by the
        // thread that renders it, so these mkdirs run alongside the rendering; the folders
        // that hold them are made first.
        var folders = Set(pages.map { PathText.parent(of: $0.url) })
        folders.formUnion(assets.map { PathText.parent(of: $0) })
        folders.formUnion(graph.aliasURLs.map { String($0.url.dropLast()) })
        folders.insert("assets")
        folders.insert("search")
        // The folders are made while the navigation renders: one waits on the disk, the other
        // keeps the cores busy.
        let folderList = Array(folders)
        let prepared = Background { [output] in try output.prepare(folders: folderList) }

        let navHTML = renderNavigation()
        // Each distinct navigation is scanned once; its ids belong to every page that shows it.
        let navKeys = navHTML.keys.sorted()
        let navScans: [HTMLLinks] = Parallel.map(navKeys.count) { HTMLScanner.scan(navHTML[navKeys[$0]]!.bytes, name: navKeys[$0]) }
        let navLinks = Dictionary(uniqueKeysWithValues: zip(navKeys, navScans))
        try prepared.wait()
        clock.lap("navigation", &notes)

        // The files known before rendering: links to them are checked as each page is scanned.
        var known = Set(pages.map { Self.file(for: $0.url) })
        known.formUnion(graph.aliasURLs.map { $0.url + "index.html" })
        known.formUnion(assets)
        known.formUnion(theme.assets.map { "assets/" + $0.0 })
        known.formUnion(["sitemap.xml", "graph.json"])
        let check = OutputLinkCheck(baseURL: config.baseURL, known: known)

        // The search index, sitemap.xml and graph.json need the graph only, not the rendered
        // pages: they are made alongside the render, so no core waits on a stage's slow tail.
        let side = Background { [self] in try writeSideFiles() }
        // Whatever ends this function, the other thread is done writing into the staging folder first.
        defer { _ = try? side.wait() }

        let contexts = PageContext(site: config, graph: graph, resolved: resolved, navigation: navigation, urls: urls)
        let hubContext = HubContext(hub: hub, graph: graph, page: contexts)
        var rawContent: [String: Bool] = [:]
        for name in theme.templateNames { rawContent[name] = theme.library.usesOnlyRaw("content", in: name) }
        let raw = rawContent
        // Pages are rendered a folder at a time, one thread per folder: two threads adding
        // entries to one folder would wait on its lock in the kernel. A big folder is split in
        // runs of 32 pages, so that one folder of thousands still uses every core.
        var byParent: [String: [Int]] = [:]
        for (i, page) in pages.enumerated() { byParent[PathText.parent(of: page.url), default: []].append(i) }
        let groups = byParent.keys.sorted().flatMap { key in
            let members = byParent[key]!
            return stride(from: 0, to: members.count, by: 32).map { Array(members[$0..<min(members.count, $0 + 32)]) }
        }
        let renderedGroups: [[(String?, OutputLinkCheck.Page?, PageOutput?)]] = Parallel.map(groups.count) { g in
            groups[g].map { i in
                let file = Self.file(for: pages[i].url)
                let page = renderPage(i, file: file, contexts: contexts, hub: hubContext, navHTML: navHTML, navLinks: navLinks,
                                      check: check, rawContent: raw)
                do {
                    if !pages[i].url.hasSuffix(".html"), !pages[i].url.isEmpty {
                        try FileSystem.makeDirectory(output.staging + "/" + String(pages[i].url.dropLast()))
                    }
                    try output.write(page.html, at: file)
                } catch {
                    return ("\(error)", nil, nil)
                }
                return (nil, page.scanned, page.output)
            }
        }
        var slots = [(String?, OutputLinkCheck.Page?, PageOutput?)?](repeating: nil, count: pages.count)
        for (g, group) in groups.enumerated() { for (k, i) in group.enumerated() { slots[i] = renderedGroups[g][k] } }
        let rendered = slots.map { $0! }
        let failures = rendered.map(\.0)
        let pageOutputs = rendered.map(\.2)
        var scanned = rendered.compactMap(\.1)
        var written = Set(scanned.map(\.file))
        if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
        clock.lap("render", &notes)
        var files = pages.count
        let redirects = try writeRedirects(contexts)
        files += redirects.count
        written.formUnion(redirects.map(\.file))
        for asset in assets {
            try output.write(try FileSystem.read(root + "/content/" + asset), at: asset)
            written.insert(asset)
        }
        for (path, bytes) in theme.assets {
            try output.write(bytes, at: "assets/" + path)
            written.insert("assets/" + path)
        }
        files += assets.count + theme.assets.count
        let built = try side.wait()
        written.formUnion(built.files)
        files += built.files.count
        clock.lap("search index, sitemap and graph (what the render did not overlap)", &notes)
        notes.append("search index: built in \(built.indexMilliseconds) ms alongside the render, \(built.files.count - 2) files")
        // Redirect pages are few: they are checked at the end, with every file known.
        let all = OutputLinkCheck(baseURL: config.baseURL, known: written)
        scanned += redirects.map { all.page($0.file, template: "redirect", links: $0.links, ids: $0.links.ids) }
        return Written(files: files, pageOutputs: pageOutputs, searchFootprints: built.footprints,
                       pendingCheck: PendingCheck(check: check, pages: scanned, files: written, navigation: navLinks))
    }

    /// What `writeSideFiles` wrote: the files, and what each page gave the search index.
    struct SideFiles: Sendable {
        var files: [String]
        var footprints: [String: [UInt8]]
        /// Wall time of building the search index, alongside the render (so it shares the cores).
        var indexMilliseconds: Int
    }

    /// Writes the search index, `sitemap.xml` and `graph.json`.
    private func writeSideFiles() throws -> SideFiles {
        let pages = graph.pages
        let start = DispatchTime.now().uptimeNanoseconds
        let docs = Parallel.map(pages.count) { searchDocument($0) }
        let built = SearchIndexBuilder(roleTitles: roleTitles, defaultLanguage: config.language)
            .index(docs.compactMap { $0 }, footprints: keepsState)
        let indexTime = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        try output.prepare(folders: built.files.map { "search/" + PathText.parent(of: $0.path) })
        var files: [String] = []
        for file in built.files {
            try output.write(file.bytes, at: "search/" + file.path)
            files.append("search/" + file.path)
        }
        try output.write(Array(sitemapXML().utf8), at: "sitemap.xml")
        try output.write(GraphExport.jsonBytes(graph: graph, resolved: resolved), at: "graph.json")
        files += ["sitemap.xml", "graph.json"]
        return SideFiles(files: files, footprints: built.footprints, indexMilliseconds: Int(indexTime))
    }

    var roleTitles: [String: String] {
        var out: [String: String] = [:]
        for (id, i) in graph.typedIDs(.role) { out[id] = graph.pages[i].title }
        return out
    }

    // MARK: Pages

    /// Where the navigation goes while a page is rendered and scanned: the page is scanned
    /// without it (each navigation is scanned once per folder instead), then it is spliced in.
    static let navMarker = Array(navMarkerString.utf8)
    static let navMarkerString = "<!--docgen:navigation-->"

    /// Where the body goes while a page is rendered: it is swapped in afterwards, so the build
    /// knows where it sits in the file and a later body-only edit can replace just those bytes.
    static let contentMarker = Array(contentMarkerString.utf8)
    static let contentMarkerString = "\u{2}docgen:content\u{2}"

    /// What rendering a page left behind for the next build (see `PageRecord`).
    struct PageOutput: Sendable {
        var contentRanges: [Range<Int>]?
        var navRange: Range<Int>?
        var scanHash: UInt64
    }

    /// The body HTML of a page, its links resolved.
    static func content(of document: MarkdownDocument, links: [(href: String, title: String)]) -> String {
        LinkPlaceholder.substitute(in: document.html,
                                   url: { links.indices.contains($0) ? links[$0].href : "#" },
                                   title: { links.indices.contains($0) ? links[$0].title : "" })
    }

    /// `content(of:links:)` for a page being rendered, from its resolved links as they are (no
    /// array of pairs made for each page) and its HTML alone (no copy of the whole document).
    static func content(of html: String, links: [ResolvedLink]) -> String {
        LinkPlaceholder.substitute(in: html,
                                   url: { links.indices.contains($0) ? links[$0].href : "#" },
                                   title: { links.indices.contains($0) ? links[$0].title : "" })
    }

    private func renderPage(_ i: Int, file: String, contexts: PageContext, hub: HubContext, navHTML: [String: NavigationFragment],
                            navLinks: [String: HTMLLinks], check: OutputLinkCheck,
                            rawContent: [String: Bool]) -> (html: [UInt8], scanned: OutputLinkCheck.Page, output: PageOutput) {
        let page = graph.pages[i]
        var content = ""
        if let html = page.document?.html {
            content = Self.content(of: html, links: resolved.links[i])
        }
        if page.kind == .section { content = sectionListing(page, contexts: contexts) }
        let template = theme.template(for: page.kind)
        let spliced = rawContent[template] ?? false
        var context = contexts.common(for: i, content: spliced ? Self.contentMarkerString : content)
        for (key, value) in hub.extra(for: i) { context[key] = value }
        let key = navKeyString(page)
        context["nav"] = .string(Self.navMarkerString)
        var shell = theme.renderBytes(context, template: template)
        var contentRanges: [Range<Int>]?
        if spliced {
            (shell, contentRanges) = Self.splice(content, for: Self.contentMarker, in: shell)
        }
        let scanStart = DispatchTime.now().uptimeNanoseconds
        var links = HTMLScanner.scan(shell, name: file)
        let scanNanoseconds = DispatchTime.now().uptimeNanoseconds - scanStart
        let scanHash = Self.scanHash(links)
        guard let at = FastText.offset(of: Self.navMarker, in: shell) else {
            var scanned = check.page(file, template: template, links: links, ids: links.ids)
            scanned.scanNanoseconds = scanNanoseconds
            return (shell, scanned, PageOutput(contentRanges: contentRanges, navRange: nil, scanHash: scanHash))
        }
        // Lines after the navigation move down by the navigation's own lines.
        let nav = navHTML[key] ?? NavigationFragment("")
        let pageID = HTMLText.escape(page.id)
        let markerLine = 1 + shell.withUnsafeBufferPointer { FastText.count(10, in: UnsafeBufferPointer(rebasing: $0[..<at])) }
        let navLines = nav.lines
        if navLines > 0 {
            for n in links.references.indices where links.references[n].line > markerLine { links.references[n].line += navLines }
        }
        var ids = links.ids
        if let navIDs = navLinks[key]?.ids, !navIDs.isEmpty { ids.formUnion(navIDs) }
        var scanned = check.page(file, template: template, links: links, ids: ids)
        scanned.navKey = key
        scanned.navLine = markerLine
        scanned.scanNanoseconds = scanNanoseconds
        let navCount = nav.count(for: pageID)
        var html = [UInt8]()
        html.reserveCapacity(shell.count + navCount)
        html.append(contentsOf: shell[..<at])
        nav.append(for: pageID, to: &html)
        html.append(contentsOf: shell[(at + Self.navMarker.count)...])
        let shift = navCount - Self.navMarker.count
        contentRanges = contentRanges?.map { $0.lowerBound > at ? $0.lowerBound + shift..<$0.upperBound + shift : $0 }
        return (html, scanned, PageOutput(contentRanges: contentRanges, navRange: at..<at + navCount, scanHash: scanHash))
    }

    /// `shell` with every `marker` replaced by `bytes`, and where each copy landed.
    static func splice(_ text: String, for marker: [UInt8], in shell: [UInt8]) -> ([UInt8], [Range<Int>]) {
        // The body's bytes in place: `Array(text.utf8)` would copy them once more.
        if let spliced = text.utf8.withContiguousStorageIfAvailable({ splice($0, for: marker, in: shell) }) { return spliced }
        return Array(text.utf8).withUnsafeBufferPointer { splice($0, for: marker, in: shell) }
    }

    static func splice(_ bytes: UnsafeBufferPointer<UInt8>, for marker: [UInt8], in shell: [UInt8]) -> ([UInt8], [Range<Int>]) {
        var out = [UInt8]()
        out.reserveCapacity(shell.count + bytes.count)
        var ranges: [Range<Int>] = []
        var start = 0
        shell.withUnsafeBufferPointer { h in
            marker.withUnsafeBufferPointer { m in
                while let at = FastText.find(m, in: h, from: start) {
                    out.append(contentsOf: h[start..<at])
                    ranges.append(out.count..<out.count + bytes.count)
                    out.append(contentsOf: bytes)
                    start = at + m.count
                }
            }
            out.append(contentsOf: h[start...])
        }
        return (out, ranges)
    }

    /// What the output link check saw in a page, without line numbers (an edit above a link moves it).
    static func scanHash(_ links: HTMLLinks) -> UInt64 {
        @inline(__always) func hash(_ text: String) -> UInt64 {
            // In place (a scanned value is always a native string): `withUTF8` needs a copy
            // of `text` it may rearrange, a retain and a release per value.
            if let h = text.utf8.withContiguousStorageIfAvailable({ StableHash.contents(UnsafeRawBufferPointer($0)) }) { return h }
            var text = text
            return text.withUTF8 { StableHash.contents(UnsafeRawBufferPointer($0)) }
        }
        @inline(__always) func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
            let m = (h ^ x) &* 0x9E37_79B9_7F4A_7C15
            return (m << 31) | (m >> 33)
        }
        // The links in order; the ids in any order (summed, so they need no sorting).
        var h = mix(0, UInt64(links.references.count))
        for reference in links.references { h = mix(mix(h, hash(reference.attribute)), hash(reference.url)) }
        var ids: UInt64 = 0
        for id in links.ids { ids &+= hash(id) }
        return mix(mix(h, ids), UInt64(links.ids.count))
    }

    /// The body of a generated section page: its pages and subsections, in navigation order.
    private func sectionListing(_ page: Page, contexts: PageContext) -> String {
        var node = navigation.root
        for part in page.folder.split(separator: "/") {
            let path = node.folder.map { $0.isEmpty ? String(part) : $0 + "/" + part } ?? String(part)
            guard let child = node.children.first(where: { $0.folder == path }) else { return "" }
            node = child
        }
        var html = "<ul class=\"section-pages\">\n"
        for child in node.children {
            html += "<li><a href=\"\(HTMLText.escape(urls.href(to: child.url, from: page.url)))\">\(HTMLText.escape(child.title))</a>"
            if let description = child.page.flatMap({ graph.pages[$0].meta.description }) {
                html += " <span class=\"description\">\(HTMLText.escape(description))</span>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    private func writeRedirects(_ contexts: PageContext) throws -> [(file: String, links: HTMLLinks)] {
        var scanned: [(file: String, links: HTMLLinks)] = []
        for (url, target) in graph.aliasURLs {
            let page = graph.pages[target]
            var context = contexts.common(for: target, content: "")
            context["root"] = .string(urls.root(from: url))
            context["target_href"] = .string(urls.href(to: page.url, from: url))
            context["target_title"] = .string(page.title)
            context["url"] = .string(url)
            let html = theme.renderBytes(context, template: "redirect")
            try output.write(html, at: url + "index.html")
            scanned.append((url + "index.html", HTMLScanner.scan(html, name: url)))
        }
        return scanned
    }

    // MARK: Search

    private func searchDocument(_ i: Int) -> SearchDocument? {
        let links = resolved.links.indices.contains(i) ? resolved.links[i] : []
        return Self.searchDocument(graph.pages[i], section: searchSection(of: graph.pages[i]),
                                   linkTitles: links.map { $0.target.map { graph.pages[$0].title } ?? "" },
                                   language: config.language)
    }

    /// The title of the top-level section a page is in, as search results show it.
    func searchSection(of page: Page) -> String {
        // The URL's first segment, found on bytes (page URLs never start with `/`).
        guard let slash = page.url.utf8.firstIndex(of: 47), slash != page.url.startIndex,
              let section = graph.index(ofURL: String(page.url[...slash])) else { return "" }
        return graph.pages[section].title
    }

    /// What the search index gets of a page. `linkTitles[n]` is the title of link n's target:
    /// wiki links without text show it, and so does the indexed text.
    static func searchDocument(_ page: Page, section: String, linkTitles: [String], language: String) -> SearchDocument? {
        switch page.kind {
        case .notFound, .search, .sitemap, .tag, .tags: return nil
        default: break
        }
        let title: (Int) -> String = { n in linkTitles.indices.contains(n) ? linkTitles[n] : "" }
        var blocks = page.document?.blocks.map { block in
            SearchBlock(anchor: block.anchor, heading: block.heading,
                        text: FastText.offset(of: "@@dgt:", in: block.text) != nil ? LinkPlaceholder.substitute(in: block.text, url: { _ in "" }, title: title) : block.text)
        } ?? []
        if let description = page.meta.description {
            if blocks.first?.anchor == "" { blocks[0].text = description + " " + blocks[0].text }
            else { blocks.insert(SearchBlock(anchor: "", heading: "", text: description), at: 0) }
        }
        if let short = page.meta.short { blocks.insert(SearchBlock(anchor: "", heading: "", text: short), at: 0) }
        return SearchDocument(url: page.url, title: page.title, section: section == page.title ? "" : section,
                              type: page.kind.rawValue, roles: page.meta.roles.map(\.id), tags: page.meta.tags,
                              lang: page.lang ?? language, blocks: blocks)
    }

    // MARK: sitemap.xml

    private func sitemapXML() -> String {
        let prefix = (config.siteURL ?? "") + (config.baseURL ?? "/")
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let pages = graph.pages
        for page in pages.indices.sorted(by: { pages[$0].url < pages[$1].url }).map({ pages[$0] }) where page.kind != .notFound && page.kind != .search {
            out += "  <url><loc>\(HTMLText.escape(prefix + page.url))</loc>"
            if let reviewed = page.meta.reviewed { out += "<lastmod>\(reviewed)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
