import DocGenCore
import DocGenMarkdown
import Foundation

/// Where a link went.
public struct ResolvedLink: Sendable {
    /// What goes in the `href`/`src`, already relative to the linking page (or base-URL-prefixed).
    public var href: String
    /// The target page, for backlinks and the graph; nil for files and failed links.
    public var target: Int?
    /// A wiki link's shown text when it has none of its own.
    public var title: String
    public var line: Int
}

/// The resolved graph: for every page, where each of its links goes, and who links to it.
public struct ResolvedGraph: Sendable {
    public var links: [[ResolvedLink]]
    public var backlinks: [[Int]]
}

/// Resolves every link of every page, reporting each broken one with a suggestion.
public struct LinkResolver: Sendable {
    public var urls: URLScheme
    /// The `content/` folder: a broken link's column is worked out from its file, read again
    /// only then (pages do not keep their text).
    public var contentRoot: String

    public init(urls: URLScheme, contentRoot: String) {
        self.urls = urls
        self.contentRoot = contentRoot
    }

    public func resolve(_ graph: DocumentGraph, into diagnostics: inout Diagnostics) -> ResolvedGraph {
        let pages = graph.pages
        // Every link shows its target's title escaped: each title is escaped once, not per link.
        let titles = Parallel.map(pages.count) { HTMLText.escape(pages[$0].title) }
        let results: [([ResolvedLink], [Diagnostic])] = Parallel.map(pages.count) { i in
            guard let document = pages[i].document else { return ([], []) }
            var local = Diagnostics()
            let context = Context(graph: graph, page: i, urls: urls, contentRoot: contentRoot, escapedTitles: titles)
            let resolved = document.links.map { context.resolve($0, into: &local) }
            return (resolved, local.all)
        }
        // Pages are visited in order, so a page linking twice to the same target is its last entry.
        var inbound = [[Int]](repeating: [], count: pages.count)
        for (i, (links, found)) in results.enumerated() {
            diagnostics.append(contentsOf: found)
            for link in links { if let t = link.target, t != i, inbound[t].last != i { inbound[t].append(i) } }
        }
        let lowerTitles = graph.lowerTitles
        let backlinks = inbound.map { list in
            list.count < 2 ? list : list.sorted { (lowerTitles[$0], pages[$0].url) < (lowerTitles[$1], pages[$1].url) }
        }
        return ResolvedGraph(links: results.map(\.0), backlinks: backlinks)
    }
}

/// Resolution of the links of one page.
struct Context {
    let graph: DocumentGraph
    let page: Int
    let urls: URLScheme
    /// The linking page and the folder of its file, looked up once for all its links.
    let source: Page
    let folder: String
    let contentRoot: String
    /// Each page's title, HTML-escaped (nil: escaped when asked for).
    let escapedTitles: [String]?

    init(graph: DocumentGraph, page: Int, urls: URLScheme, contentRoot: String, escapedTitles: [String]? = nil) {
        self.graph = graph
        self.page = page
        self.urls = urls
        self.contentRoot = contentRoot
        self.escapedTitles = escapedTitles
        source = graph.pages[page]
        folder = source.path.map(Self.folder(of:)) ?? ""
    }

    func resolve(_ link: MarkdownLink, into diagnostics: inout Diagnostics) -> ResolvedLink {
        let location = LazyLocation(source: source, contentRoot: contentRoot, line: link.line, byteColumn: link.byteColumn)
        var failed = ResolvedLink(href: "#", target: nil, title: link.destination, line: location.line)
        switch link.kind {
        case .wiki:
            return resolveWiki(link, at: location, into: &diagnostics) ?? failed
        case .link, .image:
            if let r = resolvePath(link, at: location, into: &diagnostics) { return r }
            failed.href = HTMLText.escape(link.destination)
            return failed
        }
    }

    // MARK: Relative links and images

