import DocGenCore
import DocGenHTML
import DocGenMarkdown
import Foundation

/// The incremental build's fast path: when the only sources that changed since the last build are
/// page bodies (and files under `content/` copied as they are), and nothing about those pages that
/// another page, the navigation or their own template context can see has changed, their new
/// bodies are swapped into their existing output files and the search index is patched, without
/// loading the rest of the site. Anything else (a new, renamed or deleted file, a changed title,
/// heading, link or front matter, a template, `docgen.yml`, a new docgen binary, a diagnostic)
/// returns nil, and the caller runs the full build, which keeps unchanged files too.
///
/// The result is byte-identical to a clean build (`IncrementalTests` compares them after each kind
/// of edit). Nothing is written unless every changed page passed; each file is replaced whole
/// (written beside it, then renamed over it).
struct QuickRebuild {
    let options: BuildOptions
    let root: String
    let output: String
    let cache: String

    /// At most this many changed files take the fast path; more means a larger change.
    static let changeLimit = 64

    private struct Rewrite {
        var path: String
        /// nil: the file is deleted.
        var bytes: [UInt8]?
    }

    func run(snapshot: FolderSnapshot) -> BuildReport? {
        let start = DispatchTime.now().uptimeNanoseconds
        let stateFile = BuildState.file(cache: cache, output: output)
        let manifestFile = OutputFolder.manifestFile(cache: cache, output: output)
        guard var state = BuildState.load(stateFile),
              state.environment == BuildState.environment(root: root, output: output, options: options),
              !state.marker.isEmpty, state.marker == OutputFolder.identity(of: output + "/" + OutputFolder.marker),
              var manifest = OutputManifest.load(manifestFile), manifest.marker == state.marker,
              snapshot.files.count == state.entries.count,
              // Under --strict a warning fails the build: the full build says so and writes nothing.
              !(options.strict && state.diagnostics.contains { $0.severity == .warning }) else { return nil }
        var changed: [Int] = []
        for (n, file) in snapshot.files.enumerated() {
            guard file.path == state.entries[n].path else { return nil }
            if file.stat != state.entries[n].stat { changed.append(n) }
        }
        guard changed.count <= Self.changeLimit else { return nil }

        let config = loadConfig()
        guard let config else { return nil }
        var rewrites: [Rewrite] = []
        var pagesRendered = 0
        let previous = manifest
        var search = SearchPatchQueue(builder: SearchIndexBuilder(roleTitles: state.roleTitles, defaultLanguage: config.language),
                                      read: { path in readOutput("search/" + path, manifest: previous) })
        for n in changed {
            let entry = state.entries[n]
            guard let bytes = try? FileSystem.read(root + "/content/" + entry.path) else { return nil }
            let hash = StableHash.contents(bytes)
            defer { state.entries[n].stat = snapshot.files[n].stat }
            if hash == entry.contentHash { continue }
            state.entries[n].contentHash = hash
            switch entry.kind {
            case .asset:
                guard manifest.files[entry.path] != nil else { return nil }
                rewrites.append(Rewrite(path: entry.path, bytes: bytes))
            case .page:
                guard let page = rebuildPage(entry, bytes: bytes, config: config, glossary: state.glossary,
                                             diagnostics: state.diagnostics, manifest: manifest, search: &search) else { return nil }
                rewrites.append(page.rewrite)
                state.entries[n].record = page.record
                pagesRendered += 1
            case .other:
                return nil
            }
        }
        rewrites += search.files.map { Rewrite(path: "search/" + $0.path, bytes: $0.bytes) }

        // Everything checked: write.
        do {
            for rewrite in rewrites {
                let existed = manifest.files[rewrite.path] != nil
                state.files += (rewrite.bytes != nil ? 1 : 0) - (existed ? 1 : 0)
                if let bytes = rewrite.bytes {
                    try FileSystem.makeDirectories(PathText.parent(of: output + "/" + rewrite.path))
                    try Self.replace(output + "/" + rewrite.path, with: bytes)
                    manifest.files[rewrite.path] = (OutputManifest.hash(bytes), bytes.count)
                } else {
                    unlink(output + "/" + rewrite.path)
                    manifest.files[rewrite.path] = nil
                }
            }
            if !changed.isEmpty {
                if !rewrites.isEmpty { try Self.replace(manifestFile, with: manifest.serialized()) }
                try Self.replace(stateFile, with: state.serialized())
            }
        } catch {
            // The output is still a correct site for the files written so far, but the cache no
            // longer describes it: drop the cache so the next build is a full one.
            unlink(stateFile)
            unlink(manifestFile)
            return nil
        }
        let ms = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        var notes: [String] = []
        notes.append("incremental: \(changed.count) source files changed, \(pagesRendered) pages re-rendered in place, \(rewrites.count) files rewritten")
        notes.append("time: incremental \(ms) ms")
        return BuildReport(diagnostics: state.diagnostics, pages: state.pages, files: state.files, wrote: true,
                           outputPath: output, notes: notes)
    }

