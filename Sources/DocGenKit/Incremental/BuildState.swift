import DocGenCore
import DocGenMarkdown
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says about a source file: if all of it is unchanged, so is the file. A change
/// only means "read and hash it again".
struct FileStat: Equatable, Sendable {
    var size: Int
    var inode: UInt64
    var modified: Int
    var changed: Int

    init(size: Int, inode: UInt64, modified: Int, changed: Int) {
        self.size = size
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    init(_ st: stat) {
        size = Int(st.st_size)
        inode = UInt64(st.st_ino)
        modified = Int(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(st.st_mtim.tv_nsec)
        changed = Int(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(st.st_ctim.tv_nsec)
    }
}

/// Every file under a folder with its `stat`, in the order `FileSystem.walk` lists them (hidden
/// entries skipped). Taken before a build reads anything, so an edit made while it runs is seen
/// by the next build.
struct FolderSnapshot: Sendable {
    var files: [(path: String, stat: FileStat)] = []

    static func take(_ root: String) -> FolderSnapshot? {
        var snapshot = FolderSnapshot()
        func visit(_ rel: String) -> Bool {
            let full = rel.isEmpty ? root : root + "/" + rel
            guard let dir = opendir(full) else { return false }
            defer { closedir(dir) }
            var entries: [(String, stat)] = []
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name.hasPrefix(".") { continue }
                var st = stat()
                guard fstatat(dirfd(dir), name, &st, 0) == 0 else { return false }
                entries.append((name, st))
            }
            entries.sort { $0.0 < $1.0 }
            for (name, st) in entries {
                let child = rel.isEmpty ? name : rel + "/" + name
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    guard visit(child) else { return false }
                } else {
                    snapshot.files.append((child, FileStat(st)))
                }
            }
            return true
        }
        return visit("") ? snapshot : nil
    }
}

/// What the last successful build knew about one rendered content page: enough to re-render its
/// body in place when nothing else about it changed.
struct PageRecord: Sendable {
    /// Everything of the page other pages can see, or its own template context can: front matter,
    /// title, headings, links (see `QuickRebuild.facts`).
    var facts: UInt64
    /// The page's file under the output folder.
    var output: String
    /// Where the body HTML sits in that file (nil: the template does not show it raw, so the body
    /// cannot be swapped in place).
    var contentRanges: [Range<Int>]?
    /// Where the navigation sits in it: the output link check scans pages without it.
    var navRange: Range<Int>?
    /// The hrefs, srcs and ids the output link check found (lines left out).
    var scanHash: UInt64
    /// Each link's resolved href, shown title (escaped for HTML) and its target's title (for the
    /// search text), in placeholder order.
    var links: [(href: String, title: String, target: String)]
    /// The search index's section title and what the page contributed to the index.
    var searchSection: String
    var searchFootprint: [UInt8]?

    func encode(into w: inout ByteWriter) {
        w.hash(facts)
        w.string(output)
        w.bool(contentRanges != nil)
        if let contentRanges {
            w.int(contentRanges.count)
            for r in contentRanges { w.int(r.lowerBound); w.int(r.count) }
        }
        w.int(navRange?.lowerBound ?? -1)
        w.int(navRange?.count ?? 0)
        w.hash(scanHash)
        w.int(links.count)
        for link in links {
            // The shown title is nearly always the target's title, escaped: kept once then.
            w.string(link.href)
            w.string(link.target)
            let derived = link.title == HTMLText.escape(link.target)
            w.bool(derived)
            if !derived { w.string(link.title) }
        }
        w.string(searchSection)
        w.bool(searchFootprint != nil)
        if let searchFootprint { w.data(searchFootprint) }
    }

    static func decode(_ r: inout ByteReader) throws(ByteReader.Malformed) -> PageRecord {
        let facts = try r.hash()
        let output = try r.string()
        var ranges: [Range<Int>]?
        if try r.bool() {
            var list: [Range<Int>] = []
            for _ in 0..<(try r.count()) {
                let start = try r.int(), length = try r.int()
                guard start >= 0, length >= 0 else { throw ByteReader.Malformed() }
                list.append(start..<start + length)
            }
            ranges = list
        }
        let navStart = try r.int(), navLength = try r.int()
        let scanHash = try r.hash()
        var links: [(String, String, String)] = []
        for _ in 0..<(try r.count()) {
            let href = try r.string(), target = try r.string()
            let title = try r.bool() ? HTMLText.escape(target) : try r.string()
            links.append((href, title, target))
        }
        let section = try r.string()
        let footprint = try r.bool() ? try r.data() : nil
        return PageRecord(facts: facts, output: output, contentRanges: ranges,
                          navRange: navStart >= 0 && navLength >= 0 ? navStart..<navStart + navLength : nil,
                          scanHash: scanHash, links: links, searchSection: section, searchFootprint: footprint)
    }
}

/// The state `.docgen-cache/state-<output>.bin` keeps between builds into one output folder:
/// the environment the build ran in, every source file's `stat` and content hash, and for each
/// content page what a body-only edit needs to be applied without a full build.
/// Deleting it is always safe: the next build is a full one.
///
/// The file holds the magic string, the entries, the header (everything else) and, in its last
/// 8 bytes, where the header starts. The entries (≈1 KB a page) come first so that a full build
/// can write them while its output link check runs, and add the header, which holds the
/// diagnostics, once the check is done.
struct BuildState: Sendable {
    static let magic = "docgen-state 5"

