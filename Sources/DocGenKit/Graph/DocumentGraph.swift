import DocGenCore

/// Every page of the site and the ways a link can name one: id, file path, URL, short name,
/// typed id, alias. Built once; lookups are hash lookups, so resolving links stays linear.
public struct DocumentGraph: Sendable {
    public let pages: [Page]
    var byID: [String: Int] = [:]
    var byPath: [String: Int] = [:]
    var byLowerPath: [String: Int] = [:]
    var byLowerID: [String: Int] = [:]
    var byURL: [String: Int] = [:]
    var byShortID: [String: [Int]] = [:]
    var bySlug: [String: Int] = [:]
    var aliases: [String: Int] = [:]
    var typed: [PageKind: [String: Int]] = [:]
    var anchors: [Set<String>]
    var assets: Set<String>
    var lowerAssets: [String: String] = [:]
    /// Each page's title lower-cased, the first key of every title order (backlinks, hub lists).
    let lowerTitles: [String]

    public init(pages: [Page], assets: [String], into diagnostics: inout Diagnostics) {
        self.pages = pages
        self.assets = Set(assets)
        self.anchors = pages.map { page in Set(page.document?.headings.map(\.id) ?? []) }
        self.lowerTitles = Parallel.map(pages.count) { pages[$0].title.lowercased() }
        for asset in assets { lowerAssets[asset.lowercased()] = asset }
        byID.reserveCapacity(pages.count)
        byLowerID.reserveCapacity(pages.count)
        byURL.reserveCapacity(pages.count)
        byPath.reserveCapacity(pages.count)
        byLowerPath.reserveCapacity(pages.count)
        for (i, page) in pages.enumerated() {
            byID[page.id] = i
            byLowerID[page.id.lowercased()] = i
            byURL[page.url] = i
            if let path = page.path {
                byPath[path] = i
                byLowerPath[path.lowercased()] = i
            }
            if page.path != nil { byShortID[page.shortID, default: []].append(i) }
            if let slug = page.meta.slug { bySlug[slug] = i }
            switch page.kind {
            case .role, .task, .tool, .term: typed[page.kind, default: [:]][page.shortID] = i
            default: break
            }
        }
        registerAliases(into: &diagnostics)
    }

    public func index(ofURL url: String) -> Int? { byURL[url] }
    public func typedIDs(_ kind: PageKind) -> [String: Int] { typed[kind] ?? [:] }

    mutating func addAnchors(_ ids: [String], to page: Int) { anchors[page].formUnion(ids) }

    /// `aliases: [old/path]` of each page: the old URL paths that redirect to it.
    private mutating func registerAliases(into diagnostics: inout Diagnostics) {
        var owner: [String: (Int, SourceLocation)] = [:]
        for (i, page) in pages.enumerated() {
            for alias in page.meta.aliases {
                let key = Self.normalizeAlias(alias.id)
                if key.isEmpty { continue }
                if let other = byURL[key] {
                    diagnostics.append(.error("alias-collision",
                                              "alias '\(alias.id)' is the URL of the page '\(pages[other].sourceFile)'",
                                              at: alias.location,
                                              notes: [.init("that page is here", at: SourceLocation(file: pages[other].sourceFile, line: 1, column: 1))]))
                } else if let (first, location) = owner[key] {
                    diagnostics.append(.error("alias-collision",
                                              "alias '\(alias.id)' is already an alias of '\(pages[first].sourceFile)'",
                                              at: alias.location, notes: [.init("first declared here", at: location)]))
                } else {
                    owner[key] = (i, alias.location)
                    aliases[key] = i
                }
            }
        }
    }

    /// `/old/path.md`, `old/path/`, `old/path.html` → `old/path/`.
    static func normalizeAlias(_ alias: String) -> String {
        var s = alias.trimmingCharacters(in: .whitespaces)
        while s.hasPrefix("/") { s.removeFirst() }
        for ext in [".md", ".html"] where s.hasSuffix(ext) { s.removeLast(ext.count) }
        if s.hasSuffix("/index") { s.removeLast(6) }
        while s.hasSuffix("/") { s.removeLast() }
        return s.isEmpty ? "" : s + "/"
    }

    public var aliasURLs: [(url: String, page: Int)] {
        aliases.map { ($0.key, $0.value) }.sorted { $0.url < $1.url }
    }
}

import Foundation
