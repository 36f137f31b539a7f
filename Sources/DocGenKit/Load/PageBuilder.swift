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

    public func build(_ files: [SourceFile], glossaryAutolink: Bool = false, into diagnostics: inout Diagnostics) -> [Page] {
        let results: [(Page?, [Diagnostic])]
        if glossaryAutolink {
            // Front matter first, on every core: autolinked glossary terms must be known before
            // any page's Markdown is parsed.
            let fronts = Parallel.map(files.count) { i in Self.front(of: files[i]) }
            var terms: [GlossaryTerm] = []
            for (i, (_, meta, _)) in fronts.enumerated() where meta.type == .term && !(meta.draft && !includeDrafts) {
                let id = Self.place(of: files[i].path, slug: nil).id.split(separator: "/").last.map(String.init) ?? ""
                terms.append(Self.glossaryTerm(id: id, meta: meta))
            }
            terms.sort { $0.id < $1.id }
            let glossary = terms
            results = Parallel.map(files.count) { i in
                var local = Diagnostics()
                local.append(contentsOf: fronts[i].2)
                let page = self.page(files[i], front: fronts[i].0, meta: fronts[i].1, glossary: glossary, into: &local)
                return (page, local.all)
            }
        } else {
            // Without a glossary, a page's front matter and Markdown are read in one go, while
            // its text is still in the cache.
            results = Parallel.map(files.count) { i in
                let (front, meta, found) = Self.front(of: files[i])
                var local = Diagnostics()
                local.append(contentsOf: found)
                let page = self.page(files[i], front: front, meta: meta, glossary: [], into: &local)
                return (page, local.all)
            }
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

    /// A file's front matter, its metadata, and what was wrong with them.
    static func front(of file: SourceFile) -> (FrontMatterDocument, PageMetadata, [Diagnostic]) {
        var local = Diagnostics()
        let sourceFile = "content/" + file.path
        var front = FrontMatterParser.parse(file.text, file: sourceFile, into: &local)
        let isIndex = isIndexFile(file.path)
        let defaultType: PageType = isIndex ? .page : PageKind.defaultType(for: firstSegment(of: file.path))
        let meta = PageMetadata.decode(front.map, file: sourceFile, defaultType: defaultType, into: &local)
        // The map is read: let it go here, on this core, not on one thread at the end.
        front.map = FrontMatterMap()
        return (front, meta, local.all)
    }

    func page(_ file: SourceFile, front: FrontMatterDocument, meta: PageMetadata, glossary: [GlossaryTerm],
              into diagnostics: inout Diagnostics) -> Page? {
        let sourceFile = "content/" + file.path
        if meta.draft && !includeDrafts { return nil }
        // The slug changes only the URL: the id is the file's.
        let place = Self.place(of: file.path, slug: meta.slug)
        let terms = meta.type == .term ? glossary.filter { "glossary/" + $0.id != place.id } : glossary
        let document = MarkdownPage.parse(front.body, title: meta.title, options: options, glossary: terms)
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
            } else if !diagnostics.hasErrors {
                // (After a front matter error the title may be on the broken line: say nothing more.)
                diagnostics.append(.error("page-untitled", "page has no title: add 'title:' to its front matter or start it with a '# ' heading",
                                          at: SourceLocation(file: sourceFile, line: 1, column: 1)))
                title = place.id
            }
        }
        return Page(id: place.id, path: file.path, url: place.url, folder: place.folder, isIndex: place.isIndex,
                    kind: kind, title: title, meta: meta, bodyLineOffset: front.bodyLineOffset,
                    document: document, lang: meta.lang)
    }

    /// What autolinking needs of a glossary term page: its id, title and synonyms, short definition.
    static func glossaryTerm(id: String, meta: PageMetadata) -> GlossaryTerm {
        GlossaryTerm(id: id, phrases: [meta.title ?? id] + meta.synonyms, short: meta.short ?? "")
    }

    /// id, URL and navigation folder of a file under `content/`.
    static func place(of path: String, slug: String?) -> (id: String, url: String, folder: String, isIndex: Bool) {
        let stem = Self.stem(of: path)
        let (folder, name) = Self.folderAndName(stem)
        if name == "index" || name == "_index" || name == "README" {
            if folder.isEmpty { return ("index", "", "", true) }
            return (folder, folder + "/", folder, true)
        }
        let segment = slug.map { Slug.segment($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? name
        let url = (folder.isEmpty ? "" : folder + "/") + segment + "/"
        return (stem, url, folder, false)
    }

    /// The path without its `.md` or `.markdown`.
    private static func stem(of path: String) -> String {
        var stem = path
        if stem.hasSuffix(".markdown") { stem.removeLast(9) } else if stem.hasSuffix(".md") { stem.removeLast(3) }
        return stem
    }

    /// The folder and the last segment of a stem, empty segments skipped.
    private static func folderAndName(_ stem: String) -> (folder: String, name: String) {
        let bytes = stem.utf8
        // Byte slicing finds what splitting by Character finds when no slash is doubled, first
        // or last, or next to a non-ASCII byte (which could join it into a larger Character).
        var plain = bytes.first != 47 && bytes.last != 47
        var previous: UInt8 = 0
        for b in bytes where plain {
            if (previous == 47 && (b == 47 || b >= 0x80)) || (b == 47 && previous >= 0x80) { plain = false }
            previous = b
        }
        guard plain else {
            let parts = stem.split(separator: "/").map(String.init)
            return (parts.dropLast().joined(separator: "/"), parts.last ?? "")
        }
        // No empty segments: the folder is everything before the last slash.
        guard let slash = bytes.lastIndex(of: 47) else { return ("", stem) }
        return (String(stem[..<slash]), String(stem[bytes.index(after: slash)...]))
    }

    /// The part of `path` before its first `/` when that is plainly the first segment (ASCII up
    /// to the slash and just after it), else the whole path: either way its first segment is the
    /// path's, and splitting it (as `PageKind.defaultType` does) costs next to nothing.
    static func firstSegment(of path: String) -> String {
        let bytes = path.utf8
        guard bytes.first != 47 else { return path }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= 0x80 { return path }
            if b == 47 {
                let after = bytes.index(after: i)
                guard after == bytes.endIndex || bytes[after] < 0x80 else { return path }
                return String(path[..<i])
            }
            i = bytes.index(after: i)
        }
        return path
    }

    /// Whether `path` is a folder's `index.md`, `_index.md` or `README.md`.
    static func isIndexFile(_ path: String) -> Bool {
        let stem = Self.stem(of: path)
        // The name ends the stem (but for slashes after it): most stems end in neither word.
        var end = stem.utf8.endIndex
        while end > stem.utf8.startIndex, stem.utf8[stem.utf8.index(before: end)] == 47 { end = stem.utf8.index(before: end) }
        let tail = stem.utf8[..<end]
        guard tail.reversed().starts(with: "xedni".utf8) || tail.reversed().starts(with: "EMDAER".utf8) else { return false }
        let name = folderAndName(stem).name
        return name == "index" || name == "_index" || name == "README"
    }

    private func checkUniqueURLs(_ pages: [Page], into diagnostics: inout Diagnostics) {
        var byURL: [String: Page] = [:]
        byURL.reserveCapacity(pages.count)
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