    enum Kind: Int { case asset = 0, page = 1, other = 2 }

    struct Entry: Sendable {
        var path: String
        var stat: FileStat
        var contentHash: UInt64
        var kind: Kind
        /// The encoded `PageRecord` (pages only), decoded only for the pages that changed.
        var record: ArraySlice<UInt8>
    }

    /// docgen's executable, the options, `docgen.yml` and the site's theme files: any change
    /// means a full build.
    var environment: String
    /// The identity of the output folder's marker file when the state was written.
    var marker: String
    var pages: Int
    var files: Int
    var diagnostics: [Diagnostic]
    var glossary: [GlossaryTerm]
    /// Role ids and titles, as the search index builder is given them.
    var roleTitles: [String: String]
    var entries: [Entry]

    func serialized() -> [UInt8] {
        let leading = Self.leading(entries: entries)
        return leading + header(at: leading.count)
    }

    /// The start of the file: the magic string and the entries.
    static func leading(entries: [Entry]) -> [UInt8] {
        var w = ByteWriter()
        w.string(magic)
        encode(entries, into: &w)
        return w.bytes
    }

    /// The rest of the file: the header, which starts `offset` bytes in, and that offset.
    func header(at offset: Int) -> [UInt8] {
        var w = ByteWriter()
        w.string(environment)
        w.string(marker)
        w.int(pages)
        w.int(files)
        w.data((try? JSONEncoder().encode(diagnostics)).map { Array($0) } ?? [])
        w.int(glossary.count)
        for term in glossary {
            w.string(term.id)
            w.string(term.short)
            w.int(term.phrases.count)
            for phrase in term.phrases { w.string(phrase) }
        }
        w.int(roleTitles.count)
        for (id, title) in roleTitles.sorted(by: { $0.key < $1.key }) { w.string(id); w.string(title) }
        w.hash(UInt64(offset))
        return w.bytes
    }

    private static func encode(_ entries: [Entry], into w: inout ByteWriter) {
        w.int(entries.count)
        for entry in entries {
            w.string(entry.path)
            w.int(entry.stat.size)
            w.int(Int(bitPattern: UInt(entry.stat.inode)))
            w.int(entry.stat.modified)
            w.int(entry.stat.changed)
            w.hash(entry.contentHash)
            w.int(entry.kind.rawValue)
            w.int(entry.record.count)
            w.bytes.append(contentsOf: entry.record)
        }
    }

