import DocGenCore

/// The template data of typed and generated pages (see docs/THEME-CONTEXT.md, "Per page kind").
struct HubContext {
    let hub: Hub
    let graph: DocumentGraph
    let page: PageContext

    var pages: [Page] { graph.pages }

    func extra(for index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        switch p.kind {
        case .role: return role(index)
        case .roles: return ["roles": .list(hub.roles.map { r -> TemplateValue in
            var item = page.link(to: r, from: p)
            item["pages"] = .int(hub.pagesForRole[page.shortIDs[r]]?.count ?? 0)
            item["tasks"] = .int(tasksOf(role: page.shortIDs[r]).count)
            return .map(item)
        })]
        case .task: return task(index)
        case .tasks: return tasksIndex(index)
        case .tool: return tool(index)
        case .tools: return toolsIndex(index)
        case .glossary: return glossary(index)
        case .tags:
            return ["tags": .list(hub.pagesForTag.keys.sorted().map { slug -> TemplateValue in
                ["name": .string(hub.tagNames[slug] ?? slug), "href": .string(page.href(to: "tags/\(slug)/", from: p)),
                 "count": .int(hub.pagesForTag[slug]!.count)]
            })]
        case .tag:
            let slug = String(p.id.dropFirst("tags/".count))
            return ["tag": .string(hub.tagNames[slug] ?? slug), "pages": .list((hub.pagesForTag[slug] ?? []).map { page.linkValue(to: $0, from: p) })]
        case .sitemap:
            return ["sections": .list(sitemap(from: p))]
        default: return [:]
        }
    }

    private func taskItem(_ t: Int, from p: Page) -> [String: TemplateValue] {
        var item = page.link(to: t, from: p)
        if let time = pages[t].meta.time { item["time"] = .string(time) }
        if let d = pages[t].meta.difficulty { item["difficulty"] = .string(d.rawValue) }
        return item
    }

    private func tasksOf(role: String) -> [Int] {
        hub.tasks.filter { pages[$0].meta.roles.contains { $0.id == role } }
    }

    private func groups(_ tasks: [Int], from p: Page) -> TemplateValue {
        .list(Difficulty.allCases.compactMap { d in
            let list = tasks.filter { pages[$0].meta.difficulty == d }
            guard !list.isEmpty else { return nil }
            return ["difficulty": .string(d.rawValue), "label": .string(d.rawValue.prefix(1).uppercased() + d.rawValue.dropFirst()),
                    "tasks": .list(list.map { .map(taskItem($0, from: p)) })]
        })
    }

    private func role(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        let id = page.shortIDs[index]
        let start = (hub.start[id] ?? []).enumerated().map { n, t -> TemplateValue in
            var item = page.link(to: t, from: p); item["n"] = .int(n + 1); return .map(item)
        }
        let tasks = tasksOf(role: id)
        let members = hub.pagesForRole[id] ?? []
        var bySection: [String: [Int]] = [:]
        // Tasks and tools have their own lists on the role page.
        for m in members where pages[m].kind != .task && pages[m].kind != .tool {
            bySection[Self.section(of: pages[m].url), default: []].append(m)
        }
        let sections = bySection.keys.sorted().map { key -> TemplateValue in
            let title = graph.index(ofURL: key.isEmpty ? "" : key + "/").map { pages[$0].title } ?? Navigation.humanize(key)
            return ["title": .string(key.isEmpty ? "Home" : title), "pages": .list(bySection[key]!.map { page.linkValue(to: $0, from: p) })]
        }
        var toolSet = Set<Int>()
        for t in tasks { toolSet.formUnion(hub.toolsForTask[page.shortIDs[t]] ?? []) }
        for tool in hub.tools where pages[tool].meta.roles.contains(where: { $0.id == id }) { toolSet.insert(tool) }
        let tools = hub.tools.filter(toolSet.contains).map { t -> TemplateValue in
            var item = page.link(to: t, from: p); item["status"] = .string(pages[t].meta.status?.rawValue ?? ""); return .map(item)
        }
        return ["start": .list(start), "has_start": .bool(!start.isEmpty), "task_groups": groups(tasks, from: p),
                "page_sections": .list(sections), "tools": .list(tools),
                "counts": ["pages": .int(members.count), "tasks": .int(tasks.count), "tools": .int(tools.count)]]
    }

