import DocGenCore
import DocGenMarkdown

/// Builds the data every template gets (see docs/THEME-CONTEXT.md). Runs inside the parallel
/// render loop, one page at a time.
struct PageContext {
    let site: SiteConfig
    let graph: DocumentGraph
    let resolved: ResolvedGraph
    let navigation: Navigation
    let urls: URLScheme

    init(site: SiteConfig, graph: DocumentGraph, resolved: ResolvedGraph, navigation: Navigation, urls: URLScheme) {
        self.site = site
        self.graph = graph
        self.resolved = resolved
        self.navigation = navigation
        self.urls = urls
        siteValue = TemplateValue(Self.siteContext(site: site, graph: graph))
        siteDirection = Self.isRightToLeft(site.language) ? "rtl" : "ltr"
        let pages = graph.pages
        shortIDs = Parallel.map(pages.count) { pages[$0].shortID }
        let ids = shortIDs
        trails = Self.trails(pages: pages, navigation: navigation)
        linkParts = Parallel.map(pages.count) { n in
            let t = pages[n]
            return [.string(t.title), .string(""), .string(ids[n]), .string(t.meta.description ?? ""),
                    .string(t.meta.time ?? ""), .string(t.meta.status?.rawValue ?? "")]
        }
    }

    /// `site`, the same for every page: made once.
    let siteValue: TemplateValue
    /// `dir` of the pages in the site's language.
    let siteDirection: String
    /// `Page.shortID` of every page: finding the last `/` in a `String` walks it by characters,
    /// and the hub pages ask for thousands.
    let shortIDs: [String]
    /// The breadcrumbs of a page in the navigation, by its folder (see `PageContext+Trails.swift`).
    let trails: [String: [Crumb]]
    /// Each page's link record (`linkKeys`) with the href left empty: only the href depends on the
    /// linking page, and hub pages list thousands of links.
    let linkParts: [[TemplateValue]]

    /// The context of page `index`, built as template data directly (no `Any` to convert).
    func common(for index: Int, content: String) -> [String: TemplateValue] {
        let page = graph.pages[index]
        let lang = page.lang ?? site.language
        // Room for every key below and the few the caller adds, so that the table never grows.
        var context = [String: TemplateValue](minimumCapacity: 32)
        context["site"] = siteValue
        context["root"] = .string(scheme(for: page).root(from: page.url))
        context["lang"] = .string(lang)
        context["dir"] = .string(lang == site.language ? siteDirection : Self.isRightToLeft(lang) ? "rtl" : "ltr")
        context["title"] = .string(page.title)
        context["url"] = .string(page.url)
        context["type"] = .string(page.kind.rawValue)
        context["content"] = .string(content)
        context["is_home"] = .bool(page.url.isEmpty)
        context["generator"] = .string("docgen")
        if let description = page.meta.description { context["description"] = .string(description) }
        if let siteURL = site.siteURL, page.kind != .notFound { context["canonical"] = .string(siteURL + (site.baseURL ?? "/") + page.url) }
        let toc = (page.document?.headings ?? []).filter { $0.level == 2 || $0.level == 3 }.map { h -> TemplateValue in
            .fields(TemplateFields(keys: Self.tocKeys, values: [.string(h.id), .string(h.text), .int(h.level), .bool(h.level == 3)]))
        }
        context["toc"] = .list(toc)
        context["has_toc"] = .bool(toc.count > 1)
        context["breadcrumbs"] = .list(breadcrumbs(for: page))
        if let prevNext = neighbours(of: index) {
            if let prev = prevNext.prev { context["prev"] = linkValue(to: prev, from: page) }
            if let next = prevNext.next { context["next"] = linkValue(to: next, from: page) }
        }
        let roles = page.meta.roles.compactMap { ref -> TemplateValue? in
            guard let target = graph.typedIDs(.role)[ref.id] else { return nil }
            return .fields(TemplateFields(keys: Self.roleKeys, values: [
                .string(ref.id), .string(graph.pages[target].title), .string(href(to: graph.pages[target].url, from: page))]))
        }
        context["page_roles"] = .list(roles)
        context["page_tags"] = .list(page.meta.tags.map { tag -> TemplateValue in
            .fields(TemplateFields(keys: Self.tagKeys, values: [.string(tag), .string(href(to: "tags/" + Slug.segment(tag) + "/", from: page))]))
        })
        let backlinks = resolved.backlinks.indices.contains(index) ? resolved.backlinks[index] : []
        context["backlinks"] = .list(backlinks.map { linkValue(to: $0, from: page) })
        context["has_backlinks"] = .bool(!backlinks.isEmpty)
        if let repository = site.repository, let path = page.path {
            context["edit_url"] = .string(repository + "/edit/" + site.editBranch + "/content/" + path)
        }
        if let reviewed = page.meta.reviewed { context["reviewed"] = .string(reviewed) }
        return context
    }

