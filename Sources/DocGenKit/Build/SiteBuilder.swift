import DocGenCore
import DocGenMarkdown
import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var site: String
    public var output: String?
    public var baseURL: String?
    public var drafts = false
    /// false for `docgen check`: validate everything, write nothing.
    public var write = true
    public var verbose = false
    /// Warnings fail the build (and leave the output untouched), as errors do.
    public var strict = false
    /// Keep a manifest in `<site>/.docgen-cache/` and hard-link unchanged files from the previous
    /// output instead of writing them again.
    public var useCache = true

    public init(site: String, output: String? = nil, baseURL: String? = nil) {
        self.site = site
        self.output = output
        self.baseURL = baseURL
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pages: Int
    public var files: Int
    public var wrote: Bool
    public var outputPath: String
    /// Lines for `--verbose`: which theme file won, how long each stage took.
    public var notes: [String]
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// The pipeline. Each stage takes values and returns a value; content problems are collected as
/// diagnostics, and only a failing environment throws.
public struct SiteBuilder: Sendable {
    public init() {}

    /// Everything a build knows before it renders: the checked site.
    public struct Analysis: Sendable {
        public var root: String
        public var config: SiteConfig
        public var source: SiteSource
        public var theme: Theme
        public var contentPages: Int
        public var graph: DocumentGraph
        public var resolved: ResolvedGraph
        public var hub: Hub
        public var navigation: Navigation
        public var urls: URLScheme
        /// Per source page (path under `content/`): the hash of its bytes and of its facts (see
        /// `QuickRebuild.facts`), for the incremental build's state. Empty without the cache.
        var digests: [String: (content: UInt64, facts: UInt64?)] = [:]
        /// The sources' stats, when the load was asked to keep them.
        var snapshot: FolderSnapshot?
    }

    /// Loads, parses and checks the site: every stage up to rendering.
    public func analyze(_ options: BuildOptions, into diagnostics: inout Diagnostics, notes: inout [String]) throws -> Analysis {
        try analyze(options, snapshot: false, into: &diagnostics, notes: &notes)
    }

    /// `snapshot`: the load keeps the sources' stats for the incremental build's state.
    func analyze(_ options: BuildOptions, snapshot: Bool, into diagnostics: inout Diagnostics, notes: inout [String]) throws -> Analysis {
        var clock = StageClock()
        let root = FileSystem.absolute(options.site)
        let source = try SiteLoader(root: root).load(into: &diagnostics, snapshot: snapshot)
        var config = source.config
        if let base = options.baseURL { config.baseURL = URLScheme.normalizeBaseURL(base) }
        clock.lap("load", &notes)
        let theme = try Theme.load(site: root, name: config.theme, into: &diagnostics)
        if options.verbose {
            notes += theme.origins.filter { $0.origin != "built-in" }.map { "theme: \($0.path) from \($0.origin)" }
        }
        let contentPages = PageBuilder(options: .pages(unsafeHTML: config.unsafeHTML), includeDrafts: options.drafts)
            .build(source.pages, glossaryAutolink: config.glossaryAutolink, into: &diagnostics)
        clock.lap("parse", &notes)
        var graph = DocumentGraph(pages: GeneratedPages.add(to: contentPages), assets: source.assets, into: &diagnostics)
        if let glossary = graph.index(ofURL: "glossary/") {
            graph.addAnchors(graph.typedIDs(.term).keys.sorted(), to: glossary)
        }
        let urls = URLScheme(baseURL: config.baseURL)
        // The hub's indexes and the navigation do not need the links: they are made on another
        // thread while the links resolve on every core.
        let sideGraph = graph
        let side = Background { () -> (Hub, Navigation, Diagnostics) in
            var found = Diagnostics()
            return (Hub(graph: sideGraph, into: &found), Navigation(pages: sideGraph.pages), found)
        }
        let resolved = LinkResolver(urls: urls, contentRoot: root + "/content").resolve(graph, into: &diagnostics)
        let (hub, navigation, hubDiagnostics) = try side.wait()
        diagnostics.append(contentsOf: hubDiagnostics.all)
        Orphans(policy: config.orphans).check(graph: graph, resolved: resolved, into: &diagnostics)
        clock.lap("graph", &notes)
        var digests: [String: (content: UInt64, facts: UInt64?)] = [:]
        if options.useCache && options.write {
            var pathIndex: [String: Page] = [:]
            for page in contentPages { if let path = page.path { pathIndex[path] = page } }
            let byPath = pathIndex
            let files = source.pages
            let hashes: [(UInt64, UInt64?)] = Parallel.map(files.count) { n in
                var text = files[n].text
                let content = text.withUTF8 { StableHash.contents(UnsafeRawBufferPointer($0)) }
                return (content, byPath[files[n].path].map { QuickRebuild.facts(of: $0, text: files[n].text) })
            }
            for (n, file) in files.enumerated() { digests[file.path] = (hashes[n].0, hashes[n].1) }
        }
        // Pages keep what they need; the texts are let go (a 10,000-page hub holds ~75 MB of them).
        let kept = SiteSource(root: source.root, config: source.config, pages: [], assets: source.assets)
        return Analysis(root: root, config: config, source: kept, theme: theme, contentPages: contentPages.count,
                        graph: graph, resolved: resolved, hub: hub, navigation: navigation, urls: urls, digests: digests,
                        snapshot: source.snapshot)
    }

    public func build(_ options: BuildOptions) throws -> BuildReport {
        var diagnostics = Diagnostics()
        var notes: [String] = []
        let root = FileSystem.absolute(options.site)
        let outputPath = FileSystem.absolute(options.output ?? root + "/output")
        let cache = root + "/.docgen-cache"
        // The sources' stat is taken before anything is read: an edit made during the build is
        // seen by the next one. A quick rebuild needs it first; without a state for this output
        // there is none to try, and the load takes each file's stat just before reading it.
        let caching = options.write && options.useCache
        var snapshot: FolderSnapshot?
        if caching && FileSystem.exists(BuildState.file(cache: cache, output: outputPath)) {
            snapshot = FolderSnapshot.take(root + "/content")
            if let snapshot, let quick = QuickRebuild(options: options, root: root, output: outputPath, cache: cache).run(snapshot: snapshot) {
                return quick
            }
        }
        // Older outputs' states are pruned on another thread while this build runs.
        let pruning = DispatchGroup()
        if caching {
            let keep = [BuildState.file(cache: cache, output: outputPath), OutputFolder.manifestFile(cache: cache, output: outputPath)]
            DispatchQueue.global().async(group: pruning) { Self.pruneCache(cache, keeping: keep.map { ($0 as NSString).lastPathComponent }) }
        }
        defer { pruning.wait() }
        // What a build holds (pages, documents, records) is freed on another thread once the
        // build returns, as compilers skip freeing at exit: at 10,000 pages freeing it took about
        // 0.15 s that the command would otherwise spend before it could finish.
        let leftovers = Leftovers()
        defer { leftovers.releaseLater() }
        let site = try analyze(options, snapshot: caching && snapshot == nil, into: &diagnostics, notes: &notes)
        leftovers.keep(site)
        if caching && snapshot == nil { snapshot = site.snapshot }
        var clock = StageClock()
        let (config, graph, resolved, hub, navigation, theme, urls, source) =
            (site.config, site.graph, site.resolved, site.hub, site.navigation, site.theme, site.urls, site.source)
        let contentPages = site.contentPages

        var report = BuildReport(diagnostics: [], pages: contentPages, files: 0, wrote: false,
                                 outputPath: outputPath, notes: notes)
        let failed = { diagnostics.hasErrors || (options.strict && diagnostics.warningCount > 0) }
        guard options.write, !failed() else {
            report.diagnostics = diagnostics.sorted
            return report
        }
        let output = try OutputFolder(path: outputPath, cache: options.useCache ? cache : nil)
        do {
            var writer = SiteWriter(config: config, graph: graph, resolved: resolved, hub: hub,
                                    navigation: navigation, theme: theme, urls: urls, output: output, root: root)
            writer.keepsState = snapshot != nil
            let written = try writer.write(assets: source.assets, into: &diagnostics, notes: &report.notes, clock: &clock)
            report.files = written.files
            leftovers.keep(written)
            // The output's manifest and the next build's state are made on another thread while
            // the output link check runs, and the state's entries are written to a temporary
            // file; only its header, which holds the diagnostics, waits for the check.
            let files = output.writtenFiles
            let finished = writer, sources = snapshot
            let stateFile = BuildState.file(cache: cache, output: outputPath)
            let temporaryState = QuickRebuild.temporaryFile(for: stateFile)
            let prepared = Background { () -> (manifest: [UInt8]?, stateOffset: Int?) in
                var offset: Int?
                if let sources {
                    let entries = BuildState.entries(site: site, writer: finished, written: written, files: files, snapshot: sources)
                    let leading = BuildState.leading(entries: entries)
                    try? FileSystem.makeDirectories(cache)
                    if (try? FileSystem.write(leading, to: temporaryState)) != nil { offset = leading.count }
                }
                return (output.preparedManifest(), offset)
            }
            SiteWriter.checkLinks(written.pendingCheck, into: &diagnostics, notes: &report.notes)
            clock.lap("output link check", &report.notes)
            let (manifest, stateOffset) = try prepared.wait()
            if failed() {
                unlink(temporaryState)
                output.discard()
            } else {
                // The state is finished while the output moves into place: it names the output's
                // marker file, so a state whose output did not arrive is never trusted.
                var stateWrite: Background<Void>?
                if snapshot != nil {
                    let state = BuildState(site: site, writer: writer, entries: [], diagnostics: diagnostics.sorted,
                                           report: report, options: options,
                                           marker: OutputFolder.identity(of: output.staging + "/" + OutputFolder.marker))
                    stateWrite = Background {
                        // The state only speeds the next build up: failing to write it is not an error.
                        guard let stateOffset, (try? FileSystem.append(state.header(at: stateOffset), to: temporaryState)) != nil,
                              (try? FileSystem.rename(temporaryState, stateFile)) != nil else {
                            unlink(temporaryState)
                            unlink(stateFile)
                            return
                        }
                    }
                }
                do { try output.commit(manifest: manifest) } catch {
                    try? stateWrite?.wait()
                    unlink(stateFile)
                    throw error
                }
                report.wrote = true
                try stateWrite?.wait()
                clock.lap("commit and cache", &report.notes)
                let counts = output.reuseCounts
                report.notes.append("output: \(counts.written) files written, \(counts.kept) unchanged files kept from the previous build")
            }
        } catch {
            output.discard()
            throw error
        }
        report.diagnostics = diagnostics.sorted
        return report
    }
}

/// Values whose last reference is dropped on another thread, a moment after the build returned.
private final class Leftovers: @unchecked Sendable {
    private var values: [Any] = []
    func keep(_ value: Any) { values.append(value) }
    func releaseLater() {
        guard !values.isEmpty else { return }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(250)) { self.values = [] }
    }
}