    private func task(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        let id = page.shortIDs[index]
        let chain = (hub.chains[id] ?? []).enumerated().map { n, t -> TemplateValue in
            var item = taskItem(t, from: p); item["n"] = .int(n + 1); return .map(item)
        }
        let toolsForTask = hub.toolsForTask[id] ?? []
        let tools = hub.tools.filter { toolsForTask.contains($0) }.map { page.linkValue(to: $0, from: p) }
        let roles = p.meta.roles.compactMap { graph.typedIDs(.role)[$0.id] }.map { page.linkValue(to: $0, from: p) }
        var info: [String: TemplateValue] = [:]
        if let d = p.meta.difficulty { info["difficulty"] = .string(d.rawValue) }
        if let t = p.meta.time { info["time"] = .string(t) }
        return ["task": .map(info), "prerequisites": .list(chain), "has_prerequisites": .bool(!chain.isEmpty),
                "helpful_pages": .list((hub.pagesForTask[id] ?? []).map { page.linkValue(to: $0, from: p) }),
                "tools": .list(tools), "task_roles": .list(roles)]
    }

    private func tasksIndex(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        let byRole = hub.roles.compactMap { r -> TemplateValue? in
            let list = tasksOf(role: page.shortIDs[r])
            guard !list.isEmpty else { return nil }
            var item = page.link(to: r, from: p); item["tasks"] = .list(list.map { .map(taskItem($0, from: p)) }); return .map(item)
        }
        return ["good_first": .list(hub.tasks.filter { pages[$0].meta.difficulty == .easy }.map { .map(taskItem($0, from: p)) }),
                "by_role": .list(byRole), "by_difficulty": groups(hub.tasks, from: p)]
    }

    private func toolInfo(_ t: Int) -> [String: TemplateValue] {
        let m = pages[t].meta
        var info: [String: TemplateValue] = ["status": .string(m.status?.rawValue ?? ""), "maintainers": .list(m.maintainers.map { .string($0) }),
                                             "languages": .list(m.languages.map { .string($0) })]
        if let l = m.license { info["license"] = .string(l) }
        if let r = m.repository { info["repository"] = .string(r) }
        return info
    }

    private func tool(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        let id = page.shortIDs[index]
        let tasksForTool = hub.tasksForTool[id] ?? []
        let taskIndices = hub.tasks.filter { tasksForTool.contains($0) }
        let tasks = taskIndices.map { TemplateValue.map(taskItem($0, from: p)) }
        // Pages that name the tool in front matter or link to it, except the tasks listed above.
        var mentions = hub.pagesForTool[id] ?? []
        mentions.formUnion(page.resolved.backlinks[index])
        mentions.subtract(taskIndices)
        let sorted = mentions.sorted { (graph.lowerTitles[$0], pages[$0].url) < (graph.lowerTitles[$1], pages[$1].url) }
        return ["tool": .map(toolInfo(index)), "tool_tasks": .list(tasks), "mentions": .list(sorted.map { page.linkValue(to: $0, from: p) })]
    }

