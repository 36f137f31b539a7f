import Foundation

/// The files one build wrote, with a hash and size of each: kept in `.docgen-cache/` so the next
/// build can hard-link unchanged files from the previous output instead of writing them again.
/// Deleting it is always safe: the next build writes everything.
struct OutputManifest: Sendable {
    var marker = ""
    var files: [String: (hash: UInt64, size: Int)] = [:]

    /// A file's hash (`StableHash.contents`): stable across processes, unlike Swift's `Hasher`.
    static func hash(_ bytes: [UInt8]) -> UInt64 { StableHash.contents(bytes) }

    static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// `marker` on the first line (escaped newlines), then `hash size path` per file, sorted.
    func serialized() -> [UInt8] {
        var out = Array(("docgen-manifest 2\n" + marker.replacingOccurrences(of: "\n", with: "\\n") + "\n").utf8)
        out.reserveCapacity(files.count * 64)
        let digits = Array("0123456789abcdef".utf8)
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((file.hash >> UInt64(shift)) & 0xF)]) }
            out.append(32)
            out.append(contentsOf: String(file.size).utf8)
            out.append(32)
            out.append(contentsOf: path.utf8)
            out.append(10)
        }
        return out
    }

    static func load(_ path: String) -> OutputManifest? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == "docgen-manifest 2" else { return nil }
        var manifest = OutputManifest()
        manifest.marker = lines[1].replacingOccurrences(of: "\\n", with: "\n")
        for line in lines.dropFirst(2) where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let hash = UInt64(parts[0], radix: 16), let size = Int(parts[1]) else { return nil }
            manifest.files[String(parts[2])] = (hash, size)
        }
        return manifest
    }

    /// Collects what a build writes, from many threads.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: (hash: UInt64, size: Int)] = [:]
        func record(_ path: String, hash: UInt64, size: Int) {
            lock.lock(); files[path] = (hash, size); lock.unlock()
        }

        var manifest: OutputManifest {
            lock.lock(); defer { lock.unlock() }
            return OutputManifest(marker: "", files: files)
        }

        func counts(against previous: OutputManifest?) -> (written: Int, kept: Int) {
            lock.lock(); defer { lock.unlock() }
            guard let previous else { return (files.count, 0) }
            var kept = 0
            for (path, file) in files {
                if let old = previous.files[path], old.hash == file.hash, old.size == file.size { kept += 1 }
            }
            return (files.count - kept, kept)
        }
    }
}
