import DocGenCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file found under `content/`.
public struct SourceFile: Sendable {
    /// Path under `content/`.
    public var path: String
    public var text: String
}

/// What the load stage found: the configuration, the Markdown pages, the other files under
/// `content/` (images, downloads) to copy as they are.
public struct SiteSource: Sendable {
    public var root: String
    public var config: SiteConfig
    public var pages: [SourceFile]
    public var assets: [String]
    /// Every file under `content/` with its `stat` from before it was read, when asked for
    /// (nil if a file could not be looked at).
    var snapshot: FolderSnapshot?
}

/// Reads `docgen.yml` and every file under `content/`. Unreadable folders throw; files that are
/// not valid UTF-8 text become diagnostics.
public struct SiteLoader: Sendable {
    public var root: String
    public init(root: String) { self.root = root }

    /// With `snapshot`, each file's `stat` is kept as the incremental build's `FolderSnapshot`:
    /// taken from the open file before its bytes are read (an edit made while the build runs is
    /// seen by the next build), so the files are not looked at twice.
    public func load(into diagnostics: inout Diagnostics, snapshot: Bool = false) throws -> SiteSource {
        let config = loadConfig(into: &diagnostics)
        let contentRoot = root + "/content"
        guard FileSystem.isDirectory(contentRoot) else {
            throw EnvironmentError("no content folder at '\(contentRoot)': a site keeps its pages in content/")
        }
        let files = try FileSystem.walk(contentRoot)
        let markdown = files.filter { $0.hasSuffix(".md") || $0.hasSuffix(".markdown") }
        let assets = files.filter { !($0.hasSuffix(".md") || $0.hasSuffix(".markdown")) }
        let results: [(Result<SourceFile, LoadFailure>, FileStat?)] = Parallel.map(markdown.count) { i in
            let path = markdown[i]
            var st = stat()
            do {
                let bytes = try FileSystem.read(contentRoot + "/" + path, stat: &st)
                return (Self.decode(bytes, path: path), FileStat(st))
            } catch {
                return (.failure(LoadFailure(diagnostic: .error("file-unreadable", "\(error)",
                                                                at: SourceLocation(file: "content/" + path, line: 1, column: 1)))), nil)
            }
        }
        var pages: [SourceFile] = []
        pages.reserveCapacity(markdown.count)
        for (result, _) in results {
            switch result {
            case .success(let file): pages.append(file)
            case .failure(let failure): diagnostics.append(failure.diagnostic)
            }
        }
        var source = SiteSource(root: root, config: config, pages: pages, assets: assets)
        if snapshot {
            source.snapshot = Self.snapshot(files: files, markdown: markdown, stats: results.map(\.1), contentRoot: contentRoot)
        }
        return source
    }

    /// The files in walk order with their stats: the pages' from `stats` (in `markdown`'s order),
    /// the others' looked up now (they are read later).
    private static func snapshot(files: [String], markdown: [String], stats: [FileStat?], contentRoot: String) -> FolderSnapshot? {
        var snapshot = FolderSnapshot()
        snapshot.files.reserveCapacity(files.count)
        var page = 0
        for path in files {
            if page < markdown.count && markdown[page] == path {
                guard let st = stats[page] else { return nil }
                snapshot.files.append((path, st))
                page += 1
            } else {
                guard let st = FileStat(path: contentRoot + "/" + path) else { return nil }
                snapshot.files.append((path, st))
            }
        }
        return snapshot
    }

    /// `docgen.yml`, or the defaults when there is none.
    func loadConfig(into diagnostics: inout Diagnostics) -> SiteConfig {
        let path = root + "/docgen.yml"
        guard FileSystem.exists(path), let bytes = try? FileSystem.read(path) else { return .default }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            diagnostics.append(.error("file-encoding", "docgen.yml is not valid UTF-8 text",
                                      at: SourceLocation(file: "docgen.yml", line: 1, column: 1)))
            return .default
        }
        let map = FrontMatterParser.parseConfig(text, file: "docgen.yml", into: &diagnostics)
        return SiteConfig.decode(map, file: "docgen.yml", into: &diagnostics)
    }

    /// UTF-8 text, or a diagnostic at the first bad byte (or a NUL byte: a binary file).
    static func decode(_ bytes: [UInt8], path: String) -> Result<SourceFile, LoadFailure> {
        let file = "content/" + path
        // memchr: `firstIndex(of:)` compares a byte at a time, 1% of a build's CPU.
        let nulOffset = bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        if let nul = nulOffset {
            let (line, column) = position(of: nul, in: bytes)
            return .failure(LoadFailure(diagnostic: .error("file-binary", "'\(path)' looks like a binary file (NUL byte); a page must be UTF-8 text",
                                   at: SourceLocation(file: file, line: line, column: column))))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(SourceFile(path: path, text: text))
        }
        // Find the first invalid byte for the diagnostic.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var good = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                good = offset
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        let (line, column) = position(of: good, in: bytes)
        return .failure(LoadFailure(diagnostic: .error("file-encoding", "invalid UTF-8 in '\(path)'; save the file as UTF-8",
                               at: SourceLocation(file: file, line: line, column: column))))
    }

    /// 1-based line and scalar column of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 10 {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        var i = lineStart
        while i < offset { if bytes[i] & 0xC0 != 0x80 { column += 1 }; i += 1 }
        return (line, column)
    }
}

/// A file under content/ that could not be read as a page.
struct LoadFailure: Error {
    var diagnostic: Diagnostic
}
