import DocGenCore
import DocGenMarkdown
import Foundation

/// Turns source files into pages: front matter, Markdown, id and URL. Pages are independent here,
/// so this runs on every core.
public struct PageBuilder: Sendable {
    public var options: MarkdownOptions
    public var includeDrafts: Bool

    public init(options: MarkdownOptions, includeDrafts: Bool) {
        self.options = options
        self.includeDrafts = includeDrafts
    }

    public func build(_ files: [SourceFile], into diagnostics: inout Diagnostics) -> [Page] {
        let results: [(Page?, [Diagnostic])] = Parallel.map(files.count) { i in
            var local = Diagnostics()
            let page = self.page(files[i], into: &local)
            return (page, local.all)
        }
        var pages: [Page] = []
        pages.reserveCapacity(files.count)
        for (page, found) in results {
            diagnostics.append(contentsOf: found)
            if let page { pages.append(page) }
        }
        checkUniqueURLs(pages, into: &diagnostics)
        return pages
    }

    func page(_ file: SourceFile, into diagnostics: inout Diagnostics) -> Page? {
        let sourceFile = "content/" + file.path
        let front = FrontMatterParser.parse(file.text, file: sourceFile, into: &diagnostics)
        let isIndex = Self.place(of: file.path, slug: nil).isIndex
        let defaultType = isIndex ? .page : PageKind.defaultType(for: file.path)
        let meta = PageMetadata.decode(front.map, file: sourceFile, defaultType: defaultType, into: &diagnostics)
        if meta.draft && !includeDrafts { return nil }
        let document = MarkdownPage.parse(front.body, title: meta.title, options: options)
        let place = Self.place(of: file.path, slug: meta.slug)
        var kind: PageKind
        switch meta.type {
        case .page: kind = .page
        case .role: kind = .role
        case .task: kind = .task
        case .tool: kind = .tool
        case .term: kind = .term
        }
        if place.isIndex, let listing = PageKind.index(of: place.id), meta.type == .page {
            kind = listing
        }
        var title = meta.title ?? ""
        if meta.title == nil {
            if let heading = document.leadingTitle, !heading.isEmpty {
                title = heading
                diagnostics.append(.warning("title-from-heading",
                                            "page has no 'title' in its front matter; using its first heading '\(heading)'",
                                            at: SourceLocation(file: sourceFile, line: 1, column: 1),
                                            notes: [.init("add 'title: \(heading)' to the front matter")]))
            } else {
                diagnostics.append(.error("page-untitled", "page has no title: add 'title:' to its front matter or start it with a '# ' heading",
                                          at: SourceLocation(file: sourceFile, line: 1, column: 1)))
                title = place.id
            }
        }
        return Page(id: place.id, path: file.path, url: place.url, folder: place.folder, isIndex: place.isIndex,
                    kind: kind, title: title, meta: meta, bodyLineOffset: front.bodyLineOffset,
                    body: front.body, document: document, lang: meta.lang)
    }

    /// id, URL and navigation folder of a file under `content/`.
    static func place(of path: String, slug: String?) -> (id: String, url: String, folder: String, isIndex: Bool) {
        var stem = path
        if stem.hasSuffix(".markdown") { stem.removeLast(9) } else if stem.hasSuffix(".md") { stem.removeLast(3) }
        let parts = stem.split(separator: "/").map(String.init)
        let name = parts.last ?? ""
        let folder = parts.dropLast().joined(separator: "/")
        if name == "index" || name == "_index" || name == "README" {
            if folder.isEmpty { return ("index", "", "", true) }
            return (folder, folder + "/", folder, true)
        }
        let segment = slug.map { Slug.segment($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? name
        let url = (folder.isEmpty ? "" : folder + "/") + segment + "/"
        return (stem, url, folder, false)
    }

    private func checkUniqueURLs(_ pages: [Page], into diagnostics: inout Diagnostics) {
        var byURL: [String: Page] = [:]
        for page in pages {
            if let other = byURL[page.url] {
                let (first, second) = other.sourceFile < page.sourceFile ? (other, page) : (page, other)
                diagnostics.append(.error("url-collision",
                                          "'\(second.sourceFile)' and '\(first.sourceFile)' both map to the URL '/\(page.url)'",
                                          at: SourceLocation(file: second.sourceFile, line: 1, column: 1),
                                          notes: [.init("the other page is here", at: SourceLocation(file: first.sourceFile, line: 1, column: 1)),
                                                  .init("rename one of them or give it a different 'slug'")]))
            } else {
                byURL[page.url] = page
            }
        }
    }
}