    private func toolsIndex(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        var languages = Set<String>()
        let tools = hub.tools.map { t -> TemplateValue in
            var item = page.link(to: t, from: p).merging(toolInfo(t)) { a, _ in a }
            let m = pages[t].meta
            languages.formUnion(m.languages)
            let tasksForTool = hub.tasksForTool[page.shortIDs[t]] ?? []
            item["tool_tasks"] = .list(hub.tasks.filter { tasksForTool.contains($0) }.map { page.linkValue(to: $0, from: p) })
            item["data_languages"] = .string(m.languages.map { Slug.segment($0.replacingOccurrences(of: "+", with: "p").replacingOccurrences(of: "#", with: "sharp")) }.joined(separator: " "))
            item["data_roles"] = .string(m.roles.map(\.id).joined(separator: " "))
            return .map(item)
        }
        let statuses = ToolStatus.allCases.map(\.rawValue).filter { s in hub.tools.contains { pages[$0].meta.status?.rawValue == s } }
        let langs = languages.sorted { $0.lowercased() < $1.lowercased() }.map { l -> TemplateValue in
            ["name": .string(l), "value": .string(Slug.segment(l.replacingOccurrences(of: "+", with: "p").replacingOccurrences(of: "#", with: "sharp")))]
        }
        let roles = hub.roles.map { r -> TemplateValue in ["id": .string(page.shortIDs[r]), "title": .string(pages[r].title)] }
        return ["tools": .list(tools), "filters": ["statuses": .list(statuses.map { .string($0) }), "languages": .list(langs), "roles": .list(roles)]]
    }

    private func glossary(_ index: Int) -> [String: TemplateValue] {
        let p = pages[index]
        var letters: [(String, [[String: TemplateValue]])] = []
        for t in hub.terms {
            let term = pages[t]
            let letter = String(term.title.prefix(1)).uppercased()
            var item = page.link(to: t, from: p)
            item["id"] = .string(page.shortIDs[t])
            item["short"] = .string(term.meta.short ?? "")
            item["synonyms"] = .list(term.meta.synonyms.map { .string($0) })
            if letters.last?.0 == letter { letters[letters.count - 1].1.append(item) } else { letters.append((letter, [item])) }
        }
        return ["letters": .list(letters.map { ["letter": .string($0.0), "terms": .list($0.1.map { .map($0) })] })]
    }

    private func sitemap(from p: Page) -> [TemplateValue] {
        var bySection: [String: [Int]] = [:]
        for (i, q) in pages.enumerated() where q.path != nil || [.roles, .tasks, .tools, .glossary].contains(q.kind) {
            bySection[Self.section(of: q.url), default: []].append(i)
        }
        // Sections in sidebar order, pages in reading order.
        let sectionOrder = [""] + page.navigation.root.children.compactMap(\.folder)
        let keys = sectionOrder.filter { bySection[$0] != nil } + bySection.keys.filter { !sectionOrder.contains($0) }.sorted()
        return keys.map { key -> TemplateValue in
            let list = bySection[key]!.sorted {
                let (a, b) = (page.navigation.position[$0], page.navigation.position[$1])
                return a != b ? (a < 0 ? Int.max : a) < (b < 0 ? Int.max : b) : pages[$0].url < pages[$1].url
            }
            let title = key.isEmpty ? "Home" : (graph.index(ofURL: key + "/").map { pages[$0].title } ?? Navigation.humanize(key))
            return ["title": .string(title), "pages": .list(list.map { page.linkValue(to: $0, from: p) })]
        }
    }

    /// The first segment of a page's URL (`""` for the home page): `url.split(separator: "/")
    /// .first`, on bytes for ASCII URLs, as role pages and the sitemap ask it of every page.
    static func section(of url: String) -> String {
        let plain: Substring?? = url.utf8.withContiguousStorageIfAvailable { bytes -> Substring? in
            var high: UInt8 = 0
            for b in bytes { high |= b }
            guard high < 0x80 else { return nil }
            guard let start = bytes.firstIndex(where: { $0 != 47 }) else { return "" }
            let end = bytes[start...].firstIndex(of: 47) ?? bytes.count
            let utf8 = url.utf8
            return url[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        }
        if let plain = plain.flatMap({ $0 }) { return String(plain) }
        return url.split(separator: "/").first.map(String.init) ?? ""
    }
}
