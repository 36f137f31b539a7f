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

    func common(for index: Int, content: String) -> [String: Any] {
        let page = graph.pages[index]
        let lang = page.lang ?? site.language
        var context: [String: Any] = [
            "site": siteContext,
            "root": scheme(for: page).root(from: page.url),
            "lang": lang,
            "dir": Self.isRightToLeft(lang) ? "rtl" : "ltr",
            "title": page.title,
            "url": page.url,
            "type": page.kind.rawValue,
            "content": content,
            "is_home": page.url.isEmpty,
            "generator": "docgen",
        ]
        if let description = page.meta.description { context["description"] = description }
        if let siteURL = site.siteURL, page.kind != .notFound { context["canonical"] = siteURL + (site.baseURL ?? "/") + page.url }
        let toc = (page.document?.headings ?? []).filter { $0.level == 2 || $0.level == 3 }.map { h -> [String: Any] in
            ["id": h.id, "text": h.text, "level": h.level, "is_h3": h.level == 3]
        }
        context["toc"] = toc
        context["has_toc"] = toc.count > 1
        context["breadcrumbs"] = breadcrumbs(for: page)
        if let prevNext = neighbours(of: index) {
            if let prev = prevNext.prev { context["prev"] = link(to: prev, from: page) }
            if let next = prevNext.next { context["next"] = link(to: next, from: page) }
        }
        let roles = page.meta.roles.compactMap { ref -> [String: Any]? in
            guard let target = graph.typedIDs(.role)[ref.id] else { return nil }
            return ["id": ref.id, "title": graph.pages[target].title, "href": href(to: graph.pages[target].url, from: page)]
        }
        context["page_roles"] = roles
        context["page_tags"] = page.meta.tags.map { tag -> [String: Any] in
            ["name": tag, "href": href(to: "tags/" + Slug.segment(tag) + "/", from: page)]
        }
        let backlinks = resolved.backlinks.indices.contains(index) ? resolved.backlinks[index] : []
        context["backlinks"] = backlinks.map { link(to: $0, from: page) }
        context["has_backlinks"] = !backlinks.isEmpty
        if let repository = site.repository, let path = page.path {
            context["edit_url"] = repository + "/edit/" + site.editBranch + "/content/" + path
        }
        if let reviewed = page.meta.reviewed { context["reviewed"] = reviewed }
        return context
    }

    var siteContext: [String: Any] {
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

    func link(to target: Int, from page: Page) -> [String: Any] {
        let t = graph.pages[target]
        // List items always carry every key: Mustache would otherwise find the enclosing page's.
        return ["title": t.title, "href": href(to: t.url, from: page), "id": t.shortID,
                "description": t.meta.description ?? "", "time": t.meta.time ?? "", "status": t.meta.status?.rawValue ?? ""]
    }

    private func breadcrumbs(for page: Page) -> [[String: Any]] {
        guard !page.url.isEmpty else { return [] }
        var crumbs: [[String: Any]] = []
        var folders = Navigation.ancestors(of: page.folder)
        if page.isIndex { folders.removeLast() }
        if !page.inNavigation { folders = folders.filter { $0.isEmpty || graph.index(ofURL: $0 + "/") != nil } }
        for folder in folders {
            if !page.inNavigation, !folder.isEmpty, let index = graph.index(ofURL: folder + "/"), graph.pages[index].url != page.url {
                crumbs.append(["title": graph.pages[index].title, "href": href(to: folder + "/", from: page)])
            } else if !page.inNavigation, !folder.isEmpty {
                continue
            } else if let index = navigation.folderIndex[folder] {
                crumbs.append(["title": folder.isEmpty ? "Home" : graph.pages[index].title, "href": href(to: graph.pages[index].url, from: page)])
            } else if folder.isEmpty {
                crumbs.append(["title": "Home", "href": href(to: "", from: page)])
            } else {
                crumbs.append(["title": Navigation.humanize(String(folder.split(separator: "/").last!)),
                               "href": href(to: folder + "/", from: page)])
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
