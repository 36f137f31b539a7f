import DocGenCore
import Foundation

/// The sidebar: rendered once per folder it is shown in, with every href relative to that folder.
extension SiteWriter {
    /// Where the navigation of a page is rendered from: the folder left open, and the URL folder
    /// hrefs are relative to. Every page of a folder shares one (its last URL segment is replaced
    /// by a segment no page can have), so the navigation is rendered once per folder, not per page.
    func navKeyString(_ page: Page) -> String {
        if page.kind == .notFound { return "\u{0}404" }
        let key = navKey(page)
        return key.open + "|" + key.from
    }

    func navKey(_ page: Page) -> (open: String, from: String) {
        if page.kind == .notFound { return ("", "") }
        let open = page.inNavigation ? page.folder : ""
        if page.isIndex || page.url.isEmpty { return (open, page.url) }
        // The URL without its last segment (`a/b/` for `a/b/c/`), found on bytes.
        let bytes = page.url.utf8
        let parent = bytes.dropLast().lastIndex(of: 47).map { String(page.url[...$0]) } ?? ""
        return (open, parent + "\u{0}/")
    }

    /// Mustache renders the navigation once per open folder, with every href written as a
    /// marker plus its site-relative URL; each page depth then only swaps the marker for the way
    /// back to the site root.
    func renderNavigation() -> [String: NavigationFragment] {
        let keys = Array(Set(graph.pages.map { p -> String in let k = navKey(p); return k.open + "|" + k.from })).sorted()
        let openFolders = Array(Set(keys.map { String($0.prefix { $0 != "|" }) })).sorted()
        let templates: [String] = Parallel.map(openFolders.count) { n in navTemplate(openFolder: openFolders[n]) }
        let byFolder = Dictionary(uniqueKeysWithValues: zip(openFolders, templates))
        let rendered: [NavigationFragment] = Parallel.map(keys.count) { n in
            let parts = keys[n].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return NavigationFragment(FastText.replacing(Self.rootMarker, with: urls.root(from: parts[1]), in: byFolder[parts[0]]!))
        }
        var out: [String: NavigationFragment] = [:]
        for (n, key) in keys.enumerated() { out[key] = rendered[n] }
        out["\u{0}404"] = NavigationFragment(FastText.replacing(Self.rootMarker, with: config.baseURL ?? "/",
                                                                in: byFolder[""] ?? navTemplate(openFolder: "")))
        return out
    }

    static let rootMarker = "\u{1}"

    /// A section lists at most this many entries in the sidebar, then a link to its page (which
    /// lists them all): a sidebar that showed every sibling would make a folder of n pages cost
    /// n² to render and to send.
    static let navEntryLimit = 50

    /// The keys of a navigation entry, as `nav.mustache` and `nav-item.mustache` see them.
    static let navItemKeys = ["id", "title", "href", "is_section", "is_open", "has_children", "is_more", "children"]

    func navTemplate(openFolder: String) -> String {
        let open = Set(Navigation.ancestors(of: openFolder))
        func entry(id: String, title: String, url: String, isSection: Bool, isOpen: Bool, hasChildren: Bool,
                   isMore: Bool, children: [TemplateValue]?) -> TemplateValue {
            .fields(TemplateFields(keys: Self.navItemKeys, values: [
                .string(id), .string(title), .string(Self.rootMarker + url), .bool(isSection), .bool(isOpen),
                .bool(hasChildren), .bool(isMore), children.map { .list($0) } ?? .null,
            ]))
        }
        func item(_ node: Navigation.Node) -> TemplateValue {
            let isOpen = node.folder.map { open.contains($0) } ?? false
            var children: [TemplateValue]?
            if isOpen {
                var shown = Array(node.children.prefix(Self.navEntryLimit))
                if node.children.count > Self.navEntryLimit {
                    // Open subsections stay visible beyond the limit: they lead to the current page.
                    shown += node.children.dropFirst(Self.navEntryLimit).filter { $0.folder.map(open.contains) ?? false }
                }
                children = shown.map(item)
                if node.children.count > Self.navEntryLimit {
                    children!.append(entry(id: "", title: "All \(node.children.count) entries of \(node.title)", url: node.url,
                                           isSection: false, isOpen: false, hasChildren: false, isMore: true, children: nil))
                }
            }
            return entry(id: node.id, title: node.title, url: node.url, isSection: node.folder != nil, isOpen: isOpen,
                         hasChildren: !node.children.isEmpty, isMore: false, children: children)
        }
        let context: [String: TemplateValue] = ["items": .list(navigation.root.children.map(item)), "root": .string(Self.rootMarker)]
        return theme.render(context, template: "nav")
    }
}
