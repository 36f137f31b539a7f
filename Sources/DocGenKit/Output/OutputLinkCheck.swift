import DocGenCore
import DocGenHTML
import Foundation

/// Checks every `href`, `src` and `#fragment` that points inside the site, in every HTML file
/// written, against the files and ids actually written. This catches theme bugs no Markdown check
/// sees. Each broken target is reported once per template, with how many files share it.
struct OutputLinkCheck {
    struct Scanned: Sendable {
        var file: String
        var template: String
        var links: HTMLLinks
    }

    let baseURL: String?

    func check(_ scanned: [Scanned], files: Set<String>, into diagnostics: inout Diagnostics) {
        var ids: [String: Set<String>] = [:]
        for s in scanned { ids[s.file] = s.links.ids }
        struct Problem { var first: Diagnostic; var count: Int }
        var problems: [String: Problem] = [:]
        for s in scanned {
            let folder = (s.file as NSString).deletingLastPathComponent
            for ref in s.links.references {
                guard let message = problem(ref.url, from: folder, file: s.file, files: files, ids: ids) else { continue }
                let key = s.template + "\u{0}" + message
                if problems[key] != nil { problems[key]!.count += 1; continue }
                let diagnostic = Diagnostic.error("output-link-broken",
                    "\(ref.attribute)=\"\(ref.url)\" in output file '\(s.file)' (template '\(s.template).mustache'): \(message)",
                    at: SourceLocation(file: "output/" + s.file, line: max(ref.line, 1), column: 1))
                problems[key] = Problem(first: diagnostic, count: 1)
            }
        }
        for (_, p) in problems.sorted(by: { $0.key < $1.key }) {
            var d = p.first
            if p.count > 1 { d.notes.append(.init("the same link is broken in \(p.count - 1) more file\(p.count == 2 ? "" : "s") from this template")) }
            diagnostics.append(d)
        }
    }

    /// Why `url` (as written in `file`) reaches nothing, or nil when it reaches a written file/id.
    func problem(_ url: String, from folder: String, file: String, files: Set<String>, ids: [String: Set<String>]) -> String? {
        if url.isEmpty || url == "#" { return nil }
        if MarkdownLinkKind.isExternal(url) { return nil }
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...]).removingPercentEncoding
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        var path = String(rest).removingPercentEncoding ?? String(rest)
        var target: String
        if path.isEmpty {
            target = file
        } else {
            if path.hasPrefix("/") {
                let base = baseURL ?? "/"
                guard path.hasPrefix(base) else { return "outside the site's base URL '\(base)'" }
                path = String(path.dropFirst(base.count))
                guard let joined = Context.join("", path) else { return "climbs above the site root" }
                target = joined
            } else {
                guard let joined = Context.join(folder, path) else { return "climbs above the site root" }
                target = joined
            }
            if path.hasSuffix("/") || target.isEmpty { target = (target.isEmpty ? "" : target.hasSuffix("/") ? target : target + "/") + "index.html" }
            if !files.contains(target) {
                let asFolder = target + "/index.html"
                guard files.contains(asFolder) else { return "no such file in the output" }
                target = asFolder
            }
        }
        if let fragment, !fragment.isEmpty, target.hasSuffix(".html") {
            if !(ids[target]?.contains(fragment) ?? false) { return "no element with id '\(fragment)' in '\(target)'" }
        }
        return nil
    }
}

enum MarkdownLinkKind {
    static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." } && scheme.first!.isLetter
    }
}
