import DocGenCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The environment failed (unreadable folder, full disk). Content mistakes are diagnostics instead.
public struct EnvironmentError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Thin, fast file-system calls (POSIX), so a 10,000-page build makes few system calls.
public enum FileSystem {
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Entries of a folder, sorted, without `.` and `..`. Hidden entries (`.name`) are skipped.
    public static func list(_ path: String) throws -> [(name: String, isDirectory: Bool)] {
        guard let dir = opendir(path) else { throw EnvironmentError("cannot read folder '\(path)': \(String(cString: strerror(errno)))") }
        defer { closedir(dir) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            var isDir = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                isDir = isDirectory(path + "/" + name)
            }
            entries.append((name, isDir))
        }
        return entries.sorted { $0.0 < $1.0 }
    }

    /// Every file below `root`, as paths relative to it, sorted.
    public static func walk(_ root: String) throws -> [String] {
        var out: [String] = []
        func visit(_ rel: String) throws {
            let full = rel.isEmpty ? root : root + "/" + rel
            for (name, isDir) in try list(full) {
                let child = rel.isEmpty ? name : rel + "/" + name
                if isDir { try visit(child) } else { out.append(child) }
            }
        }
        try visit("")
        return out
    }

    public static func read(_ path: String) throws -> [UInt8] {
        var st = stat()
        return try read(path, stat: &st)
    }

    /// The file's bytes, and in `st` its `stat` as it was just before they were read.
    public static func read(_ path: String, stat st: inout stat) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EnvironmentError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fstat(fd, &st)
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { throw EnvironmentError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            offset += n
        }
        if offset < bytes.count { bytes.removeLast(bytes.count - offset) }
        return bytes
    }

    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try write(bytes, to: path, flags: O_TRUNC)
    }

    /// Adds `bytes` at the end of the file at `path`, which must exist.
    public static func append(_ bytes: some Collection<UInt8>, to path: String) throws {
        try write(bytes, to: path, flags: O_APPEND)
    }

    private static func write(_ bytes: some Collection<UInt8>, to path: String, flags: Int32) throws {
        let fd = open(path, O_WRONLY | O_CREAT | flags, 0o644)
        guard fd >= 0 else { throw EnvironmentError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let array = bytes as? [UInt8] ?? Array(bytes)
        let ok = array.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        if !ok { throw EnvironmentError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
    }

    public static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: path) }
    }

    public static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw EnvironmentError("cannot create folder '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `path` and its missing parents.
    public static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = PathText.parent(of: path)
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        try makeDirectory(path)
    }

    public static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    public static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 {
            throw EnvironmentError("cannot move '\(from)' to '\(to)': \(String(cString: strerror(errno)))")
        }
    }

    /// An absolute, normalised path (no `.`/`..`, no trailing slash); symbolic links resolved
    /// where the path exists.
    public static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if let resolved = realpath(base, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }
}
