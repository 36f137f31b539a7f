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
        for asset in assets { lowerAssets[asset.lowercased()] = asset }
        // The tables do not depend on each other: each is filled on a core of its own, in page
        // order as one loop filled them, so a later page still wins a shared key.
        let tables = Parallel.map(Table.allCases.count) { Table.allCases[$0].fill(pages) }
        byID = tables[Table.id.rawValue].one
        byLowerID = tables[Table.lowerID.rawValue].one
        byURL = tables[Table.url.rawValue].one
        byPath = tables[Table.path.rawValue].one
        byLowerPath = tables[Table.lowerPath.rawValue].one
        bySlug = tables[Table.names.rawValue].one
        byShortID = tables[Table.names.rawValue].many
        typed = tables[Table.names.rawValue].typed
        anchors = Parallel.map(pages.count) { Set(pages[$0].document?.headings.map(\.id) ?? []) }
        lowerTitles = Parallel.map(pages.count) { pages[$0].title.lowercased() }
        registerAliases(into: &diagnostics)
    }

    /// The lookup tables `init` fills, one per core.
    private enum Table: Int, CaseIterable {
        case id, lowerID, url, path, lowerPath, names

        func fill(_ pages: [Page]) -> (one: [String: Int], many: [String: [Int]], typed: [PageKind: [String: Int]]) {
            var one = [String: Int](minimumCapacity: self == .names ? 0 : pages.count)
            var many: [String: [Int]] = [:]
            var typed: [PageKind: [String: Int]] = [:]
            for (i, page) in pages.enumerated() {
                switch self {
                case .id: one[page.id] = i
                case .lowerID: one[page.id.lowercased()] = i
                case .url: one[page.url] = i
                case .path: if let path = page.path { one[path] = i }
                case .lowerPath: if let path = page.path { one[path.lowercased()] = i }
                case .names:
                    if page.path != nil { many[page.shortID, default: []].append(i) }
                    if let slug = page.meta.slug { one[slug] = i }
                    switch page.kind {
                    case .role, .task, .tool, .term: typed[page.kind, default: [:]][page.shortID] = i
                    default: break
                    }
                }
            }
            return (one, many, typed)
        }
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