    static func siteContext(site: SiteConfig, graph: DocumentGraph) -> [String: Any] {
        var s: [String: Any] = ["title": site.title,
                                "has_roles": graph.index(ofURL: "roles/") != nil, "has_tasks": graph.index(ofURL: "tasks/") != nil,
                                "has_tools": graph.index(ofURL: "tools/") != nil, "has_glossary": graph.index(ofURL: "glossary/") != nil]
        if let d = site.description { s["description"] = d }
        if let f = site.footer { s["footer"] = f }
        if let r = site.repository { s["repository"] = r }
        return s
    }

    func href(to url: String, from page: Page) -> String { scheme(for: page).href(to: url, from: page.url) }

    /// The 404 page is served at any depth, so its links start at the site root.
    func scheme(for page: Page) -> URLScheme {
        page.kind == .notFound ? URLScheme(baseURL: urls.baseURL ?? "/") : urls
    }

    /// `link(to:from:)` as template data.
    func linkValue(to target: Int, from page: Page) -> TemplateValue {
        // Made afresh: setting the href in a copy of the shared array would first copy all of it,
        // element by element through the generic value witness.
        let parts = linkParts[target]
        let values: [TemplateValue] = [parts[0], .string(href(to: graph.pages[target].url, from: page)), parts[2], parts[3], parts[4], parts[5]]
        return .fields(TemplateFields(keys: Self.linkKeys, values: values))
    }

    /// Every link carries every key: Mustache would otherwise find the enclosing page's.
    static let linkKeys = ["title", "href", "id", "description", "time", "status"]
    static let tocKeys = ["id", "text", "level", "is_h3"]
    static let roleKeys = ["id", "title", "href"]
    static let tagKeys = ["name", "href"]
    static let crumbKeys = ["title", "href"]

    /// `linkValue(to:from:)` as a map, for items that add keys of their own.
    func link(to target: Int, from page: Page) -> [String: TemplateValue] {
        guard case .fields(let fields) = linkValue(to: target, from: page) else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(fields.keys, fields.values))
    }

    private func breadcrumbs(for page: Page) -> [TemplateValue] {
        guard !page.url.isEmpty else { return [] }
        var crumbs: [TemplateValue] = []
        func crumb(_ title: String, _ href: String) -> TemplateValue {
            .fields(TemplateFields(keys: Self.crumbKeys, values: [.string(title), .string(href)]))
        }
        if page.inNavigation, let trail = trails[page.folder] {
            return (page.isIndex ? trail.dropLast() : trail[...]).map { crumb($0.title, href(to: $0.url, from: page)) }
        }
        var folders = Navigation.ancestors(of: page.folder)
        if page.isIndex { folders.removeLast() }
        if !page.inNavigation { folders = folders.filter { $0.isEmpty || graph.index(ofURL: $0 + "/") != nil } }
        for folder in folders {
            if !page.inNavigation, !folder.isEmpty, let index = graph.index(ofURL: folder + "/"), graph.pages[index].url != page.url {
                crumbs.append(crumb(graph.pages[index].title, href(to: folder + "/", from: page)))
            } else if !page.inNavigation, !folder.isEmpty {
                continue
            } else if let index = navigation.folderIndex[folder] {
                crumbs.append(crumb(folder.isEmpty ? "Home" : graph.pages[index].title, href(to: graph.pages[index].url, from: page)))
            } else if folder.isEmpty {
                crumbs.append(crumb("Home", href(to: "", from: page)))
            } else {
                crumbs.append(crumb(Navigation.humanize(String(folder.split(separator: "/").last!)), href(to: folder + "/", from: page)))
            }
        }
        return crumbs
    }

    private func neighbours(of index: Int) -> (prev: Int?, next: Int?)? {
        let n = navigation.position[index]
        guard n >= 0 else { return nil }
        let prev = n > 0 ? navigation.order[n - 1] : nil
        let next = n + 1 < navigation.order.count ? navigation.order[n + 1] : nil
        return (prev, next)
    }

    static func isRightToLeft(_ lang: String) -> Bool {
        let base = lang.split(separator: "-").first.map { String($0).lowercased() } ?? ""
        return ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"].contains(base)
    }
}
