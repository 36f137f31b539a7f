// The output link check works plain relative links out on bytes (`OutputLinkFolder`, looked up
// in an `OutputFileTable`); every other link goes through `OutputLinkCheck.locate`, on Strings.
// These tests hold the byte path to what `locate` alone says, on many random links: the check of
// a page and `finish` must find the same problems, in the same order, with the same words.

@testable import DocGenKit
import DocGenCore
@testable import DocGenHTML
import Foundation
import Testing

@Suite struct OutputLinkCheckTests {
    /// The files of a small site: folders, `index.html` and not, non-ASCII, a space, an asset.
    static let files: [String] = [
        "index.html", "404.html", "x.html", "a/index.html", "a/x.html", "a/b/index.html", "a/b/c/index.html",
        "b/index.html", "b/c/index.html", "\u{e9}/index.html", "a b/index.html", "assets/s.css", "search/i.json",
        "e\u{301}/index.html",
    ]

    /// A random link: schemes, `//`, `/`, `#`, `?`, `%`-escapes, `.` and `..` (above the root too),
    /// doubled and trailing slashes, known files and unknown ones.
    static func randomLink(_ random: inout SplitMix) -> String {
        let fragments = ["", "", "", "#", "#top", "#x:y", "#t%6Fp", "#tóp", "#missing", "#top?q"]
        if Int.random(in: 0..<3, using: &random) > 0 {
            // As themes write them: up to the root, then down to a file, its folder or a near miss.
            var file = files.randomElement(using: &random)!
            if file.hasSuffix("/index.html"), Bool.random(using: &random) { file.removeLast("index.html".count) }
            if Int.random(in: 0..<6, using: &random) == 0 { file += "x" }
            return String(repeating: "../", count: Int.random(in: 0...(Bool.random(using: &random) ? 1 : 3), using: &random)) + file + fragments.randomElement(using: &random)!
        }
        let segments = ["..", "..", ".", "", "a", "b", "c", "x.html", "index.html", "é", "e\u{301}", "%61", "a b", "assets", "s.css", "zz"]
        let prefixes = ["", "", "", "", "./", "/", "https://example.org/", "mailto:", "//host/", "#", "?"]
        var link = prefixes.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            link += segments.randomElement(using: &random)! + (Bool.random(using: &random) ? "/" : "")
            if Int.random(in: 0..<8, using: &random) == 0 { link += "/" }
        }
        if Int.random(in: 0..<10, using: &random) == 0 { link += "?q=1" }
        return link + fragments.randomElement(using: &random)!
    }

    static let idChoices = ["top", "x:y", "tóp", "t%6Fp"]

    static func randomIDs(_ random: inout SplitMix) -> Set<String> {
        Set(idChoices.filter { _ in Bool.random(using: &random) })
    }

    static func links(_ urls: [String]) -> HTMLLinks {
        var links = HTMLLinks()
        links.references = urls.enumerated().map { .init(url: $1, attribute: "href", line: $0 + 1) }
        return links
    }

    @Test func pageFindsWhatLocateFinds() {
        var random = SplitMix(state: 1)
        let check = OutputLinkCheck(baseURL: nil, known: Set(Self.files))
        var (onBytes, findings, deferred) = (0, 0, 0)
        for round in 0..<3000 {
            let file = Self.files.filter { $0.hasSuffix(".html") }.randomElement(using: &random)!
            let urls = (0..<8).map { _ in Self.randomLink(&random) }
            let ids = Self.randomIDs(&random)
            let page = check.page(file, template: "page", links: Self.links(urls), ids: ids)
            let expected = Reference.page(check, file, links: Self.links(urls), ids: ids)
            var folder = OutputLinkFolder(of: file, in: check.table)
            for var url in urls where url.withUTF8({ folder.target(of: $0) }) != nil { onBytes += 1 }
            findings += page.findings.count
            deferred += page.deferred.count
            #expect(page.findings.map(\.message) == expected.findings.map(\.message), "round \(round): \(file) \(urls)")
            #expect(page.findings.map(\.order) == expected.findings.map(\.order), "round \(round): \(file) \(urls)")
            #expect(page.deferred.map(\.order) == expected.deferred.map(\.order), "round \(round): \(file) \(urls)")
        }
        // Each way through the check is taken many times.
        #expect(onBytes > 3000 && findings > 2000 && deferred > 2000, "\(onBytes) on bytes, \(findings) findings, \(deferred) deferred")
    }

    @Test func finishReportsWhatLocateReports() {
        var random = SplitMix(state: 2)
        for round in 0..<300 {
            // Some files are only known at the end (the search index), some not written at all.
            let known = Set(Self.files.filter { _ in Int.random(in: 0..<6, using: &random) > 0 })
            let written = known.union(Self.files.filter { _ in Bool.random(using: &random) })
            let check = OutputLinkCheck(baseURL: Bool.random(using: &random) ? nil : "/docs/", known: known)
            var pages: [OutputLinkCheck.Page] = []
            var navigation: [String: HTMLLinks] = [:]
            for (n, file) in written.sorted().enumerated() where file.hasSuffix(".html") {
                let urls = (0..<6).map { _ in Self.randomLink(&random) }
                // A page may name its file in another normalization than `written` does.
                var name = file
                if Bool.random(using: &random) {
                    if file.utf8.elementsEqual("\u{e9}/index.html".utf8) { name = "e\u{301}/index.html" }
                    if file.utf8.elementsEqual("e\u{301}/index.html".utf8) { name = "\u{e9}/index.html" }
                }
                var page = check.page(name, template: n % 2 == 0 ? "page" : "section", links: Self.links(urls), ids: Self.randomIDs(&random))
                if Bool.random(using: &random) {
                    page.navKey = "nav\(n % 3)"
                    page.navLine = 3
                    navigation[page.navKey] = Self.links((0..<4).map { _ in Self.randomLink(&random) })
                }
                pages.append(page)
            }
            var diagnostics = Diagnostics()
            check.finish(pages, files: written, navigation: navigation, into: &diagnostics)
            var expected = Diagnostics()
            Reference.finish(check, pages, files: written, navigation: navigation, into: &expected)
            #expect(diagnostics.all == expected.all, "round \(round)")
        }
    }

    @Test func tableFindsExactlyItsFilesBytes() {
        let table = OutputFileTable(Self.files + ["a/index.html"])
        #expect(table.count == Self.files.count)
        for (k, file) in Self.files.enumerated() {
            #expect(table.index(of: file) == k)
            #expect(table.path(k) == file)
            #expect(table.isHTML[k] == file.hasSuffix(".html"))
        }
        // Two normalizations of `é/index.html`, one String to a `Set`, are two files to the table.
        #expect(table.index(of: "\u{e9}/index.html") == 9)
        #expect(table.index(of: "e\u{301}/index.html") == 13)
        for missing in ["", "a", "a/", "a/index.htm", "a/index.html/", "A/index.html", "index.html\0"] {
            #expect(table.index(of: missing) == nil, "\(missing)")
        }
    }

    /// The byte folder of a file is what `NSString` says, for every path it takes on.
    @Test func plainFolderIsNSStringsFolder() {
        let parts = ["", "a", "é", ".", "..", "index.html", "a b", "~"]
        var paths = [""]
        for p in parts { for q in parts { for r in parts { paths += [p + "/" + q + "/" + r, p + "//" + q, "/" + p + "/" + q, p + "/" + q + "/"] } } }
        for path in paths {
            var bytes = path
            let end = bytes.withUTF8 { Context.plainFolderEnd($0) }
            guard let end else { continue }
            #expect(String(decoding: Array(path.utf8)[..<end], as: UTF8.self) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
    }
}