    // MARK: One page

    private struct RebuiltPage {
        var rewrite: Rewrite
        var record: ArraySlice<UInt8>
    }

    private func rebuildPage(_ entry: BuildState.Entry, bytes: [UInt8], config: SiteConfig, glossary: [GlossaryTerm],
                             diagnostics: [Diagnostic], manifest: OutputManifest,
                             search: inout SearchPatchQueue) -> RebuiltPage? {
        let sourceFile = "content/" + entry.path
        // The page had no diagnostics but those that depend only on the graph.
        guard !diagnostics.contains(where: { $0.location?.file == sourceFile && $0.id != "page-orphan" }),
              case .success(let file) = SiteLoader.decode(bytes, path: entry.path),
              var record = try? decodeRecord(entry),
              let ranges = record.contentRanges else { return nil }
        var local = Diagnostics()
        let front = FrontMatterParser.parse(file.text, file: sourceFile, into: &local)
        let isIndex = PageBuilder.place(of: file.path, slug: nil).isIndex
        let meta = PageMetadata.decode(front.map, file: sourceFile, defaultType: isIndex ? .page : PageKind.defaultType(for: file.path),
                                       into: &local)
        let builder = PageBuilder(options: .pages(unsafeHTML: config.unsafeHTML), includeDrafts: options.drafts)
        guard let page = builder.page(file, front: front, meta: meta, glossary: config.glossaryAutolink ? glossary : [], into: &local),
              local.all.isEmpty, let document = page.document,
              Self.facts(of: page, text: file.text) == record.facts,
              let old = readOutput(record.output, manifest: manifest) else { return nil }

        // The new body where the old one was.
        let content = Array(SiteWriter.content(of: document, links: record.links.map { ($0.href, $0.title) }).utf8)
        var html = [UInt8]()
        html.reserveCapacity(old.count + content.count)
        var newRanges: [Range<Int>] = []
        var navRange = record.navRange
        var at = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard range.lowerBound >= at, range.upperBound <= old.count else { return nil }
            html.append(contentsOf: old[at..<range.lowerBound])
            newRanges.append(html.count..<html.count + content.count)
            html.append(contentsOf: content)
            if let nav = navRange, nav.lowerBound >= range.upperBound {
                navRange = nav.lowerBound + content.count - range.count..<nav.upperBound + content.count - range.count
            }
            at = range.upperBound
        }
        html.append(contentsOf: old[at...])

        // The output link check saw the page with the navigation marker in place of the
        // navigation: so does this check, which expects what it saw then.
        var scanned = html
        if let nav = navRange {
            guard nav.upperBound <= html.count else { return nil }
            scanned.replaceSubrange(nav, with: SiteWriter.navMarker)
        }
        guard SiteWriter.scanHash(HTMLScanner.scan(scanned, name: record.output)) == record.scanHash else { return nil }

        guard let footprint = record.searchFootprint,
              let searchDocument = SiteWriter.searchDocument(page, section: record.searchSection,
                                                             linkTitles: record.links.map(\.target), language: config.language)
        else { return nil }
        guard let newFootprint = search.replace(footprint, with: searchDocument) else { return nil }