    static func load(_ path: String) -> BuildState? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        var r = ByteReader(bytes)
        do {
            guard try r.string() == magic, bytes.count >= r.offset + 8 else { return nil }
            let entriesStart = r.offset
            r.offset = bytes.count - 8
            let headerStart = Int(truncatingIfNeeded: try r.hash())
            guard headerStart >= entriesStart, headerStart <= bytes.count - 8 else { return nil }
            r.offset = headerStart
            let environment = try r.string()
            let marker = try r.string()
            let pages = try r.int(), files = try r.int()
            guard let diagnostics = try? JSONDecoder().decode([Diagnostic].self, from: Data(try r.data())) else { return nil }
            var glossary: [GlossaryTerm] = []
            for _ in 0..<(try r.count()) {
                let id = try r.string(), short = try r.string()
                var phrases: [String] = []
                for _ in 0..<(try r.count()) { phrases.append(try r.string()) }
                glossary.append(GlossaryTerm(id: id, phrases: phrases, short: short))
            }
            var roleTitles: [String: String] = [:]
            for _ in 0..<(try r.count()) {
                let id = try r.string()
                roleTitles[id] = try r.string()
            }
            guard r.offset == bytes.count - 8 else { return nil }
            r.offset = entriesStart
            var entries: [Entry] = []
            let count = try r.count()
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path = try r.string()
                let stat = FileStat(size: try r.int(), inode: UInt64(UInt(bitPattern: try r.int())),
                                    modified: try r.int(), changed: try r.int())
                let hash = try r.hash()
                guard let kind = Kind(rawValue: try r.int()) else { return nil }
                let n = try r.count()
                entries.append(Entry(path: path, stat: stat, contentHash: hash, kind: kind, record: bytes[r.offset..<r.offset + n]))
                r.offset += n
            }
            guard r.offset == headerStart else { return nil }
            return BuildState(environment: environment, marker: marker, pages: pages, files: files,
                              diagnostics: diagnostics, glossary: glossary, roleTitles: roleTitles, entries: entries)
        } catch {
            return nil
        }
    }

    /// Where the state of a build into `output` lives.
    static func file(cache: String, output: String) -> String {
        cache + "/state-" + OutputManifest.hex(StableHash.of(Array(output.utf8))) + ".bin"
    }

    /// Everything outside `content/` a build's output depends on, as one comparable string.
    static func environment(root: String, output: String, options: BuildOptions) -> String {
        var parts: [String] = ["docgen-state"]
        if let exe = FileStat(path: "/proc/self/exe") {
            parts.append("exe \(exe.inode) \(exe.size) \(exe.modified)")
        } else {
            parts.append("exe \(CommandLine.arguments.first ?? "")")
        }
        parts.append("site \(root)")
        parts.append("output \(output)")
        parts.append("base \(options.baseURL ?? "-")")
        parts.append("drafts \(options.drafts)")
        let config = (try? FileSystem.read(root + "/docgen.yml")).map { OutputManifest.hex(StableHash.of($0)) } ?? "none"
        parts.append("config \(config)")
        var themes = StableHash()
        if let snapshot = FolderSnapshot.take(root + "/themes") {
            for file in snapshot.files {
                themes.add(file.path)
                themes.add("\(file.stat.size) \(file.stat.inode) \(file.stat.modified) \(file.stat.changed)")
            }
        }
        parts.append("themes \(OutputManifest.hex(themes.value))")
        return parts.joined(separator: "\n")
    }
}

extension BuildState {
    /// The state after a full build wrote its output.
    /// Each source file's entry, with the record of each page the build wrote.
    static func entries(site: SiteBuilder.Analysis, writer: SiteWriter, written: SiteWriter.Written,
                        files: [String: (hash: UInt64, size: Int)], snapshot: FolderSnapshot) -> [Entry] {
        let graph = site.graph
        var pageIndex: [String: Int] = [:]
        for (i, page) in graph.pages.enumerated() { if let path = page.path { pageIndex[path] = i } }
        let index = pageIndex
        return Parallel.map(snapshot.files.count) { n in
            let file = snapshot.files[n]
            var entry = Entry(path: file.path, stat: file.stat, contentHash: 0, kind: .other, record: [])
            if let digest = site.digests[file.path] {
                entry.contentHash = digest.content
                if let facts = digest.facts, let i = index[file.path], written.pageOutputs.indices.contains(i),
                   let rendered = written.pageOutputs[i] {
                    let page = graph.pages[i]
                    let links = site.resolved.links.indices.contains(i) ? site.resolved.links[i] : []
                    let record = PageRecord(facts: facts, output: SiteWriter.file(for: page.url),
                                            contentRanges: rendered.contentRanges, navRange: rendered.navRange,
                                            scanHash: rendered.scanHash,
                                            links: links.map { ($0.href, $0.title, $0.target.map { graph.pages[$0].title } ?? "") },
                                            searchSection: writer.searchSection(of: page),
                                            searchFootprint: written.searchFootprints[page.url])
                    var w = ByteWriter()
                    record.encode(into: &w)
                    entry.kind = .page
                    entry.record = w.bytes[...]
                }
            } else if let asset = files[file.path] {
                entry.contentHash = asset.hash
                entry.kind = .asset
            }
            return entry
        }
    }

    /// `marker`: the identity of the output's marker file (`OutputFolder.identity`), which the
    /// rename of the staging folder into place keeps.
    init(site: SiteBuilder.Analysis, writer: SiteWriter, entries: [Entry], diagnostics: [Diagnostic],
         report: BuildReport, options: BuildOptions, marker: String) {
        let graph = site.graph
        let glossary = graph.pages.filter { $0.path != nil && $0.meta.type == .term }
            .map { PageBuilder.glossaryTerm(id: $0.shortID, meta: $0.meta) }
            .sorted { $0.id < $1.id }
        self.init(environment: Self.environment(root: site.root, output: report.outputPath, options: options),
                  marker: marker,
                  pages: report.pages, files: report.files, diagnostics: diagnostics, glossary: glossary,
                  roleTitles: writer.roleTitles, entries: entries)
    }
}