/// The check as it was before links were worked out on bytes: every link but `#id` goes to `locate`.
private enum Reference {
    static func page(_ check: OutputLinkCheck, _ file: String, links: HTMLLinks, ids: Set<String>) -> OutputLinkCheck.Page {
        var result = OutputLinkCheck.Page(file: file, template: "page", ids: ids, references: links.references.count)
        let folder = (file as NSString).deletingLastPathComponent
        for (order, ref) in links.references.enumerated() {
            if ref.url.utf8.first == 35 {
                let id = OutputLinkCheck.decode(String(ref.url.dropFirst()))
                if !id.isEmpty, !ids.contains(id) {
                    result.findings.append(.init(order: order, reference: ref, message: "no element with id '\(id)' in '\(file)'"))
                }
                continue
            }
            switch check.locate(ref.url, from: folder, file: file, files: check.known, allKnown: false) {
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
        return result
    }

    static func problem(_ check: OutputLinkCheck, _ url: String, from folder: String, file: String, files: Set<String>,
                        ids: [String: Set<String>]) -> String? {
        switch check.locate(url, from: folder, file: file, files: files, allKnown: true) {
        case .fine, .later: return nil
        case .broken(let message): return message
        case .file(let target, let fragment):
            guard let fragment else { return nil }
            return ids[target]?.contains(fragment) ?? false ? nil : "no element with id '\(fragment)' in '\(target)'"
        }
    }

    static func finish(_ check: OutputLinkCheck, _ pages: [OutputLinkCheck.Page], files: Set<String>,
                       navigation: [String: HTMLLinks], into diagnostics: inout Diagnostics) {
        var ids: [String: Set<String>] = [:]
        for p in pages { ids[p.file] = p.ids }
        var first: [String: Int] = [:]
        for (n, p) in pages.enumerated() where p.navLine > 0 && first[p.navKey] == nil { first[p.navKey] = n }
        let late: [[OutputLinkCheck.Finding]] = pages.indices.map { n in
            let p = pages[n]
            var out: [OutputLinkCheck.Finding] = []
            let folder = (p.file as NSString).deletingLastPathComponent
            for d in p.deferred {
                if let message = problem(check, d.reference.url, from: folder, file: p.file, files: files, ids: ids) {
                    out.append(.init(order: d.order, reference: d.reference, message: message))
                }
            }
            if first[p.navKey] == n, let nav = navigation[p.navKey] {
                for (k, ref) in nav.references.enumerated() {
                    var ref = ref
                    ref.line += p.navLine - 1
                    let message: String?
                    if ref.url.utf8.first == 35 {
                        let id = OutputLinkCheck.decode(String(ref.url.dropFirst()))
                        message = !id.isEmpty && !p.ids.contains(id) ? "no element with id '\(id)' in '\(p.file)'" : nil
                    } else {
                        message = problem(check, ref.url, from: folder, file: p.file, files: files, ids: ids)
                    }
                    if let message { out.append(.init(order: p.references + k, reference: ref, message: message)) }
                }
            }
            return out
        }
        struct Problem { var first: Diagnostic; var files: Set<String> }
        var problems: [String: Problem] = [:]
        for (n, p) in pages.enumerated() {
            for f in (p.findings + late[n]).sorted(by: { $0.order < $1.order }) {
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
}
