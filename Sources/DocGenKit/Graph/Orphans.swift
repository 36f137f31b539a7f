import DocGenCore

/// A page nobody links to and that the navigation does not show is hard to find: a warning,
/// unless `orphans: ignore`. Pages hidden from the navigation are those with `nav: false`...
/// docgen's navigation lists every content page, so an orphan is a page with no inbound link
/// that is also not a section page, the home page or a typed page listed by a generated index.
struct Orphans {
    let policy: OrphanPolicy

    func check(graph: DocumentGraph, resolved: ResolvedGraph, into diagnostics: inout Diagnostics) {
        guard policy == .warn else { return }
        for (i, page) in graph.pages.enumerated() where page.path != nil && page.kind == .page && !page.isIndex {
            if resolved.backlinks[i].isEmpty && !linkedFromReadingPath(i, graph: graph) {
                diagnostics.append(.warning("page-orphan", "no page links to '\(page.id)'; readers only find it through the sidebar or search",
                                            at: SourceLocation(file: page.sourceFile, line: 1, column: 1),
                                            notes: [.init("link to it with [[\(page.id)]], or set 'orphans: ignore' in docgen.yml")]))
            }
        }
    }

    private func linkedFromReadingPath(_ page: Int, graph: DocumentGraph) -> Bool {
        let id = graph.pages[page].id
        return graph.pages.contains { p in p.kind == .role && p.meta.start.contains { $0.id == id || $0.id == graph.pages[page].shortID } }
    }
}
