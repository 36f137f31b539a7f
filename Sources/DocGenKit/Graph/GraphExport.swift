import DocGenCore

/// The document graph as data: `output/graph.json` and `docgen graph`.
public enum GraphExport {
    public static func json(graph: DocumentGraph, resolved: ResolvedGraph, urls: URLScheme) -> String {
        let pages = graph.pages
        // Sorted by file, line and target: each page has its own file, so pages are sorted by
        // path once and each page's links among themselves (not 100,000 links by three keys).
        var links: [(file: String, line: Int, source: Int, target: Int)] = []
        let sources = pages.indices.filter { pages[$0].path != nil }.sorted { pages[$0].path! < pages[$1].path! }
        for i in sources {
            let file = "content/" + pages[i].path!
            var own: [(file: String, line: Int, source: Int, target: Int)] = []
            for link in resolved.links[i] {
                guard let t = link.target else { continue }
                own.append((file, link.line, i, t))
            }
            own.sort { ($0.line, pages[$0.target].id) < ($1.line, pages[$1.target].id) }
            links += own
        }
        var out = "{\n\"links\":[\n"
        out.reserveCapacity(links.count * 120 + pages.count * 200)
        for (n, l) in links.enumerated() {
            if n > 0 { out += ",\n" }
            out += "{\"file\":" + JSONText.quote(l.file) + ",\"line\":" + String(l.line)
            out += ",\"source\":" + JSONText.quote(pages[l.source].id) + ",\"target\":" + JSONText.quote(pages[l.target].id) + "}"
        }
        out += "\n],\n\"pages\":[\n"
        for (n, i) in pages.indices.sorted(by: { pages[$0].id < pages[$1].id }).enumerated() {
            let p = pages[i]
            if n > 0 { out += ",\n" }
            out += "{\"id\":" + JSONText.quote(p.id) + ",\"roles\":" + JSONText.strings(p.meta.roles.map(\.id))
            out += ",\"tasks\":" + JSONText.strings(p.meta.tasks.map(\.id)) + ",\"title\":" + JSONText.quote(p.title)
            out += ",\"type\":" + JSONText.quote(p.kind.rawValue) + ",\"url\":" + JSONText.quote(p.url) + "}"
        }
        return out + "\n]\n}\n"
    }

    /// Graphviz text: one node per content page, one edge per distinct link.
    public static func dot(graph: DocumentGraph, resolved: ResolvedGraph) -> String {
        let pages = graph.pages
        var out = "digraph docgen {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n"
        for i in pages.indices.sorted(by: { pages[$0].id < pages[$1].id }) where pages[i].path != nil {
            out += "  \(JSONText.quote(pages[i].id)) [label=\(JSONText.quote(pages[i].title))];\n"
        }
        var edges = Set<String>()
        for i in pages.indices where pages[i].path != nil {
            for link in resolved.links[i] {
                if let t = link.target, t != i, pages[t].path != nil {
                    edges.insert("  \(JSONText.quote(pages[i].id)) -> \(JSONText.quote(pages[t].id));\n")
                }
            }
        }
        return out + edges.sorted().joined() + "}\n"
    }
}
