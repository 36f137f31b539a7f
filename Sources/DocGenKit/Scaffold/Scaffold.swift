import DocGenCore
import Foundation

/// `docgen new` and `docgen init`: files with the right front matter in the right folder, checked
/// by the same parser and schema as a build before anything is written.
public enum Scaffold {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String), invalidID(String), notEmpty(String), invalid([Diagnostic])
        public var description: String {
            switch self {
            case .exists(let path): return "'\(path)' already exists; docgen new never overwrites a page"
            case .invalidID(let id): return "'\(id)' is not a valid page id: use lower-case letters, digits, '-' and '/' (e.g. 'guides/setup')"
            case .notEmpty(let path): return "'\(path)' is not empty; docgen init creates a hub in a new or empty folder"
            case .invalid(let diagnostics): return DiagnosticFormatter.text(diagnostics)
            }
        }
    }

    /// The file `docgen new KIND ID` writes, relative to the site folder.
    public static func path(kind: PageType, id: String) -> String {
        switch kind {
        case .role: return "content/roles/\(id).md"
        case .task: return "content/tasks/\(id).md"
        case .tool: return "content/tools/\(id).md"
        case .term: return "content/glossary/\(id).md"
        case .page: return "content/\(id).md"
        }
    }

    public static func isValidID(_ id: String, kind: PageType) -> Bool {
        guard !id.isEmpty, !id.hasPrefix("/"), !id.hasSuffix("/"), !id.contains("//") else { return false }
        if kind != .page, id.contains("/") { return false }
        return id.split(separator: "/").allSatisfy { part in
            part != "." && part != ".." && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
    }

    /// The text of a new page.
    public static func page(kind: PageType, id: String, title: String?) -> String {
        let name = id.split(separator: "/").last.map(String.init) ?? id
        let title = title ?? Navigation.humanize(name)
        var lines = ["---", "title: \(quoted(title))", "description: One sentence that says what this page is for."]
        switch kind {
        case .role:
            lines += ["weight: 50", "start: []  # page ids, in reading order"]
        case .task:
            lines += ["difficulty: easy  # easy, medium or hard", "time: 30 minutes", "roles: []", "prerequisites: []"]
        case .tool:
            lines += ["status: experimental  # active, experimental or unmaintained", "maintainers: []", "languages: []",
                      "license: Apache-2.0", "repository: https://example.org/\(name)", "roles: []", "tasks: []"]
        case .term:
            lines += ["short: \(quoted("A one-sentence definition of \(title.lowercased()) shown in tooltips."))"]
        case .page:
            lines += ["weight: 50", "roles: []", "tags: []"]
        }
        lines += ["---", ""]
        switch kind {
        case .role: lines += ["Who this role is, what they do here, and where to start.", ""]
        case .task: lines += ["## Steps", "", "1. The first step.", "2. The next step.", "", "## Done when", "", "- [ ] The result you can check.", ""]
        case .tool: lines += ["What \(title) does and who runs it.", "", "## Getting started", "", "```sh", "\(name) --help", "```", ""]
        case .term: lines += ["A longer explanation of \(title.lowercased()), with an example.", ""]
        case .page: lines += ["Write the page here. Link to other pages with `[[page-id]]` or relative `.md` links.", ""]
        }
        return lines.joined(separator: "\n")
    }

    /// Writes a new page into the site at `root`; returns its path relative to the site.
    public static func new(kind: PageType, id: String, title: String?, root: String) throws -> String {
        guard isValidID(id, kind: kind) else { throw Failure.invalidID(id) }
        let relative = path(kind: kind, id: id)
        let full = root + "/" + relative
        if FileSystem.exists(full) { throw Failure.exists(relative) }
        let text = page(kind: kind, id: id, title: title)
        try validate(text, file: relative, kind: kind)
        try FileSystem.makeDirectories(PathText.parent(of: full))
        try FileSystem.write(text, to: full)
        return relative
    }

    /// Parses and decodes `text` as a build would; throws the errors it finds.
    static func validate(_ text: String, file: String, kind: PageType) throws {
        var diagnostics = Diagnostics()
        let document = FrontMatterParser.parse(text, file: file, into: &diagnostics)
        _ = PageMetadata.decode(document.map, file: file, defaultType: kind, into: &diagnostics)
        if !diagnostics.all.isEmpty { throw Failure.invalid(diagnostics.sorted) }
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Creates a new hub in `root` (which must be missing or empty). Returns the files written.
    public static func initialize(at root: String) throws -> [String] {
        if FileSystem.isDirectory(root), !(try FileSystem.list(root)).isEmpty { throw Failure.notEmpty(root) }
        if FileSystem.exists(root), !FileSystem.isDirectory(root) { throw Failure.notEmpty(root) }
        for (path, text) in StarterHub.files where path.hasPrefix("content/") {
            let kind = PageKind.defaultType(for: String(path.dropFirst("content/".count)))
            let isIndex = path.hasSuffix("/index.md") || path == "content/index.md"
            try validate(text, file: path, kind: isIndex ? .page : kind)
        }
        var written: [String] = []
        for (path, text) in StarterHub.files.sorted(by: { $0.0 < $1.0 }) {
            let full = root + "/" + path
            try FileSystem.makeDirectories(PathText.parent(of: full))
            try FileSystem.write(text, to: full)
            written.append(path)
        }
        return written
    }
}
