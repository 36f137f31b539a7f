import DocGenCore
import Foundation

/// The output folder and its safety rules: docgen writes the build to a temporary folder beside
/// the output and swaps it in only when the build succeeded, and it refuses an output folder that
/// would put the site's own files at risk.
public struct OutputFolder: Sendable {
    public let path: String
    public let staging: String
    static let marker = ".docgen-output"
    /// What the previous build wrote (from the cache), so unchanged files are hard-linked from the
    /// previous output instead of written again; nil when there is no cache to trust.
    let reuse: OutputManifest?
    let written = OutputManifest.Recorder()
    let manifestFile: String?

    /// Checks `output` before anything is touched. Returns the reason to refuse, if any.
    public static func refusal(output: String, site: String) -> String? {
        let out = FileSystem.absolute(output)
        let siteRoot = FileSystem.absolute(site)
        let content = siteRoot + "/content"
        let home = ProcessInfo.processInfo.environment["HOME"].map(FileSystem.absolute)
        if out == "/" { return "refusing to write the site into '/'" }
        if let home, out == home { return "refusing to write the site into the home folder '\(out)'" }
        if out == siteRoot { return "the output folder '\(output)' is the site folder itself; use a folder inside it such as 'output'" }
        for protected in [siteRoot, content] where protected.hasPrefix(out + "/") {
            return "the output folder '\(output)' contains the site's files ('\(protected)'); choose an empty or docgen-made folder"
        }
        if out == content || out.hasPrefix(content + "/") { return "the output folder '\(output)' is inside content/" }
        if out.hasPrefix(siteRoot + "/themes") { return "the output folder '\(output)' is inside themes/" }
        if FileSystem.isDirectory(out) {
            let entries = (try? FileSystem.list(out)) ?? []
            if !entries.isEmpty && !FileSystem.exists(out + "/" + marker) {
                return "the output folder '\(output)' has files docgen did not write; empty it or choose another folder"
            }
        } else if FileSystem.exists(out) {
            return "the output path '\(output)' is a file, not a folder"
        }
        return nil
    }

    /// `cache` is the site's `.docgen-cache` folder (nil: no reuse of the previous output).
    public init(path: String, cache: String? = nil) throws {
        self.path = FileSystem.absolute(path)
        let parent = PathText.parent(of: self.path)
        try FileSystem.makeDirectories(parent)
        staging = parent + "/." + (self.path as NSString).lastPathComponent + ".docgen-new-\(getpid())"
        try FileSystem.removeTree(staging)
        try FileSystem.makeDirectory(staging)
        let absolute = self.path
        manifestFile = cache.map { Self.manifestFile(cache: $0, output: absolute) }
        // The previous output is reused only if it is still the folder the manifest describes:
        // its marker file is the same file (device, inode, time) the last build made.
        if let manifestFile, let manifest = OutputManifest.load(manifestFile),
           manifest.marker == Self.identity(of: absolute + "/" + Self.marker) {
            reuse = manifest
        } else {
            reuse = nil
        }
        try FileSystem.write(Array("docgen output folder: rewritten on every build\n".utf8), to: staging + "/" + Self.marker)
    }

    /// Where the manifest of the builds into `output` is kept.
    static func manifestFile(cache: String, output: String) -> String {
        cache + "/output-" + OutputManifest.hex(StableHash.of(Array(output.utf8))) + ".txt"
    }

    /// What this build wrote so far: path, hash and size of every file.
    var writtenFiles: [String: (hash: UInt64, size: Int)] { written.manifest.files }

    /// Makes every folder the given files need, once each.
    /// Folders are made level by level (a level's parents exist once the level above is done),
    /// each level on every core, with one `mkdir` per folder and no `stat`.
    public func prepare(folders: some Sequence<String>) throws {
        var wanted = Set<String>()
        for folder in folders where !folder.isEmpty {
            var f = folder
            while !f.isEmpty, wanted.insert(f).inserted { f = PathText.parent(of: f) }
        }
        var byDepth: [Int: [String]] = [:]
        for folder in wanted { byDepth[folder.utf8.reduce(0) { $0 + ($1 == 47 ? 1 : 0) }, default: []].append(folder) }
        let root = staging
        for depth in byDepth.keys.sorted() {
            // One thread per parent folder at a time: two threads adding entries to one folder
            // wait on its lock (the kernel spent 5% of a 10,000-page build spinning there).
            var byParent: [String: [String]] = [:]
            for folder in byDepth[depth]! { byParent[PathText.parent(of: folder), default: []].append(folder) }
            let groups = byParent.keys.sorted().map { byParent[$0]!.sorted() }
            let failures: [String?] = Parallel.map(groups.count) { g in
                for folder in groups[g] {
                    let path = root + "/" + folder
                    if mkdir(path, 0o755) != 0 && errno != EEXIST {
                        return "cannot create folder '\(path)': \(String(cString: strerror(errno)))"
                    }
                }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw EnvironmentError(failure) }
        }
    }

    /// Writes a file of the build, or hard-links the previous build's identical file.
    public func write(_ bytes: some Collection<UInt8>, at relative: String) throws {
        let array = bytes as? [UInt8] ?? Array(bytes)
        let hash = OutputManifest.hash(array)
        written.record(relative, hash: hash, size: array.count)
        if let reuse, let old = reuse.files[relative], old.hash == hash, old.size == array.count,
           link(path + "/" + relative, staging + "/" + relative) == 0 {
            return
        }
        try FileSystem.write(array, to: staging + "/" + relative)
    }

    /// How many files were written anew and how many were kept from the previous build.
    public var reuseCounts: (written: Int, kept: Int) { written.counts(against: reuse) }

    /// Replaces the output with the staged build.
    public func commit() throws {
        try commit(manifest: preparedManifest())
    }

    /// `commit()` with the manifest made beforehand (`preparedManifest()`), as a full build has
    /// it made on another thread while the output link check runs.
    func commit(manifest: [UInt8]?) throws {
        let old = staging + "-old"
        if FileSystem.exists(path) { try FileSystem.rename(path, old) }
        try FileSystem.rename(staging, path)
        try? FileSystem.removeTree(old)
        if let manifestFile, let manifest {
            // The cache only speeds builds up: failing to write it is not an error.
            try? FileSystem.makeDirectories(PathText.parent(of: manifestFile))
            try? FileSystem.write(manifest, to: manifestFile)
        }
    }

    /// The manifest of the files written so far, as `commit` writes it (nil without a cache).
    /// The marker's identity is the same in the staging folder as after the rename into place.
    func preparedManifest() -> [UInt8]? {
        guard manifestFile != nil else { return nil }
        var manifest = written.manifest
        manifest.marker = Self.identity(of: staging + "/" + Self.marker)
        return manifest.serialized()
    }

    /// Device, inode and modification time of a file, or "" when it is missing.
    static func identity(of file: String) -> String {
        var st = stat()
        guard lstat(file, &st) == 0 else { return "" }
        return "\(st.st_dev):\(st.st_ino):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// Drops the staged build, leaving the previous output as it was.
    public func discard() {
        try? FileSystem.removeTree(staging)
    }
}
