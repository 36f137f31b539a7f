import DocGenCore

/// A page nobody links to and that the navigation does not show is hard to find: a warning,
/// unless `orphans: ignore`. Pages hidden from the navigation are those with `nav: false`...
/// docgen's navigation lists every content page, so an orphan is a page with no inbound link
/// that is also not a section page, the home page or a typed page listed by a generated index.
struct Orphans {
    let policy: OrphanPolicy

    func check(graph: DocumentGraph, resolved: ResolvedGraph, into diagnostics: inout Diagnostics) {
        guard policy == .warn else { return }
        var onReadingPaths = Set<String>()
        for p in graph.pages where p.kind == .role { for ref in p.meta.start { onReadingPaths.insert(ref.id) } }
        for (i, page) in graph.pages.enumerated() where page.path != nil && page.kind == .page && !page.isIndex {
            if resolved.backlinks[i].isEmpty && !onReadingPaths.contains(page.id) && !onReadingPaths.contains(page.shortID) {
                diagnostics.append(.warning("page-orphan", "no page links to '\(page.id)'; readers only find it through the sidebar or search",
                                            at: SourceLocation(file: page.sourceFile, line: 1, column: 1),
                                            notes: [.init("link to it with [[\(page.id)]], or set 'orphans: ignore' in docgen.yml")]))
            }
        }
    }
}
