import Foundation
import Testing

/// Shared helpers for the fixture, CLI and unit tests: where things are, temporary folders,
/// whole-tree comparison and running the built `docgen` binary.
enum TestPaths {
    /// The package root, found from this file (`Tests/DocGenTests/TestSupport.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/`: one folder per behaviour.
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// The `docgen` executable the CLI tests run: `$DOCGEN_BIN`, else the one beside the test
    /// bundle (`swift test --scratch-path X` builds both into `X/debug/`), else `.build/debug/docgen`.
    static let docgenBinary: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let bin = environment["DOCGEN_BIN"], !bin.isEmpty { return URL(fileURLWithPath: bin) }
        var candidates: [URL] = []
        for start in [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")] {
            // The bundle may be `debug/docgenPackageTests.xctest` (a folder on macOS, a file on
            // Linux) or a file inside it: walk up until a `docgen` sibling turns up.
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("docgen"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/docgen"))
        return candidates.first { isExecutableFile($0) } ?? candidates.last!
    }()

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: url.path)
    }
}

/// `DOCGEN_RECORD=1`: fixture tests rewrite their goldens instead of comparing.
var isRecording: Bool { ProcessInfo.processInfo.environment["DOCGEN_RECORD"] == "1" }

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "docgen-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appending(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Every file below `root` (hidden ones included), by path relative to it, with its bytes.
func fileTree(at root: URL) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    let base = root.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return out }
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = base + "/" + relative
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        out[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
    }
    return out
}

/// Writes `tree` below `root`, replacing whatever was there.
func writeTree(_ tree: [String: [UInt8]], to root: URL) throws {
    try? FileManager.default.removeItem(at: root)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (relative, bytes) in tree {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// Copies a folder (used to make a broken copy of a good site).
func copyFolder(_ from: URL, to: URL) throws {
    try? FileManager.default.removeItem(at: to)
    try FileManager.default.copyItem(at: from, to: to)
}

/// The first difference between two trees, described for a test failure: a missing or extra
/// file, or the first differing file with a few lines of context around its first changed line.
func firstDifference(expected: [String: [UInt8]], actual: [String: [UInt8]]) -> String? {
    let paths = Set(expected.keys).union(actual.keys).sorted()
    for path in paths {
        switch (expected[path], actual[path]) {
        case (nil, .some):
            return "unexpected file '\(path)' in the output (record with DOCGEN_RECORD=1 if it is right)"
        case (.some, nil):
            return "missing file '\(path)' in the output"
        case let (.some(e), .some(a)) where e != a:
            return "'\(path)' differs:\n" + lineDiff(expected: e, actual: a)
        default:
            continue
        }
    }
    return nil
}

/// A short diff: the first differing line of two texts, with two lines of context before it.
func lineDiff(expected: [UInt8], actual: [UInt8]) -> String {
    let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    var n = 0
    while n < e.count, n < a.count, e[n] == a[n] { n += 1 }
    var out: [String] = []
    for k in max(0, n - 2)..<n { out.append("  \(k + 1)  \(e[k])") }
    for k in n..<min(e.count, n + 3) { out.append("- \(k + 1)  \(e[k])") }
    for k in n..<min(a.count, n + 3) { out.append("+ \(k + 1)  \(a[k])") }
    if n == e.count, n == a.count { out.append("(same lines; the bytes differ, e.g. CR or a final newline)") }
    return out.joined(separator: "\n")
}

/// What a finished process printed and returned.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The last non-empty line of standard error (docgen's summary line).
    var lastErrorLine: String {
        stderr.split(separator: "\n").last.map(String.init) ?? ""
    }
}

/// Runs `executable` with `arguments`, feeding `input` on standard input.
func run(_ executable: URL, _ arguments: [String], input: String? = nil,
         in directory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes while the process runs so a full pipe cannot block it.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    DispatchQueue.global().async(group: group) { errData = stderr.fileHandleForReading.readDataToEndOfFile() }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// A seeded generator (SplitMix64), so a failing random test can be replayed from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
