import DocGenCore
import Foundation

/// The output folder and its safety rules: docgen writes the build to a temporary folder beside
/// the output and swaps it in only when the build succeeded, and it refuses an output folder that
/// would put the site's own files at risk.
public struct OutputFolder: Sendable {
    public let path: String
    public let staging: String
    static let marker = ".docgen-output"

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

    public init(path: String) throws {
        self.path = FileSystem.absolute(path)
        let parent = (self.path as NSString).deletingLastPathComponent
        try FileSystem.makeDirectories(parent)
        staging = parent + "/." + (self.path as NSString).lastPathComponent + ".docgen-new-\(getpid())"
        try FileSystem.removeTree(staging)
        try FileSystem.makeDirectory(staging)
        try FileSystem.write(Array("docgen output folder: rewritten on every build\n".utf8), to: staging + "/" + Self.marker)
    }

    /// Makes every folder the given files need, once each.
    public func prepare(folders: some Sequence<String>) throws {
        for folder in Set(folders).sorted() where !folder.isEmpty {
            try FileSystem.makeDirectories(staging + "/" + folder)
        }
    }

    public func write(_ bytes: some Collection<UInt8>, at relative: String) throws {
        try FileSystem.write(bytes, to: staging + "/" + relative)
    }

    /// Replaces the output with the staged build.
    public func commit() throws {
        let old = staging + "-old"
        if FileSystem.exists(path) { try FileSystem.rename(path, old) }
        try FileSystem.rename(staging, path)
        try? FileSystem.removeTree(old)
    }

    /// Drops the staged build, leaving the previous output as it was.
    public func discard() {
        try? FileSystem.removeTree(staging)
    }
}
