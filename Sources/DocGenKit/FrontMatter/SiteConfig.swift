import DocGenCore

/// What to do with pages nothing links to (`orphans:` in docgen.yml).
public enum OrphanPolicy: String, Sendable, CaseIterable {
    case warn, ignore
}

/// The site settings in `docgen.yml`.
public struct SiteConfig: Sendable {
    /// Default "Documentation hub".
    public var title: String
    public var description: String?
    /// Key `base_url`, normalised to start and end with "/" (`docs` → `/docs/`); nil if absent.
    public var baseURL: String?
    /// Key `site_url`, e.g. "https://hub.example.org", without a trailing slash.
    public var siteURL: String?
    /// Key `language`, default "en".
    public var language: String
    /// Default "default".
    public var theme: String
    /// Key `unsafe_html`, default false.
    public var unsafeHTML: Bool
    /// Key `orphans`: warn (default) | ignore.
    public var orphans: OrphanPolicy
    /// `glossary:` then `  autolink: true`; default false.
    public var glossaryAutolink: Bool
    /// Short text shown in the page footer.
    public var footer: String?
    /// URL used for "edit this page" links.
    public var repository: String?
    /// Key `edit_branch`, default "main".
    public var editBranch: String

    public init(title: String = "Documentation hub", description: String? = nil,
                baseURL: String? = nil, siteURL: String? = nil, language: String = "en",
                theme: String = "default", unsafeHTML: Bool = false, orphans: OrphanPolicy = .warn,
                glossaryAutolink: Bool = false, footer: String? = nil, repository: String? = nil,
                editBranch: String = "main") {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.siteURL = siteURL
        self.language = language
        self.theme = theme
        self.unsafeHTML = unsafeHTML
        self.orphans = orphans
        self.glossaryAutolink = glossaryAutolink
        self.footer = footer
        self.repository = repository
        self.editBranch = editBranch
    }

    public static let `default` = SiteConfig()

    /// Every top-level key of docgen.yml, sorted.
    public static let knownKeys = [
        "base_url", "description", "edit_branch", "footer", "glossary", "language", "orphans",
        "repository", "site_url", "theme", "title", "unsafe_html",
    ]

    /// Decodes docgen.yml. Unknown keys are warnings with a did-you-mean; wrong types and bad
    /// values are errors at the value, and the default is kept.
    public static func decode(_ map: FrontMatterMap, file: String,
                              into diagnostics: inout Diagnostics) -> SiteConfig {
        var fields = FrontMatterFieldDecoder(file: file)
        var config = SiteConfig.default
        for entry in map.entries {
            let key = entry.key, node = entry.value
            switch key {
            case "title": config.title = fields.string(key, node) ?? config.title
            case "description": config.description = fields.string(key, node)
            case "base_url": config.baseURL = fields.string(key, node).flatMap { normaliseBaseURL($0, node, &fields) }
            case "site_url": config.siteURL = fields.string(key, node).flatMap { normaliseSiteURL($0, node, &fields) }
            case "language": config.language = fields.string(key, node) ?? config.language
            case "theme": config.theme = fields.string(key, node) ?? config.theme
            case "unsafe_html": config.unsafeHTML = fields.boolean(key, node) ?? config.unsafeHTML
            case "orphans": config.orphans = fields.choice(key, "orphans policy", node) ?? config.orphans
            case "footer": config.footer = fields.string(key, node)
            case "repository": config.repository = fields.string(key, node)
            case "edit_branch": config.editBranch = fields.string(key, node) ?? config.editBranch
            case "glossary":
                guard case .map(let glossary) = node.kind else {
                    if !node.isNull { fields.typeError(key, "a map of settings ('autolink: true')", node) }
                    continue
                }
                for setting in glossary.entries {
                    if setting.key == "autolink" {
                        config.glossaryAutolink = fields.boolean("glossary.autolink", setting.value) ?? false
                    } else {
                        fields.unknownKey(setting, known: ["autolink"])
                    }
                }
            default:
                fields.unknownKey(entry, known: knownKeys)
            }
        }
        diagnostics.append(contentsOf: fields.diagnostics.all)
        return config
    }

    /// `docs` → `/docs/`, `/docs` → `/docs/`, `/` → `/`; a full URL is an error (it belongs in
    /// `site_url`).
    static func normaliseBaseURL(_ text: String, _ node: FrontMatterNode, _ fields: inout FrontMatterFieldDecoder) -> String? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.contains("://") {
            fields.diagnostics.append(.error(
                "front-matter-value",
                "'base_url' is a path such as '/docs/'; put the scheme and host in 'site_url'",
                at: node.location))
            return nil
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    /// Drops trailing slashes; the URL must start with http:// or https://.
    static func normaliseSiteURL(_ text: String, _ node: FrontMatterNode, _ fields: inout FrontMatterFieldDecoder) -> String? {
        var url = text.trimmingWhitespace()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            fields.diagnostics.append(.error(
                "front-matter-value", "'site_url' must start with http:// or https://, got '\(url)'",
                at: node.location))
            return nil
        }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

fileprivate extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