    private func resolvePath(_ link: MarkdownLink, at location: LazyLocation,
                             into diagnostics: inout Diagnostics) -> ResolvedLink? {
        let written = link.destination
        if Self.isFileURL(written) {
            diagnostics.append(.error("link-file-url", "link to a local file '\(written)' would break on any server; link to a page under content/ instead", at: location.value))
            return nil
        }
        var (rest, fragment) = Self.splitFragment(written)
        if let query = Self.firstIndex(of: "?", in: rest) { rest = rest[..<query] }
        let rawPath = Self.percentDecoded(String(rest))
        if rawPath.isEmpty {
            return finish(target: page, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        guard let path = Self.join(rawPath.hasPrefix("/") ? "" : folder, rawPath) else {
            diagnostics.append(.error("link-outside-content", "link '\(written)' climbs out of content/", at: location.value))
            return nil
        }
        let bare = path.hasSuffix("/") ? String(path.dropLast()) : path
        if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            if let target = graph.byPath[path] {
                return finish(target: target, fragment: fragment, link: link, at: location, into: &diagnostics)
            }
            if let alias = graph.aliases[DocumentGraph.normalizeAlias(path)] {
                movedWarning(written, to: alias, at: location, into: &diagnostics)
                return finish(target: alias, fragment: fragment, link: link, at: location, into: &diagnostics)
            }
            if let near = graph.byLowerPath[path.lowercased()] {
                let right = relative(graph.pages[near].path!, from: folder)
                diagnostics.append(Diagnostic.error("link-case-mismatch", "link '\(written)' differs in case from the file '\(graph.pages[near].path!)'; servers are case-sensitive", at: location.value).suggesting(right))
                return nil
            }
            let candidates = graph.byPath.keys
            let nearest = Suggestion.nearest(to: path, in: candidates).map { relative($0, from: folder) }
            diagnostics.append(Diagnostic.error("link-unresolved", "unresolved link '\(written)'", at: location.value).suggesting(nearest))
            return nil
        }
        if graph.assets.contains(bare) {
            if let fragment, !fragment.isEmpty { _ = fragment }
            return ResolvedLink(href: HTMLText.escape(urls.href(to: Self.encode(bare), from: source.url) + (fragment.map { "#" + $0 } ?? "")),
                                target: nil, title: bare, line: location.line)
        }
        for candidate in [bare + "/index.md", bare + ".md"] {
            if let target = graph.byPath[candidate] {
                return finish(target: target, fragment: fragment, link: link, at: location, into: &diagnostics)
            }
        }
        let asURL = bare.isEmpty ? "" : bare + "/"
        if let target = graph.byURL[asURL] {
            return finish(target: target, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        if let alias = graph.aliases[DocumentGraph.normalizeAlias(bare)] {
            movedWarning(written, to: alias, at: location, into: &diagnostics)
            return finish(target: alias, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        if let right = graph.lowerAssets[bare.lowercased()] {
            diagnostics.append(Diagnostic.error("link-case-mismatch", "link '\(written)' differs in case from the file '\(right)'; servers are case-sensitive", at: location.value).suggesting(relative(right, from: folder)))
            return nil
        }
        let kind = link.kind == .image ? "image" : "link"
        let pool = link.kind == .image ? Array(graph.assets) : Array(graph.byPath.keys) + Array(graph.assets)
        let nearest = Suggestion.nearest(to: bare, in: pool).map { relative($0, from: folder) }
        diagnostics.append(Diagnostic.error(link.kind == .image ? "image-missing" : "link-unresolved",
                                            "unresolved \(kind) '\(written)'", at: location.value).suggesting(nearest))
        return nil
    }

    // MARK: Wiki links

    private func resolveWiki(_ link: MarkdownLink, at location: LazyLocation,
                             into diagnostics: inout Diagnostics) -> ResolvedLink? {
        let written = link.destination
        if written == "[[" {
            diagnostics.append(.error("wiki-link-unbalanced", "'[[' without a closing ']]'; write \\[[ for literal brackets", at: location.value))
            return nil
        }
        let (name, fragment) = Self.splitFragment(written)
        let target = name.trimmingCharacters(in: .whitespaces)
        if target.isEmpty && fragment == nil {
            diagnostics.append(.error("wiki-link-empty", "empty wiki link '[[]]'", at: location.value))
            return nil
        }
        if target.isEmpty {
            return finish(target: page, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        if let colon = target.firstIndex(of: ":") {
            let prefix = String(target[..<colon])
            let id = String(target[target.index(after: colon)...])
            let kinds: [String: PageKind] = ["role": .role, "task": .task, "tool": .tool, "term": .term]
            if let kind = kinds[prefix] {
                let table = graph.typed[kind] ?? [:]
                if let found = table[id] {
                    if kind == .term, fragment == nil, let glossary = graph.byURL["glossary/"] {
                        return finish(target: glossary, fragment: id, link: link, at: location, into: &diagnostics, titleFrom: found)
                    }
                    return finish(target: found, fragment: fragment, link: link, at: location, into: &diagnostics)
                }
                diagnostics.append(Diagnostic.error("wiki-link-unresolved", "no \(prefix) with id '\(id)'", at: location.value)
                    .suggesting(Suggestion.nearest(to: id, in: table.keys).map { "\(prefix):\($0)" }))
                return nil
            }
        }
        var key = target
        if key.hasSuffix(".md") { key.removeLast(3) }
        while key.hasPrefix("/") { key.removeFirst() }
        if key.hasSuffix("/index") { key.removeLast(6) }
        if let found = graph.byID[key] ?? graph.bySlug[key] {
            return finish(target: found, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        if !key.contains("/"), let matches = graph.byShortID[key] {
            if matches.count == 1 {
                return finish(target: matches[0], fragment: fragment, link: link, at: location, into: &diagnostics)
            }
            let names = matches.map { graph.pages[$0].id }.sorted()
            diagnostics.append(.error("wiki-link-ambiguous", "wiki link '[[\(target)]]' names \(matches.count) pages: \(names.joined(separator: ", "))",
                                      at: location.value, notes: [.init("write the full id, e.g. '[[\(names[0])]]'")]))
            return nil
        }
        if let alias = graph.aliases[DocumentGraph.normalizeAlias(key)] {
            movedWarning(written, to: alias, at: location, into: &diagnostics)
            return finish(target: alias, fragment: fragment, link: link, at: location, into: &diagnostics)
        }
        if let near = graph.byLowerID[key.lowercased()] {
            diagnostics.append(Diagnostic.error("link-case-mismatch", "wiki link '[[\(target)]]' differs in case from the page id '\(graph.pages[near].id)'", at: location.value).suggesting(graph.pages[near].id))
            return nil
        }
        let ids = graph.byID.keys.filter { !$0.isEmpty }
        diagnostics.append(Diagnostic.error("wiki-link-unresolved", "no page with id '\(target)'", at: location.value)
            .suggesting(Suggestion.nearest(to: key, in: ids)))
        return nil
    }

    // MARK: Shared

    private func finish(target: Int, fragment: String?, link: MarkdownLink, at location: LazyLocation,
                        into diagnostics: inout Diagnostics, titleFrom: Int? = nil) -> ResolvedLink? {
        let targetPage = graph.pages[target]
        if let fragment, !fragment.isEmpty {
            let decoded = Self.percentDecoded(fragment)
            if !graph.anchors[target].contains(decoded) {
                let nearest = Suggestion.nearest(to: decoded, in: graph.anchors[target])
                let whereText = target == page ? "this page" : "'\(targetPage.sourceFile)'"
                diagnostics.append(Diagnostic.error("anchor-unresolved", "no heading with id '#\(decoded)' in \(whereText)", at: location.value).suggesting(nearest.map { "#" + $0 }))
                return nil
            }
        }
        var href = target == page && fragment != nil ? "" : urls.href(to: targetPage.url, from: source.url)
        if let fragment, !fragment.isEmpty { href += "#" + fragment }
        if href.isEmpty { href = "./" }
        let from = titleFrom ?? target
        let title = escapedTitles?[from] ?? HTMLText.escape(graph.pages[from].title)
        return ResolvedLink(href: HTMLText.escape(href), target: target, title: title, line: location.line)
    }

    private func movedWarning(_ written: String, to target: Int, at location: LazyLocation, into diagnostics: inout Diagnostics) {
        diagnostics.append(.warning("link-to-alias", "'\(written)' is an old address of '\(graph.pages[target].sourceFile)'; link to the page directly",
                                    at: location.value))
    }

    /// The link's place in the file: body line plus front matter, column in Unicode scalars
    /// (cmark gives a byte column, so the line is read from the file).
    func location(of link: MarkdownLink) -> SourceLocation {
        Self.location(in: source, contentRoot: contentRoot, line: link.line, byteColumn: link.byteColumn)
    }

    static func location(in page: Page, contentRoot: String, line bodyLine: Int, byteColumn: Int) -> SourceLocation {
        let lineNumber = page.bodyLineOffset + bodyLine
        var column = byteColumn
        if let path = page.path, let bytes = try? FileSystem.read(contentRoot + "/" + path) {
            var start = bytes.startIndex
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
            var line = 1
            var i = start
            while line < lineNumber, i < bytes.endIndex {
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
            var scalars = 0
            var consumed = 1
            while consumed < byteColumn, i < bytes.endIndex, bytes[i] != 10 {
                if bytes[i] & 0xC0 != 0x80 { scalars += 1 }
                consumed += 1
                i += 1
            }
            column = scalars + 1
        }
        return SourceLocation(file: page.sourceFile, line: lineNumber, column: column)
    }

    // MARK: Text

    /// The part before the first `#` and the part after it, if there is one.
    static func splitFragment(_ written: String) -> (Substring, String?) {
        let text = Substring(written)
        guard let hash = firstIndex(of: "#", in: text) else { return (text, nil) }
        return (text[..<hash], String(text[text.index(after: hash)...]))
    }

    /// The first `character` (an ASCII one) in `text`. ASCII text is searched by byte, which
    /// finds the same place as a search by Character far faster; other text by Character.
    static func firstIndex(of character: Character, in text: Substring) -> Substring.Index? {
        let byte = character.asciiValue!
        // Over contiguous bytes (nearly always): walking `Substring.UTF8View` by index cost
        // more than the rest of resolving a link. The closure gives the byte offset, or
        // `notFound` in ASCII text, or `notASCII`.
        let notFound = -1, notASCII = -2
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            var high: UInt8 = 0
            for b in bytes { high |= b }
            guard high < 0x80 else { return notASCII }
            return bytes.firstIndex(of: byte) ?? notFound
        }
        switch found {
        case notFound?: return nil
        case let offset? where offset >= 0: return text.utf8.index(text.startIndex, offsetBy: offset)
        default:
            var ascii = true
            for b in text.utf8 where b >= 0x80 { ascii = false; break }
            return ascii ? text.utf8.firstIndex(of: byte) : text.firstIndex(of: character)
        }
    }

    /// `%20` decoded; text without `%` (nearly every link) as it is, without Foundation's decoder.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(37) else { return text }
        return text.removingPercentEncoding ?? text
    }

    /// Whether `written` starts with `file:` in any case.
    static func isFileURL(_ written: String) -> Bool {
        // The sixth byte too: a combining mark after `:` would make `:` another Character.
        var ascii = true
        for b in written.utf8.prefix(6) where b >= 0x80 { ascii = false; break }
        guard ascii else { return written.lowercased().hasPrefix("file:") }
        return written.utf8.count >= 5 && zip(written.utf8.prefix(5), "file:".utf8).allSatisfy { a, b in
            (a >= 65 && a <= 90 ? a + 32 : a) == b
        }
    }

    /// The folder of a file under `content/`: `a/b` for `a/b/c.md`, `` for `c.md`.
    static func folder(of path: String) -> String {
        let bytes = path.utf8
        let plain = bytes.first != 47 && bytes.last != 47 && !zip(bytes, bytes.dropFirst()).contains { $0 == 47 && $1 == 47 }
        guard plain else { return PathText.parent(of: path) }
        guard let slash = bytes.lastIndex(of: 47) else { return "" }
        return String(path[..<slash])
    }

    /// How many bytes of `path` are its folder (up to its last `/`, or 0 without one), for an
    /// ASCII path that starts and ends without `/` and has no `//`: what
    /// `NSString.deletingLastPathComponent` keeps of it. Nil for any other path.
    static func plainFolderEnd(_ path: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = path.first else { return 0 }
        guard first != 47, path.last != 47, first < 0x80 else { return nil }
        var slash = 0
        for i in 1..<path.count {
            let b = path[i]
            if b >= 0x80 { return nil }
            if b == 47 {
                if path[i - 1] == 47 { return nil }
                slash = i
            }
        }
        return slash
    }

    /// `folder` + `path` with `.` and `..` applied; nil when it climbs above the root.
    static func join(_ folder: String, _ path: String) -> String? {
        var folder = folder, path = path
        return folder.withUTF8 { f in path.withUTF8 { p in join(f, p) } }
    }

    static func join(_ folder: UnsafeBufferPointer<UInt8>, _ path: UnsafeBufferPointer<UInt8>) -> String? {
        var joined = JoinedPath(capacity: folder.count + path.count + 1)
        guard joined.add(folder), joined.add(path) else { return nil }
        joined.keepTrailingSlash(of: path)
        return joined.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// `path` written relative to `folder`, for suggestions that can be pasted into the link.
    func relative(_ path: String, from folder: String) -> String {
        let from = folder.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return String(repeating: "../", count: from.count - common) + to[common...].joined(separator: "/")
    }

    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}

/// A link's place in its file, worked out only when a diagnostic needs the column. It holds
/// what that needs rather than the `Context`: one is made per link, and copying a context
/// retains and releases every table of the graph.
struct LazyLocation {
    let source: Page
    let contentRoot: String
    let bodyLine: Int
    let byteColumn: Int

    init(source: Page, contentRoot: String, line: Int, byteColumn: Int) {
        self.source = source
        self.contentRoot = contentRoot
        bodyLine = line
        self.byteColumn = byteColumn
    }

    var line: Int { source.bodyLineOffset + bodyLine }
    var value: SourceLocation { Context.location(in: source, contentRoot: contentRoot, line: bodyLine, byteColumn: byteColumn) }
}
