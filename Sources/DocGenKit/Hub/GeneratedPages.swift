import DocGenCore
import DocGenMarkdown

/// The pages docgen writes on its own: listings for typed folders that have no `index.md`,
/// tag pages, the search page, the site map and the 404 page.
enum GeneratedPages {
    static func add(to pages: [Page], includeSearch: Bool = true) -> [Page] {
        var out = pages
        let urls = Set(pages.map(\.url))
        var present = urls
        let listings: [(PageKind, PageKind, String, String)] = [
            (.role, .roles, "roles", "Roles"), (.task, .tasks, "tasks", "Tasks"),
            (.tool, .tools, "tools", "Tool catalogue"), (.term, .glossary, "glossary", "Glossary"),
        ]
        for (member, listing, folder, title) in listings where pages.contains(where: { $0.kind == member }) {
            if !urls.contains(folder + "/") {
                out.append(generated(id: folder, url: folder + "/", folder: folder, isIndex: true, kind: listing, title: title))
                present.insert(folder + "/")
            }
        }
        // Every folder is a section with a page: one without an index.md gets a listing.
        var folders = Set<String>()
        for page in pages where page.path != nil {
            var f = page.folder
            // A folder already seen has had its parents added too.
            while !f.isEmpty, folders.insert(f).inserted { f = Navigation.parent(of: f) }
        }
        for folder in folders.sorted() where !present.contains(folder + "/") {
            out.append(generated(id: folder, url: folder + "/", folder: folder, isIndex: true, kind: .section,
                                 title: Navigation.humanize(String(folder.split(separator: "/").last!))))
        }
        var tags: [String: String] = [:]
        for page in pages {
            for tag in page.meta.tags {
                let slug = Slug.segment(tag)
                if tags[slug] == nil { tags[slug] = tag }
            }
        }
        if !tags.isEmpty {
            out.append(generated(id: "tags", url: "tags/", folder: "tags", isIndex: true, kind: .tags, title: "Tags"))
            for (slug, name) in tags.sorted(by: { $0.key < $1.key }) where !slug.isEmpty {
                out.append(generated(id: "tags/" + slug, url: "tags/" + slug + "/", folder: "tags", isIndex: false, kind: .tag, title: "Tag: " + name))
            }
        }
        if !urls.contains("search/") {
            out.append(generated(id: "search", url: "search/", folder: "search", isIndex: false, kind: .search, title: "Search"))
        }
        if !urls.contains("sitemap/") {
            out.append(generated(id: "sitemap", url: "sitemap/", folder: "sitemap", isIndex: false, kind: .sitemap, title: "Site map"))
        }
        out.append(generated(id: "404", url: "404.html", folder: "", isIndex: false, kind: .notFound, title: "Page not found"))
        return out
    }

    static func generated(id: String, url: String, folder: String, isIndex: Bool, kind: PageKind, title: String) -> Page {
        Page(id: id, path: nil, url: url, folder: folder, isIndex: isIndex, kind: kind, title: title,
             meta: PageMetadata(type: .page),
             bodyLineOffset: 0, document: nil, lang: nil)
    }
}
