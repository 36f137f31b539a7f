import DocGenCore

/// The hub's typed pages and how they refer to each other: which pages, tasks and tools belong
/// to a role, which pages help with a task, which pages mention a tool, the tags.
public struct Hub: Sendable {
    public var roles: [Int] = []
    public var tasks: [Int] = []
    public var tools: [Int] = []
    public var terms: [Int] = []
    var pagesForRole: [String: [Int]] = [:]
    var pagesForTask: [String: [Int]] = [:]
    var toolsForTask: [String: Set<Int>] = [:]
    var tasksForTool: [String: Set<Int>] = [:]
    var pagesForTool: [String: Set<Int>] = [:]
    var pagesForTag: [String: [Int]] = [:]
    var tagNames: [String: String] = [:]
    /// Each task's prerequisites, first to do first, itself excluded.
    var chains: [String: [Int]] = [:]
    /// Pages of a role's reading path, in order.
    var start: [String: [Int]] = [:]

    public init(graph: DocumentGraph, into diagnostics: inout Diagnostics) {
        let pages = graph.pages
        // Sort keys worked out once per page, not in every comparison.
        let titles = graph.lowerTitles
        let weights = pages.map { $0.meta.weight ?? Int.max / 2 }
        let byTitle: (Int, Int) -> Bool = { a, b in
            (weights[a], titles[a], pages[a].url) < (weights[b], titles[b], pages[b].url)
        }
        for (i, page) in pages.enumerated() {
            switch page.kind {
            case .role: roles.append(i)
            case .task: tasks.append(i)
            case .tool: tools.append(i)
            case .term: terms.append(i)
            default: break
            }
        }
        roles.sort(by: byTitle); tasks.sort(by: byTitle); tools.sort(by: byTitle)
        terms.sort { titles[$0] < titles[$1] }
        let roleIDs = graph.typedIDs(.role), taskIDs = graph.typedIDs(.task), toolIDs = graph.typedIDs(.tool)

        func check(_ refs: [Reference], in table: [String: Int], kind: String) -> [Reference] {
            refs.filter { ref in
                if table[ref.id] != nil { return true }
                diagnostics.append(Diagnostic.error("reference-unknown", "unknown \(kind) '\(ref.id)'", at: ref.location)
                    .suggesting(Suggestion.nearest(to: ref.id, in: table.keys)))
                return false
            }
        }
        for (i, page) in pages.enumerated() where page.path != nil {
            for ref in check(page.meta.roles, in: roleIDs, kind: "role") where page.kind != .role {
                pagesForRole[ref.id, default: []].append(i)
            }
            for ref in check(page.meta.tasks, in: taskIDs, kind: "task") {
                if page.kind == .tool { tasksForTool[page.shortID, default: []].insert(taskIDs[ref.id]!); toolsForTask[ref.id, default: []].insert(i) }
                else if page.kind != .task { pagesForTask[ref.id, default: []].append(i) }
            }
            for ref in check(page.meta.tools, in: toolIDs, kind: "tool") {
                if page.kind == .task { toolsForTask[page.shortID, default: []].insert(toolIDs[ref.id]!); tasksForTool[ref.id, default: []].insert(i) }
                else { pagesForTool[ref.id, default: []].insert(i) }
            }
            if page.kind == .task {
                _ = check(page.meta.prerequisites, in: taskIDs, kind: "task")
            }
            if page.kind == .role {
                start[page.shortID] = page.meta.start.compactMap { ref in
                    if let found = graph.byID[ref.id] ?? graph.byShortID[ref.id].flatMap({ $0.count == 1 ? $0[0] : nil }) { return found }
                    diagnostics.append(Diagnostic.error("reference-unknown", "unknown page '\(ref.id)' in the reading path", at: ref.location)
                        .suggesting(Suggestion.nearest(to: ref.id, in: graph.byID.keys)))
                    return nil
                }
            }
            for tag in page.meta.tags {
                let slug = Slug.segment(tag)
                pagesForTag[slug, default: []].append(i)
                if tagNames[slug] == nil { tagNames[slug] = tag }
            }
        }
        for key in pagesForRole.keys { pagesForRole[key]!.sort(by: byTitle) }
        for key in pagesForTask.keys { pagesForTask[key]!.sort(by: byTitle) }
        for key in pagesForTag.keys { pagesForTag[key]!.sort(by: byTitle) }
        // Every role any page names (role pages too), gathered once, when a role first needs it.
        var named: Set<String>?
        for role in roles where pagesForRole[pages[role].shortID] == nil {
            if named == nil { named = Set(pages.lazy.flatMap { $0.meta.roles.lazy.map(\.id) }) }
            if named!.contains(pages[role].shortID) { continue }
            diagnostics.append(.warning("role-unused", "no page names the role '\(pages[role].shortID)' in its 'roles:'",
                                        at: SourceLocation(file: pages[role].sourceFile, line: 1, column: 1)))
        }
        chains = Self.prerequisiteChains(pages: pages, tasks: tasks, ids: taskIDs, into: &diagnostics)
    }

    /// Depth-first order of every task's prerequisites; a cycle is an error printing the cycle.
    static func prerequisiteChains(pages: [Page], tasks: [Int], ids: [String: Int],
                                   into diagnostics: inout Diagnostics) -> [String: [Int]] {
        var chains: [String: [Int]] = [:]
        var reported: Set<String> = []
        for task in tasks {
            var order: [Int] = []
            var done: Set<Int> = []
            var stack: [Int] = []
            func visit(_ t: Int) {
                if let at = stack.firstIndex(of: t) {
                    let cycle = (stack[at...] + [t]).map { pages[$0].shortID }
                    let key = Set(cycle).sorted().joined(separator: ",")
                    if reported.insert(key).inserted {
                        let ref = pages[stack.last!].meta.prerequisites.first { $0.id == pages[t].shortID }
                        diagnostics.append(.error("prerequisite-cycle", "prerequisites form a cycle: \(cycle.joined(separator: " → "))",
                                                  at: ref?.location ?? SourceLocation(file: pages[t].sourceFile, line: 1, column: 1)))
                    }
                    return
                }
                if done.contains(t) { return }
                stack.append(t)
                for ref in pages[t].meta.prerequisites { if let p = ids[ref.id] { visit(p) } }
                stack.removeLast()
                done.insert(t)
                order.append(t)
            }
            visit(task)
            chains[pages[task].shortID] = order.filter { $0 != task }
        }
        return chains
    }
}