extension SiteBuilder {
    /// How many output folders `.docgen-cache/` remembers: each has a state (≈1 KB a page) and
    /// a manifest, and a site built into ever new folders would otherwise pile them up.
    static let cachedOutputs = 4

    /// Deletes the states and manifests of all but the `cachedOutputs` most recently built output
    /// folders; the files named in `keeping` (the folder being built now) count as the newest.
    static func pruneCache(_ cache: String, keeping: [String]) {
        guard let entries = try? FileSystem.list(cache) else { return }
        for prefix in ["state-", "output-"] {
            var files: [(name: String, time: Int)] = []
            for entry in entries where !entry.isDirectory && entry.name.hasPrefix(prefix) && !keeping.contains(entry.name) {
                var st = stat()
                guard lstat(cache + "/" + entry.name, &st) == 0 else { continue }
                files.append((entry.name, st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec))
            }
            files.sort { ($0.time, $0.name) > ($1.time, $1.name) }
            for old in files.dropFirst(cachedOutputs - 1) { unlink(cache + "/" + old.name) }
        }
    }
}

/// Times the stages for `--verbose`.
struct StageClock {
    var last = DispatchTime.now()
    var lastCPU = StageClock.cpuMilliseconds()
    mutating func lap(_ name: String, _ notes: inout [String]) {
        let now = DispatchTime.now()
        let cpu = Self.cpuMilliseconds()
        notes.append("time: \(name) \(Int((now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000)) ms (CPU \(cpu - lastCPU) ms)")
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far: with the wall time, how busy the cores were.
    static func cpuMilliseconds() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + (Int(usage.ru_utime.tv_usec) + Int(usage.ru_stime.tv_usec)) / 1000
    }
}
