import DocGenCore

/// The template data of typed and generated pages (see docs/THEME-CONTEXT.md, "Per page kind").
struct HubContext {
    let hub: Hub
    let graph: DocumentGraph
    let page: PageContext

    var pages: [Page] { graph.pages }

    func extra(for index: Int) -> [String: Any] {
        let p = pages[index]
        switch p.kind {
        case .role: return role(index)
        case .roles: return ["roles": hub.roles.map { r -> [String: Any] in
            var item = page.link(to: r, from: p)
            item["pages"] = hub.pagesForRole[pages[r].shortID]?.count ?? 0
            item["tasks"] = tasksOf(role: pages[r].shortID).count
            return item
        }]
        case .task: return task(index)
        case .tasks: return tasksIndex(index)
        case .tool: return tool(index)
        case .tools: return toolsIndex(index)
        case .glossary: return glossary(index)
        case .tags:
            return ["tags": hub.pagesForTag.keys.sorted().map { slug -> [String: Any] in
                ["name": hub.tagNames[slug] ?? slug, "href": page.href(to: "tags/\(slug)/", from: p), "count": hub.pagesForTag[slug]!.count]
            }]
        case .tag:
            let slug = String(p.id.dropFirst("tags/".count))
            return ["tag": hub.tagNames[slug] ?? slug, "pages": (hub.pagesForTag[slug] ?? []).map { page.link(to: $0, from: p) }]
        case .sitemap:
            return ["sections": sitemap(from: p)]
        default: return [:]
        }
    }

    private func taskItem(_ t: Int, from p: Page) -> [String: Any] {
        var item = page.link(to: t, from: p)
        if let time = pages[t].meta.time { item["time"] = time }
        if let d = pages[t].meta.difficulty { item["difficulty"] = d.rawValue }
        return item
    }

    private func tasksOf(role: String) -> [Int] {
        hub.tasks.filter { pages[$0].meta.roles.contains { $0.id == role } }
    }

    private func groups(_ tasks: [Int], from p: Page) -> [[String: Any]] {
        Difficulty.allCases.compactMap { d in
            let list = tasks.filter { pages[$0].meta.difficulty == d }
            guard !list.isEmpty else { return nil }
            return ["difficulty": d.rawValue, "label": d.rawValue.prefix(1).uppercased() + d.rawValue.dropFirst(),
                    "tasks": list.map { taskItem($0, from: p) }]
        }
    }

    private func role(_ index: Int) -> [String: Any] {
        let p = pages[index]
        let id = p.shortID
        let start = (hub.start[id] ?? []).enumerated().map { n, t -> [String: Any] in
            var item = page.link(to: t, from: p); item["n"] = n + 1; return item
        }
        let tasks = tasksOf(role: id)
        let members = hub.pagesForRole[id] ?? []
        var bySection: [String: [Int]] = [:]
        // Tasks and tools have their own lists on the role page.
        for m in members where pages[m].kind != .task && pages[m].kind != .tool {
            bySection[pages[m].url.split(separator: "/").first.map(String.init) ?? "", default: []].append(m)
        }
        let sections = bySection.keys.sorted().map { key -> [String: Any] in
            let title = graph.index(ofURL: key.isEmpty ? "" : key + "/").map { pages[$0].title } ?? Navigation.humanize(key)
            return ["title": key.isEmpty ? "Home" : title, "pages": bySection[key]!.map { page.link(to: $0, from: p) }]
        }
        var toolSet = Set<Int>()
        for t in tasks { toolSet.formUnion(hub.toolsForTask[pages[t].shortID] ?? []) }
        for tool in hub.tools where pages[tool].meta.roles.contains(where: { $0.id == id }) { toolSet.insert(tool) }
        let tools = hub.tools.filter(toolSet.contains).map { t -> [String: Any] in
            var item = page.link(to: t, from: p); item["status"] = pages[t].meta.status?.rawValue ?? ""; return item
        }
        return ["start": start, "has_start": !start.isEmpty, "task_groups": groups(tasks, from: p),
                "page_sections": sections, "tools": tools,
                "counts": ["pages": members.count, "tasks": tasks.count, "tools": tools.count]]
    }

    private func task(_ index: Int) -> [String: Any] {
        let p = pages[index]
        let id = p.shortID
        let chain = (hub.chains[id] ?? []).enumerated().map { n, t -> [String: Any] in
            var item = taskItem(t, from: p); item["n"] = n + 1; return item
        }
        let tools = hub.tools.filter { (hub.toolsForTask[id] ?? []).contains($0) }.map { page.link(to: $0, from: p) }
        let roles = p.meta.roles.compactMap { graph.typedIDs(.role)[$0.id] }.map { page.link(to: $0, from: p) }
        var info: [String: Any] = [:]
        if let d = p.meta.difficulty { info["difficulty"] = d.rawValue }
        if let t = p.meta.time { info["time"] = t }
        return ["task": info, "prerequisites": chain, "has_prerequisites": !chain.isEmpty,
                "helpful_pages": (hub.pagesForTask[id] ?? []).map { page.link(to: $0, from: p) },
                "tools": tools, "task_roles": roles]
    }

