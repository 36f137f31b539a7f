import DocGenCore

/// What a page is; `type:` in front matter, or the default of its folder.
public enum PageType: String, Sendable, CaseIterable {
    case page, role, task, tool, term
}

/// How hard a task is (`difficulty:` on task pages).
public enum Difficulty: String, Sendable, CaseIterable {
    case easy, medium, hard
}

/// How alive a tool is (`status:` on tool pages).
public enum ToolStatus: String, Sendable, CaseIterable {
    case active, experimental, unmaintained
}

/// A name in front matter that points at another page (a role, task, tool, page or alias), with
/// its place so an unresolved one is reported there.
public struct Reference: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// A page's front matter, decoded and checked against the schema in DESIGN.md.
public struct PageMetadata: Sendable {
    /// nil when not given: the pipeline falls back to the first `# ` heading.
    public var title: String?
    public var titleLocation: SourceLocation?
    public var description: String?
    public var slug: String?
    /// nil = not given.
    public var weight: Int?
    public var draft: Bool
    public var type: PageType
    public var typeLocation: SourceLocation?
    public var roles: [Reference]
    public var tasks: [Reference]
    public var tags: [String]
    /// Old URLs that redirect here.
    public var aliases: [Reference]
    public var owner: String?
    /// `YYYY-MM-DD`.
    public var reviewed: String?
    public var lang: String?

    // Task pages.
    public var difficulty: Difficulty?
    public var time: String?
    public var prerequisites: [Reference]

    // Tool pages.
    public var maintainers: [String]
    public var repository: String?
    public var license: String?
    public var status: ToolStatus?
    public var languages: [String]
    /// Tools a page uses or involves; accepted on every type.
    public var tools: [Reference]

    // Role pages.
    /// The role's ordered reading path.
    public var start: [Reference]

    // Term pages.
    /// The one-line definition shown in tooltips.
    public var short: String?
    public var synonyms: [String]

    // Translations.
    /// Key `translation_of`: unused for now, kept.
    public var translationOf: String?
    /// Key `source_hash`: the version of the source page this translation follows.
    public var sourceHash: String?

    /// Metadata with nothing given.
    public init(type: PageType = .page) {
        self.type = type
        draft = false
        roles = []; tasks = []; tags = []; aliases = []
        prerequisites = []; maintainers = []; languages = []; tools = []
        start = []; synonyms = []
    }

    /// Keys every page may have.
    public static let commonKeys = [
        "title", "description", "slug", "weight", "draft", "type", "roles", "tasks", "tags",
        "aliases", "owner", "reviewed", "lang", "tools", "translation_of", "source_hash",
    ]

    /// Keys that only one type of page may have.
    public static let typeKeys: [PageType: [String]] = [
        .task: ["difficulty", "time", "prerequisites"],
        .tool: ["maintainers", "repository", "license", "status", "languages"],
        .role: ["start"],
        .term: ["short", "synonyms"],
    ]

    /// The page type each type-specific key belongs to.
    static let owners = Dictionary(uniqueKeysWithValues: typeKeys.flatMap { type, keys in keys.map { ($0, type) } })

    /// Every key the schema knows, sorted.
    public static let knownKeys: [String] = (commonKeys + typeKeys.values.flatMap { $0 }).sorted()

    /// Decodes a parsed map. `defaultType` comes from the folder (`roles/` → `.role` ...).
    ///
    /// Wrong types are errors at the value (`front-matter-type`), unknown words errors at the value
    /// (`front-matter-value`), unknown keys warnings with a did-you-mean
    /// (`front-matter-unknown-key`), keys of another type warnings (`front-matter-key-type`; the
    /// value is still decoded), and a type's required key missing an error (`front-matter-missing`).
    public static func decode(_ map: FrontMatterMap, file: String, defaultType: PageType,
                              into diagnostics: inout Diagnostics) -> PageMetadata {
        var fields = FrontMatterFieldDecoder(file: file)
        var page = PageMetadata(type: defaultType)
        if let node = map["type"] {
            page.typeLocation = node.location
            if let type: PageType = fields.choice("type", "page type", node) { page.type = type }
        }
        for entry in map.entries {
            let node = entry.value
            if let owner = owners[entry.key], owner != page.type {
                fields.diagnostics.append(.warning(
                    "front-matter-key-type", "'\(entry.key)' applies to \(owner.rawValue) pages",
                    at: entry.keyLocation))
            }
            switch entry.key {
            case "title":
                page.title = fields.string("title", node)
                page.titleLocation = page.title == nil ? nil : node.location
            case "description": page.description = fields.string("description", node)
            case "slug": page.slug = fields.string("slug", node)
            case "weight": page.weight = fields.integer("weight", node)
            case "draft": page.draft = fields.boolean("draft", node) ?? false
            case "type": break
            case "roles": page.roles = fields.references("roles", node)
            case "tasks": page.tasks = fields.references("tasks", node)
            case "tags": page.tags = fields.strings("tags", node)
            case "aliases": page.aliases = fields.references("aliases", node)
            case "owner": page.owner = fields.string("owner", node)
            case "reviewed": page.reviewed = fields.date("reviewed", node)
            case "lang": page.lang = fields.string("lang", node)
            case "tools": page.tools = fields.references("tools", node)
            case "translation_of": page.translationOf = fields.string("translation_of", node)
            case "source_hash": page.sourceHash = fields.string("source_hash", node)
            case "difficulty": page.difficulty = fields.choice("difficulty", "difficulty", node)
            case "time": page.time = fields.string("time", node)
            case "prerequisites": page.prerequisites = fields.references("prerequisites", node)
            case "maintainers": page.maintainers = fields.strings("maintainers", node)
            case "repository": page.repository = fields.string("repository", node)
            case "license": page.license = fields.string("license", node)
            case "status": page.status = fields.choice("status", "status", node)
            case "languages": page.languages = fields.strings("languages", node)
            case "start": page.start = fields.references("start", node)
            case "short": page.short = fields.string("short", node)
            case "synonyms": page.synonyms = fields.strings("synonyms", node)
            default: fields.unknownKey(entry, known: knownKeys)
            }
        }
        page.checkRequired(map, into: &fields)
        diagnostics.append(contentsOf: fields.diagnostics.all)
        return page
    }

    /// Reports the key a type cannot do without, unless it was given (even if wrongly).
    private func checkRequired(_ map: FrontMatterMap, into fields: inout FrontMatterFieldDecoder) {
        let required: (key: String, what: String)
        switch type {
        case .task: required = ("difficulty", "one of: easy, medium, hard")
        case .tool: required = ("status", "one of: active, experimental, unmaintained")
        case .term: required = ("short", "a one-line definition")
        case .page, .role: return
        }
        guard map[required.key] == nil || map[required.key]?.isNull == true else { return }
        let location = typeLocation ?? SourceLocation(file: fields.file, line: 1, column: 1)
        fields.diagnostics.append(.error(
            "front-matter-missing",
            "\(type.rawValue) pages need '\(required.key)' (\(required.what))", at: location))
    }
}