        record.searchFootprint = newFootprint
        record.contentRanges = newRanges
        record.navRange = navRange
        var w = ByteWriter()
        record.encode(into: &w)
        return RebuiltPage(rewrite: Rewrite(path: record.output, bytes: html), record: w.bytes[...])
    }

    /// Everything about a page outside its body text that any output depends on: its front
    /// matter (so its metadata), id, URL, kind, title, headings and links.
    static func facts(of page: Page, text: String) -> UInt64 {
        var h = StableHash()
        var text = text
        text.withUTF8 { buffer in
            var lines = 0, end = 0
            while end < buffer.count, lines < page.bodyLineOffset {
                if buffer[end] == 10 { lines += 1 }
                end += 1
            }
            h.add(UnsafeBufferPointer(rebasing: buffer[0..<end]))
        }
        h.add(page.id)
        h.add(page.url)
        h.add(page.kind.rawValue)
        h.add(page.title)
        h.add(page.lang ?? "\u{0}")
        if let document = page.document {
            h.add(document.leadingTitle ?? "\u{0}")
            h.add(document.headings.count)
            for heading in document.headings { h.add(heading.level); h.add(heading.id); h.add(heading.text) }
            h.add(document.links.count)
            for link in document.links {
                // The case's name, spelled out: `"\(link.kind)"` gives the same bytes through
                // reflection, which took 1% of a 10,000-page build's CPU.
                switch link.kind {
                case .link: h.add("link")
                case .image: h.add("image")
                case .wiki: h.add("wiki")
                }
                h.add(link.destination)
                h.add(link.needsTitle ? 1 : 0)
            }
        }
        return h.value
    }

    // MARK: Helpers

    private func decodeRecord(_ entry: BuildState.Entry) throws -> PageRecord {
        var r = ByteReader(Array(entry.record))
        return try PageRecord.decode(&r)
    }

    /// A file of the previous output, if it is still exactly what the last build wrote.
    private func readOutput(_ relative: String, manifest: OutputManifest) -> [UInt8]? {
        guard let expected = manifest.files[relative], let bytes = try? FileSystem.read(output + "/" + relative),
              bytes.count == expected.size, OutputManifest.hash(bytes) == expected.hash else { return nil }
        return bytes
    }

    /// The configuration as a full build reads it; nil when it has diagnostics (the full build reports them).
    private func loadConfig() -> SiteConfig? {
        var diagnostics = Diagnostics()
        var config = SiteLoader(root: root).loadConfig(into: &diagnostics)
        if let base = options.baseURL { config.baseURL = URLScheme.normalizeBaseURL(base) }
        return diagnostics.all.isEmpty ? config : nil
    }

    /// Replaces a file whole: the new bytes go to a hidden file beside it, renamed over it, so a
    /// reader (or a crash) never sees half a file, and a hard link to the old file keeps the old
    /// bytes.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = temporaryFile(for: path)
        try FileSystem.write(bytes, to: temporary)
        do { try FileSystem.rename(temporary, path) } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Where `replace` writes the new `path` before moving it into place.
    static func temporaryFile(for path: String) -> String {
        PathText.parent(of: path) + "/.docgen-tmp-\(getpid())-" + (path as NSString).lastPathComponent
    }
}

/// The search index changes of a fast rebuild, applied one after the other (a later patch reads
/// what an earlier one wrote) and written together.
struct SearchPatchQueue {
    let builder: SearchIndexBuilder
    let read: (String) -> [UInt8]?
    /// New bytes of each file the patches touched; nil: the file goes.
    private var pending: [String: [UInt8]?] = [:]
    private var order: [String] = []

    init(builder: SearchIndexBuilder, read: @escaping (String) -> [UInt8]?) {
        self.builder = builder
        self.read = read
    }

    /// The document's new footprint, or nil when the index cannot be patched.
    mutating func replace(_ footprint: [UInt8], with document: SearchDocument) -> [UInt8]? {
        let current = pending, read = self.read
        guard let patch = builder.incrementalPatch(replacing: footprint, with: document, read: { path in
            if let known = current[path] { return known }
            return read(path)
        }) else { return nil }
        for file in patch.files {
            if pending[file.path] == nil { order.append(file.path) }
            pending[file.path] = .some(file.bytes)
        }
        return patch.footprint
    }

    /// The files to rewrite (bytes) or delete (nil), relative to `search/`.
    var files: [(path: String, bytes: [UInt8]?)] { order.map { ($0, pending[$0]!) } }
}
