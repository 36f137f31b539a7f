import DocGenCore
import DocGenHTML
import Foundation

/// Checks every `href`, `src` and `#fragment` that points inside the site, in every HTML file
/// written, against the files and ids actually written. This catches theme bugs no Markdown check
/// sees. Each broken target is reported once per template, with how many files share it (the
/// message names the target, so two different broken links of one template are both reported).
///
/// Most links are checked while the pages render, on the thread that scanned the page
/// (`page(_:...)`): a link to a file the build is known to write, or to an id of the page itself,
/// needs nothing else. Links to an id in another page, and to files only known at the end (the
/// search index), wait for `finish`, when every page's ids are known. So the scanned links of
/// 10,000 pages are never all held at once.
struct OutputLinkCheck: Sendable {
    let baseURL: String?
    /// Every file the build writes that is known before the pages are rendered.
    let known: Set<String>
    /// `known`, for looking links up by their bytes.
    let table: OutputFileTable

    init(baseURL: String?, known: Set<String>) {
        self.baseURL = baseURL
        self.known = known
        table = OutputFileTable(known)
    }

    /// A broken link, and where it comes in its file's order (the first of a kind is reported).
    struct Finding: Sendable {
        var order: Int
        var reference: HTMLLinks.Reference
        var message: String
    }

    /// A link whose answer needs the whole build: a file not known in advance, or an id in
    /// another page.
    struct Deferred: Sendable {
        var order: Int
        var reference: HTMLLinks.Reference
    }

    /// What checking one file left for `finish`.
    struct Page: Sendable {
        var file: String
        var template: String
        var ids: Set<String>
        var findings: [Finding] = []
        var deferred: [Deferred] = []
        /// The navigation the page shows and the line it starts on (0: none).
        var navKey = ""
        var navLine = 0
        /// How many links the page itself has (the navigation's come after them).
        var references = 0
        /// Time spent scanning this page, for `--verbose`.
        var scanNanoseconds: UInt64 = 0
    }

    /// Checks what can be checked of one file now. `ids` are all the ids the file has.
    func page(_ file: String, template: String, links: HTMLLinks, ids: Set<String>) -> Page {
        var result = Page(file: file, template: template, ids: ids, references: links.references.count)
        var folder = OutputLinkFolder(of: file, in: table)
        // The file's own number; a `Set` also knows it by another normalization of its name.
        let own = table.index(of: file) ?? known.firstIndex(of: file).flatMap { table.index(of: known[$0]) }
        for (order, ref) in links.references.enumerated() {
            check(ref, order: order, in: &folder, own: own, file: file, ids: ids, into: &result)
        }
        return result
    }

    private func check(_ ref: HTMLLinks.Reference, order: Int, in folder: inout OutputLinkFolder, own: Int?, file: String,
                       ids: Set<String>, into result: inout Page) {
        func quick(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
            if u.first == 35 {
                // `#id` on the same page: only the page's own ids matter. The id is read off the
                // bytes when an ASCII byte follows the `#` (the `#` is then a Character alone).
                let fragment = u.count < 2 || u[1] < 0x80 ? String(decoding: UnsafeBufferPointer(rebasing: u.dropFirst()), as: UTF8.self)
                                                          : String(ref.url.dropFirst())
                let id = Self.decode(fragment)
                if !id.isEmpty, !ids.contains(id) {
                    result.findings.append(.init(order: order, reference: ref, message: "no element with id '\(id)' in '\(file)'"))
                }
                return true
            }
            // The common case, worked out on bytes: a relative link to a file the build writes.
            if let target = folder.target(of: u) {
                guard let fragment = target.fragment else { return true }
                if target.file == own {
                    let id = String(decoding: UnsafeBufferPointer(rebasing: u[fragment]), as: UTF8.self)
                    if !ids.contains(id) {
                        let target = folder.files.path(target.file)
                        result.findings.append(.init(order: order, reference: ref, message: "no element with id '\(id)' in '\(target)'"))
                    }
                } else {
                    result.deferred.append(.init(order: order, reference: ref))
                }
                return true
            }
            // What `locate` finds fine without a look at any file: nothing, or another site.
            return u.isEmpty || Self.isExternal(u)
        }
        // The link's bytes in place (a scanned value is a native string): `withUTF8` would need
        // a copy of it, a retain and a release per link.
        let checked = ref.url.utf8.withContiguousStorageIfAvailable(quick) ?? {
            var url = ref.url
            return url.withUTF8(quick)
        }()
        if checked { return }
        switch locate(ref.url, from: folder.path(), file: file, files: known, allKnown: false) {
        case .fine: break
        case .broken(let message): result.findings.append(.init(order: order, reference: ref, message: message))
        case .later: result.deferred.append(.init(order: order, reference: ref))
        case .file(let target, let fragment):
            guard let fragment else { break }
            if target == file {
                if !ids.contains(fragment) {
                    result.findings.append(.init(order: order, reference: ref, message: "no element with id '\(fragment)' in '\(target)'"))
                }
            } else {
                result.deferred.append(.init(order: order, reference: ref))
            }
        }
    }

