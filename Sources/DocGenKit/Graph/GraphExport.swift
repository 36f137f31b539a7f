import DocGenCore

/// The document graph as data: `output/graph.json` and `docgen graph`.
public enum GraphExport {
    public static func json(graph: DocumentGraph, resolved: ResolvedGraph, urls: URLScheme) -> String {
        let pages = graph.pages
        let order = pages.indices.sorted { pages[$0].id < pages[$1].id }
        var out = "{\n\"links\":[\n"
        var links: [(String, Int, String, String)] = []
        for i in pages.indices {
            guard let file = pages[i].path else { continue }
            for link in resolved.links[i] {
                guard let t = link.target else { continue }
                links.append(("content/" + file, link.line, pages[i].id, pages[t].id))
            }
        }
        links.sort { ($0.0, $0.1, $0.3) < ($1.0, $1.1, $1.3) }
        out += links.map { l in
            JSONText.object([("file", JSONText.quote(l.0)), ("line", String(l.1)), ("source", JSONText.quote(l.2)), ("target", JSONText.quote(l.3))])
        }.joined(separator: ",\n")
        out += "\n],\n\"pages\":[\n"
        out += order.map { i in
            let p = pages[i]
            return JSONText.object([("id", JSONText.quote(p.id)), ("roles", JSONText.strings(p.meta.roles.map(\.id))),
                                    ("tasks", JSONText.strings(p.meta.tasks.map(\.id))), ("title", JSONText.quote(p.title)),
                                    ("type", JSONText.quote(p.kind.rawValue)), ("url", JSONText.quote(p.url))])
        }.joined(separator: ",\n")
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
