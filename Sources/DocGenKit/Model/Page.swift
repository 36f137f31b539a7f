import DocGenCore
import DocGenMarkdown

/// What a page is, which picks its template.
public enum PageKind: String, Sendable, Hashable {
    case page, role, task, tool, term
    case roles, tasks, tools, glossary, tags, tag, search, sitemap, notFound = "404"
    /// A folder without an `index.md`: docgen lists its pages.
    case section

    /// The template that renders this kind.
    public var template: String {
        switch self {
        case .term: return "page"
        case .sitemap: return "sitemap"
        default: return rawValue
        }
    }

    /// The generated listing that lives at a typed folder's index.
    static func index(of folder: String) -> PageKind? {
        switch folder {
        case "roles": return .roles
        case "tasks": return .tasks
        case "tools": return .tools
        case "glossary": return .glossary
        default: return nil
        }
    }

    static func defaultType(for path: String) -> PageType {
        switch path.split(separator: "/").first {
        case "roles": return .role
        case "tasks": return .task
        case "tools": return .tool
        case "glossary": return .term
        default: return .page
        }
    }
}

/// A page of the site: one Markdown file, or a page docgen generates (task index, tag page...).
/// A class, not a struct: pages are read from many threads and referred to from every list,
/// and copying a value with some thirty fields each time cost measurable time at 10,000 pages.
public final class Page: Sendable {
    /// `guides/setup` for `content/guides/setup.md`; the folder path for an `index.md`;
    /// `index` for the home page. Generated pages get their URL path (`tags/git`).
    public let id: String
    /// Path under `content/` (`guides/setup.md`), nil for generated pages.
    public let path: String?
    /// The URL relative to the site root, ending in `/` (`guides/setup/`), `` for the home page.
    public let url: String
    /// The folder the page belongs to in the navigation (`guides`, `` for the root).
    public let folder: String
    public let isIndex: Bool
    public let kind: PageKind
    public let title: String
    public let meta: PageMetadata
    /// Lines before the Markdown body (front matter), to turn body lines into file lines.
    public let bodyLineOffset: Int
    public let document: MarkdownDocument?

    /// `content/guides/setup.md`: the path diagnostics name.
    public var sourceFile: String { path.map { "content/" + $0 } ?? "(generated)/" + url }

    public let lang: String?

    public init(id: String, path: String?, url: String, folder: String, isIndex: Bool, kind: PageKind, title: String,
                meta: PageMetadata, bodyLineOffset: Int, document: MarkdownDocument?, lang: String?) {
        self.id = id
        self.path = path
        self.url = url
        self.folder = folder
        self.isIndex = isIndex
        self.kind = kind
        self.title = title
        self.meta = meta
        self.bodyLineOffset = bodyLineOffset
        self.document = document
        self.lang = lang
    }
}

extension Page {
    /// The id's last segment: what a bare wiki link or a typed link names.
    public var shortID: String {
        // Found on bytes: `lastIndex(of: "/")` on the String walks it Character by Character.
        guard let slash = id.utf8.lastIndex(of: 47) else { return id }
        return String(id[id.utf8.index(after: slash)...])
    }
}