    private func tasksIndex(_ index: Int) -> [String: Any] {
        let p = pages[index]
        let byRole = hub.roles.compactMap { r -> [String: Any]? in
            let list = tasksOf(role: pages[r].shortID)
            guard !list.isEmpty else { return nil }
            var item = page.link(to: r, from: p); item["tasks"] = list.map { taskItem($0, from: p) }; return item
        }
        return ["good_first": hub.tasks.filter { pages[$0].meta.difficulty == .easy }.map { taskItem($0, from: p) },
                "by_role": byRole, "by_difficulty": groups(hub.tasks, from: p)]
    }

    private func toolInfo(_ t: Int) -> [String: Any] {
        let m = pages[t].meta
        var info: [String: Any] = ["status": m.status?.rawValue ?? "", "maintainers": m.maintainers, "languages": m.languages]
        if let l = m.license { info["license"] = l }
        if let r = m.repository { info["repository"] = r }
        return info
    }

    private func tool(_ index: Int) -> [String: Any] {
        let p = pages[index]
        let id = p.shortID
        let taskIndices = hub.tasks.filter { (hub.tasksForTool[id] ?? []).contains($0) }
        let tasks = taskIndices.map { taskItem($0, from: p) }
        // Pages that name the tool in front matter or link to it, except the tasks listed above.
        var mentions = hub.pagesForTool[id] ?? []
        mentions.formUnion(page.resolved.backlinks[index])
        mentions.subtract(taskIndices)
        let sorted = mentions.sorted { (pages[$0].title.lowercased(), pages[$0].url) < (pages[$1].title.lowercased(), pages[$1].url) }
        return ["tool": toolInfo(index), "tool_tasks": tasks, "mentions": sorted.map { page.link(to: $0, from: p) }]
    }

    private func toolsIndex(_ index: Int) -> [String: Any] {
        let p = pages[index]
        var languages = Set<String>()
        let tools = hub.tools.map { t -> [String: Any] in
            var item = page.link(to: t, from: p).merging(toolInfo(t)) { a, _ in a }
            let m = pages[t].meta
            languages.formUnion(m.languages)
            item["tool_tasks"] = hub.tasks.filter { (hub.tasksForTool[pages[t].shortID] ?? []).contains($0) }.map { page.link(to: $0, from: p) }
            item["data_languages"] = m.languages.map { Slug.segment($0.replacingOccurrences(of: "+", with: "p").replacingOccurrences(of: "#", with: "sharp")) }.joined(separator: " ")
            item["data_roles"] = m.roles.map(\.id).joined(separator: " ")
            return item
        }
        let statuses = ToolStatus.allCases.map(\.rawValue).filter { s in hub.tools.contains { pages[$0].meta.status?.rawValue == s } }
        let langs = languages.sorted { $0.lowercased() < $1.lowercased() }.map { l -> [String: Any] in
            ["name": l, "value": Slug.segment(l.replacingOccurrences(of: "+", with: "p").replacingOccurrences(of: "#", with: "sharp"))]
        }
        let roles = hub.roles.map { r -> [String: Any] in ["id": pages[r].shortID, "title": pages[r].title] }
        return ["tools": tools, "filters": ["statuses": statuses, "languages": langs, "roles": roles]]
    }

    private func glossary(_ index: Int) -> [String: Any] {
        let p = pages[index]
        var letters: [(String, [[String: Any]])] = []
        for t in hub.terms {
            let term = pages[t]
            let letter = String(term.title.prefix(1)).uppercased()
            var item = page.link(to: t, from: p)
            item["id"] = term.shortID
            item["short"] = term.meta.short ?? ""
            item["synonyms"] = term.meta.synonyms
            if letters.last?.0 == letter { letters[letters.count - 1].1.append(item) } else { letters.append((letter, [item])) }
        }
        return ["letters": letters.map { ["letter": $0.0, "terms": $0.1] }]
    }

    private func sitemap(from p: Page) -> [[String: Any]] {
        var bySection: [String: [Int]] = [:]
        for (i, q) in pages.enumerated() where q.path != nil || [.roles, .tasks, .tools, .glossary].contains(q.kind) {
            bySection[q.url.split(separator: "/").first.map(String.init) ?? "", default: []].append(i)
        }
        // Sections in sidebar order, pages in reading order.
        let sectionOrder = [""] + page.navigation.root.children.compactMap(\.folder)
        let keys = sectionOrder.filter { bySection[$0] != nil } + bySection.keys.filter { !sectionOrder.contains($0) }.sorted()
        return keys.map { key -> [String: Any] in
            let list = bySection[key]!.sorted {
                let (a, b) = (page.navigation.position[$0], page.navigation.position[$1])
                return a != b ? (a < 0 ? Int.max : a) < (b < 0 ? Int.max : b) : pages[$0].url < pages[$1].url
            }
            let title = key.isEmpty ? "Home" : (graph.index(ofURL: key + "/").map { pages[$0].title } ?? Navigation.humanize(key))
            return ["title": title, "pages": list.map { page.link(to: $0, from: p) }]
        }
    }
}

