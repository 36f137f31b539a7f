import DocGenCore

/// The document graph as data: `output/graph.json` and `docgen graph`.
public enum GraphExport {
    public static func json(graph: DocumentGraph, resolved: ResolvedGraph, urls: URLScheme) -> String {
        String(decoding: jsonBytes(graph: graph, resolved: resolved), as: UTF8.self)
    }

    /// `graph.json` as bytes. Links are sorted by file, line and target: each page has its own
    /// file, so pages are sorted by path once and each page's links among themselves; every id
    /// is quoted once, not once per link that names it.
    public static func jsonBytes(graph: DocumentGraph, resolved: ResolvedGraph) -> [UInt8] {
        let pages = graph.pages
        let quotedIDs: [[UInt8]] = Parallel.map(pages.count) { i in
            var out: [UInt8] = []
            JSONText.appendQuoted(pages[i].id, to: &out)
            return out
        }
        // Each page's place in id order: links on one line sort by it, with no String compared.
        let byID = pages.indices.sorted { pages[$0].id < pages[$1].id }
        var rank = [Int](repeating: 0, count: pages.count)
        for (n, i) in byID.enumerated() { rank[i] = n }
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * 1_200)
        out.append(contentsOf: "{\n\"links\":[\n".utf8)
        var first = true
        let sources = pages.indices.filter { pages[$0].path != nil }.sorted { pages[$0].path! < pages[$1].path! }
        for i in sources {
            var own: [(line: Int, target: Int)] = []
            for link in resolved.links[i] {
                guard let t = link.target else { continue }
                own.append((link.line, t))
            }
            guard !own.isEmpty else { continue }
            own.sort { ($0.line, rank[$0.target]) < ($1.line, rank[$1.target]) }
            var file: [UInt8] = []
            JSONText.appendQuoted("content/" + pages[i].path!, to: &file)
            for l in own {
                if !first { out.append(contentsOf: ",\n".utf8) }
                first = false
                out.append(contentsOf: "{\"file\":".utf8)
                out.append(contentsOf: file)
                out.append(contentsOf: ",\"line\":".utf8)
                appendDecimal(l.line, to: &out)
                out.append(contentsOf: ",\"source\":".utf8)
                out.append(contentsOf: quotedIDs[i])
                out.append(contentsOf: ",\"target\":".utf8)
                out.append(contentsOf: quotedIDs[l.target])
                out.append(125)
            }
        }
        out.append(contentsOf: "\n],\n\"pages\":[\n".utf8)
        for (n, i) in byID.enumerated() {
            let p = pages[i]
            if n > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: "{\"id\":".utf8)
            out.append(contentsOf: quotedIDs[i])
            out.append(contentsOf: (",\"roles\":" + JSONText.strings(p.meta.roles.map(\.id))
                + ",\"tasks\":" + JSONText.strings(p.meta.tasks.map(\.id)) + ",\"title\":").utf8)
            JSONText.appendQuoted(p.title, to: &out)
            out.append(contentsOf: ",\"type\":".utf8)
            JSONText.appendQuoted(p.kind.rawValue, to: &out)
            out.append(contentsOf: ",\"url\":".utf8)
            JSONText.appendQuoted(p.url, to: &out)
            out.append(125)
        }
        out.append(contentsOf: "\n]\n}\n".utf8)
        return out
    }

    /// `number` (a line number, not negative) in decimal, without making a String of it.
    private static func appendDecimal(_ number: Int, to out: inout [UInt8]) {
        if number >= 10 { appendDecimal(number / 10, to: &out) }
        out.append(UInt8(48 + number % 10))
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
