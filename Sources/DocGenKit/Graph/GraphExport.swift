import DocGenCore

/// The document graph as data: `output/graph.json` and `docgen graph`.
public enum GraphExport {
    public static func json(graph: DocumentGraph, resolved: ResolvedGraph, urls: URLScheme) -> String {
        let pages = graph.pages
        var links: [(file: String, line: Int, source: Int, target: Int)] = []
        for i in pages.indices {
            guard let file = pages[i].path else { continue }
            for link in resolved.links[i] {
                guard let t = link.target else { continue }
                links.append(("content/" + file, link.line, i, t))
            }
        }
        links.sort { ($0.file, $0.line, pages[$0.target].id) < ($1.file, $1.line, pages[$1.target].id) }
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
