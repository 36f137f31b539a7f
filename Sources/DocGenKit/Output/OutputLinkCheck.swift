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
        /// The navigation the page shows and the line it starts on (0: none).
        var navKey = ""
        var navLine = 0
        /// Time spent in libxml2 scanning this page, for `--verbose`.
        var scanNanoseconds: UInt64 = 0
    }

    let baseURL: String?

    func check(_ scanned: [Scanned], files: Set<String>, into diagnostics: inout Diagnostics) {
        var table: [String: Set<String>] = [:]
        for s in scanned { table[s.file] = s.links.ids }
        let ids = table
        struct Problem { var first: Diagnostic; var files: Set<String> }
        // Folders are checked in parallel; within a folder the same href gives the same answer
        // (navigation links repeat on every page), so each is worked out once.
        var byFolder: [String: [Int]] = [:]
        for (n, s) in scanned.enumerated() { byFolder[(s.file as NSString).deletingLastPathComponent, default: []].append(n) }
        let groups = byFolder.sorted { $0.key < $1.key }
        let perGroup: [[(Int, HTMLLinks.Reference, String)]] = Parallel.map(groups.count) { g in
            let (folder, members) = groups[g]
            var memo: [String: String?] = [:]
            var out: [(Int, HTMLLinks.Reference, String)] = []
            for n in members {
                let s = scanned[n]
                for ref in s.links.references {
                    if ref.url.utf8.first == 35 {
                        // `#id` on the same page: only the page's own ids matter.
                        let id = Self.decode(String(ref.url.dropFirst()))
                        if !id.isEmpty, !s.links.ids.contains(id) {
                            out.append((n, ref, "no element with id '\(id)' in '\(s.file)'"))
                        }
                        continue
                    }
                    let key = ref.url.isEmpty ? s.file : ref.url
                    let message: String?
                    if let known = memo[key] { message = known } else {
                        message = problem(ref.url, from: folder, file: s.file, files: files, ids: ids)
                        memo[key] = message
                    }
                    if let message { out.append((n, ref, message)) }
                }
            }
            return out
        }
        var found = [[(HTMLLinks.Reference, String)]](repeating: [], count: scanned.count)
        for group in perGroup { for (n, ref, message) in group { found[n].append((ref, message)) } }
        var problems: [String: Problem] = [:]
        for (n, s) in scanned.enumerated() {
            for (ref, message) in found[n] {
                let key = s.template + "\u{0}" + message
                if problems[key] != nil { problems[key]!.files.insert(s.file); continue }
                let diagnostic = Diagnostic.error("output-link-broken",
                    "\(ref.attribute)=\"\(ref.url)\" in output file '\(s.file)' (template '\(s.template).mustache'): \(message)",
                    at: SourceLocation(file: "output/" + s.file, line: max(ref.line, 1), column: 1))
                problems[key] = Problem(first: diagnostic, files: [s.file])
            }
        }
        for (_, p) in problems.sorted(by: { $0.key < $1.key }) {
            var d = p.first
            let more = p.files.count - 1
            if more > 0 { d.notes.append(.init("the same link is broken in \(more) more file\(more == 1 ? "" : "s") from this template")) }
            diagnostics.append(d)
        }
    }

    /// Why `url` (as written in `file`) reaches nothing, or nil when it reaches a written file/id.
    func problem(_ url: String, from folder: String, file: String, files: Set<String>, ids: [String: Set<String>]) -> String? {
        let u = Array(url.utf8)
        if u.isEmpty || u == [35] || Self.isExternal(u) { return nil }
        var pathEnd = u.count
        var fragment: String?
        if let hash = u.firstIndex(of: 35) {
            fragment = Self.decode(String(decoding: u[(hash + 1)...], as: UTF8.self))
            pathEnd = hash
        }
        if let query = u[..<pathEnd].firstIndex(of: 63) { pathEnd = query }
        var path = Self.decode(String(decoding: u[..<pathEnd], as: UTF8.self))
        var target: String
        if path.isEmpty {
            target = file
        } else {
            if path.utf8.first == 47 {
                let base = baseURL ?? "/"
                guard path.hasPrefix(base) else { return "outside the site's base URL '\(base)'" }
                path = String(path.dropFirst(base.count))
                guard let joined = Context.join("", path) else { return "climbs above the site root" }
                target = joined
            } else {
                guard let joined = Context.join(folder, path) else { return "climbs above the site root" }
                target = joined
            }
            if path.utf8.last == 47 || target.isEmpty {
                target = (target.isEmpty ? "" : target.utf8.last == 47 ? target : target + "/") + "index.html"
            }
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

    /// `https:`, `mailto:`, `//host`: a scheme of letters, digits, `+`, `-`, `.` before a colon.
    static func isExternal(_ u: [UInt8]) -> Bool {
        if u.count >= 2, u[0] == 47, u[1] == 47 { return true }
        guard let first = u.first, (first | 0x20) >= 97, (first | 0x20) <= 122 else { return false }
        for b in u.dropFirst() {
            if b == 58 { return true }
            let letter = (b | 0x20) >= 97 && (b | 0x20) <= 122
            if !(letter || (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46) { return false }
        }
        return false
    }
}

extension OutputLinkCheck {
    static func decode(_ s: String) -> String {
        s.utf8.contains(37) ? (s.removingPercentEncoding ?? s) : s
    }
}