    /// Checks what waited for the whole build, and each navigation's links (with the first page
    /// that shows it: every page of a folder resolves them alike), then reports.
    /// `files` is every file written; `navigation` the links of each navigation.
    func finish(_ pages: [Page], files: Set<String>, navigation: [String: HTMLLinks], into diagnostics: inout Diagnostics) {
        let ids = PageIDs(pages, files: files)
        var firsts: [String: Int] = [:]
        for (n, p) in pages.enumerated() where p.navLine > 0 && firsts[p.navKey] == nil { firsts[p.navKey] = n }
        let first = firsts
        let late: [[Finding]] = Parallel.map(pages.count) { n in
            let p = pages[n]
            var out: [Finding] = []
            let navigation = first[p.navKey] == n ? navigation[p.navKey] : nil
            guard !p.deferred.isEmpty || navigation != nil else { return out }
            var folder = OutputLinkFolder(of: p.file, in: ids.table)
            for d in p.deferred {
                if let message = problem(d.reference.url, in: &folder, file: p.file, files: files, ids: ids) {
                    out.append(.init(order: d.order, reference: d.reference, message: message))
                }
            }
            if let nav = navigation {
                for (k, ref) in nav.references.enumerated() {
                    var ref = ref
                    ref.line += p.navLine - 1
                    let message: String?
                    if ref.url.utf8.first == 35 {
                        let id = Self.decode(String(ref.url.dropFirst()))
                        message = !id.isEmpty && !p.ids.contains(id) ? "no element with id '\(id)' in '\(p.file)'" : nil
                    } else {
                        message = problem(ref.url, in: &folder, file: p.file, files: files, ids: ids)
                    }
                    if let message { out.append(.init(order: p.references + k, reference: ref, message: message)) }
                }
            }
            return out
        }
        struct Problem { var first: Diagnostic; var files: Set<String> }
        var problems: [String: Problem] = [:]
        for (n, p) in pages.enumerated() {
            let found = (p.findings + late[n]).sorted { $0.order < $1.order }
            for f in found {
                let key = p.template + "\u{0}" + f.message
                if problems[key] != nil { problems[key]!.files.insert(p.file); continue }
                let diagnostic = Diagnostic.error("output-link-broken",
                    "\(f.reference.attribute)=\"\(f.reference.url)\" in output file '\(p.file)' (template '\(p.template).mustache'): \(f.message)",
                    at: SourceLocation(file: "output/" + p.file, line: max(f.reference.line, 1), column: 1))
                problems[key] = Problem(first: diagnostic, files: [p.file])
            }
        }
        for (_, p) in problems.sorted(by: { $0.key < $1.key }) {
            var d = p.first
            let more = p.files.count - 1
            if more > 0 { d.notes.append(.init("the same link is broken in \(more) more file\(more == 1 ? "" : "s") from this template")) }
            diagnostics.append(d)
        }
    }

    /// Where a link leads, as far as `files` tell.
    enum Location {
        /// Outside the site, or the page itself with no fragment.
        case fine
        case broken(String)
        /// A file that is written, and the fragment asked for in it (nil when none, or not HTML).
        case file(String, fragment: String?)
        /// Not among `files`, which are not yet all the files.
        case later
    }

    /// Why `url` (as written in `file`) reaches nothing, or nil when it reaches a written file/id.
    /// `folder` is `file`'s, its table made of `files`.
    func problem(_ url: String, in folder: inout OutputLinkFolder, file: String, files: Set<String>, ids: PageIDs) -> String? {
        var bytes = url
        let plain: String?? = bytes.withUTF8 { u in
            guard let target = folder.target(of: u) else { return .none }
            guard let fragment = target.fragment else { return .some(nil) }
            let id = String(decoding: UnsafeBufferPointer(rebasing: u[fragment]), as: UTF8.self)
            if ids.ids(ofFile: target.file)?.contains(id) ?? false { return .some(nil) }
            return .some("no element with id '\(id)' in '\(folder.files.path(target.file))'")
        }
        if let plain { return plain }
        switch locate(url, from: folder.path(), file: file, files: files, allKnown: true) {
        case .fine, .later: return nil
        case .broken(let message): return message
        case .file(let target, let fragment):
            guard let fragment else { return nil }
            return ids.ids(of: target)?.contains(fragment) ?? false ? nil : "no element with id '\(fragment)' in '\(target)'"
        }
    }

    /// Where `url`, written in `file`, leads. With `allKnown` false, a file missing from `files`
    /// may still be written later (the search index), so it is `.later` rather than broken.
    func locate(_ url: String, from folder: String, file: String, files: Set<String>, allKnown: Bool) -> Location {
        let u = Array(url.utf8)
        if u.isEmpty || u == [35] || Self.isExternal(u) { return .fine }
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
                guard path.hasPrefix(base) else { return .broken("outside the site's base URL '\(base)'") }
                path = String(path.dropFirst(base.count))
                guard let joined = Context.join("", path) else { return .broken("climbs above the site root") }
                target = joined
            } else {
                guard let joined = Context.join(folder, path) else { return .broken("climbs above the site root") }
                target = joined
            }
            if path.utf8.last == 47 || target.isEmpty {
                target = (target.isEmpty ? "" : target.utf8.last == 47 ? target : target + "/") + "index.html"
            }
            if !files.contains(target) {
                if !allKnown { return .later }
                let asFolder = target + "/index.html"
                guard files.contains(asFolder) else { return .broken("no file '\(target)' in the output") }
                target = asFolder
            }
        }
        if let fragment, !fragment.isEmpty, target.hasSuffix(".html") { return .file(target, fragment: fragment) }
        return .file(target, fragment: nil)
    }

    /// `https:`, `mailto:`, `//host`: a scheme of letters, digits, `+`, `-`, `.` before a colon.
    static func isExternal(_ u: [UInt8]) -> Bool {
        u.withUnsafeBufferPointer { isExternal($0) }
    }

    static func isExternal(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
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
