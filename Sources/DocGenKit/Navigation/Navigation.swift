import DocGenCore

/// The section tree built from the folder tree: a folder is a section, its `index.md` the
/// section page; entries ordered by `weight`, then title.
public struct Navigation: Sendable {
    public struct Node: Sendable {
        public var page: Int?
        public var folder: String?
        public var title: String
        public var url: String
        public var id: String
        public var children: [Node]
    }

    public var root: Node
    /// Pages in reading order (depth first), for previous/next links.
    public var order: [Int]
    /// Position of each page in `order`, -1 when the page is not in the navigation.
    public var position: [Int]
    /// Each folder's index page, if it has one.
    public var folderIndex: [String: Int]
    /// Every folder that holds pages.
    public var folders: [String]

    public init(pages: [Page]) {
        var folderIndex: [String: Int] = [:]
        var members: [String: [Int]] = [:]
        var folderSet: Set<String> = [""]
        for (i, page) in pages.enumerated() where page.inNavigation {
            if page.isIndex {
                folderIndex[page.folder] = i
            } else {
                members[page.folder, default: []].append(i)
            }
            var f = page.folder
            // A folder already seen has had its parents added too.
            while !f.isEmpty, folderSet.insert(f).inserted { f = Navigation.parent(of: f) }
        }
        var subfolders: [String: [String]] = [:]
        for f in folderSet where !f.isEmpty { subfolders[Navigation.parent(of: f), default: []].append(f) }

        func weight(_ page: Int?) -> Int { page.flatMap { pages[$0].meta.weight } ?? Int.max / 2 }
        func folderNode(_ folder: String) -> Node {
            let index = folderIndex[folder]
            var children: [(Int, String, Node)] = []
            for f in subfolders[folder] ?? [] {
                let node = folderNode(f)
                children.append((weight(node.page), node.title.lowercased(), node))
            }
            for p in members[folder] ?? [] {
                let node = Node(page: p, folder: nil, title: pages[p].title, url: pages[p].url, id: pages[p].id, children: [])
                children.append((weight(p), pages[p].title.lowercased(), node))
            }
            children.sort { ($0.0, $0.1, $0.2.url) < ($1.0, $1.1, $1.2.url) }
            let name = folder.split(separator: "/").last.map(String.init) ?? ""
            let title = index.map { pages[$0].title } ?? Navigation.humanize(name)
            return Node(page: index, folder: folder, title: title, url: folder.isEmpty ? "" : folder + "/",
                        id: index.map { pages[$0].id } ?? folder, children: children.map(\.2))
        }
        root = folderNode("")
        var order: [Int] = []
        func visit(_ node: Node) {
            if let p = node.page { order.append(p) }
            node.children.forEach(visit)
        }
        visit(root)
        self.order = order
        var position = [Int](repeating: -1, count: pages.count)
        for (n, p) in order.enumerated() { position[p] = n }
        self.position = position
        self.folderIndex = folderIndex
        self.folders = folderSet.sorted()
    }

    static func parent(of folder: String) -> String {
        guard let slash = folder.lastIndex(of: "/") else { return "" }
        return String(folder[..<slash])
    }

    /// `getting-started` → `Getting started`.
    static func humanize(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Ancestor folders of `folder`, outermost first, `""` (home) included.
    static func ancestors(of folder: String) -> [String] {
        var out = [""]
        var path = ""
        for part in folder.split(separator: "/") {
            path = path.isEmpty ? String(part) : path + "/" + part
            out.append(path)
        }
        return out
    }
}

extension Page {
    /// Content pages and typed-folder listings show in the section navigation; tag pages, the
    /// search page, the site map and 404 do not.
    var inNavigation: Bool {
        switch kind {
        case .tags, .tag, .search, .sitemap, .notFound: return false
        default: return true
        }
    }
}

import Foundation
