import DocGenCore
import Foundation

/// The folder of one output file, joined once, against which the file's plain relative links
/// (`../a/b/`, `c.html#id`, nearly all a theme writes) are joined on bytes and looked up in a
/// table of files: no String, no `Set<String>` lookup per link.
struct OutputLinkFolder {
    /// A file of the table a link leads to, and where its fragment is in the link: set when the
    /// fragment is not empty and the file is HTML (only then does the fragment name an id).
    struct Target {
        var file: Int
        var fragment: Range<Int>?
    }

    let files: OutputFileTable
    private let file: String
    private var folderPath: String?
    private let folder: JoinedPath
    /// Whether the folder itself climbs above the root (no file name does): then every link
    /// goes to `locate`, for which `Context.join` fails alike.
    private let climbs: Bool
    /// Each link joined to `folder`, in storage kept from link to link; made for the first
    /// link that is not spliced (most files have none).
    private var joined: JoinedPath?
    /// How many bytes of the folder its first `d` segments take (`ends[d]`).
    private let ends: [Int]
    /// Where a link that is only `../` steps and then plain segments is put together.
    private var spliced = [UInt8](repeating: 0, count: 256)
    private static let indexFile: StaticString = "index.html"

    /// The folder of `file` (`a/b` for `a/b/index.html`), whose links are looked up in `files`.
    init(of file: String, in files: OutputFileTable) {
        self.files = files
        self.file = file
        var folder = JoinedPath(capacity: 64)
        var bytes = file
        var joins = bytes.withUTF8 { file in
            Context.plainFolderEnd(file).map { folder.add(UnsafeBufferPointer(rebasing: file[..<$0])) }
        }
        if joins == nil {
            var path = PathText.parent(of: file)
            joins = path.withUTF8 { folder.add($0) }
            folderPath = path
        }
        climbs = joins == false
        self.folder = folder
        ends = folder.withBytes { bytes in
            var ends = [0]
            for i in bytes.indices where bytes[i] == 47 { ends.append(i) }
            if !bytes.isEmpty { ends.append(bytes.count) }
            return ends
        }
    }

    /// The folder of the file (`PathText.parent`), for `OutputLinkCheck.locate`.
    mutating func path() -> String {
        if let folderPath { return folderPath }
        let path = PathText.parent(of: file)
        folderPath = path
        return path
    }

    /// Where `url` leads, when it is a plain relative link to a file of the table; nil when it
    /// needs `OutputLinkCheck.locate`: a scheme, a leading `/` or `#`, `%`, `?`, `..` above the
    /// root, or a file not in the table (by its bytes).
    mutating func target(of url: UnsafeBufferPointer<UInt8>) -> Target? {
        let count = url.count
        guard count > 0, url[0] != 47, url[0] != 35, !climbs else { return nil }
        // The `../` steps the link starts with; what follows them is spliced onto the folder
        // as it is when no segment of it is empty, `.` or `..` (no `//` or `/.`, nor a `.` or
        // `/` first). Themes write links so; any other link is joined segment by segment.
        var steps = 0
        while 3 * steps + 2 < count, url[3 * steps] == 46, url[3 * steps + 1] == 46, url[3 * steps + 2] == 47 { steps += 1 }
        let restStart = 3 * steps
        var pathEnd = count
        var spliceable = true
        var previous: UInt8 = 47
        for i in restStart..<count {
            let b = url[i]
            if b == 37 || b == 63 { return nil }
            guard pathEnd == count else { continue }
            if b == 58 { return nil }
            if b == 35 { pathEnd = i; continue }
            if previous == 47, b == 46 || b == 47 { spliceable = false }
            previous = b
        }
        let path = UnsafeBufferPointer(rebasing: url[..<pathEnd])
        let folderEnd = path[pathEnd - 1] == 47
        if spliceable, steps < ends.count {
            let keep = ends[ends.count - 1 - steps]
            let rest = UnsafeBufferPointer(rebasing: url[restStart..<pathEnd])
            let needed = keep + 1 + rest.count + Self.indexFile.utf8CodeUnitCount
            if spliced.count < needed { spliced += repeatElement(0, count: needed) }
            let file: Int? = spliced.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                folder.withBytes { if keep > 0 { out.update(from: $0.baseAddress!, count: keep) } }
                var n = keep
                if n > 0, !rest.isEmpty || folderEnd { out[n] = 47; n += 1 }
                if !rest.isEmpty { (out + n).update(from: rest.baseAddress!, count: rest.count); n += rest.count }
                if folderEnd || n == 0 {
                    Self.indexFile.withUTF8Buffer { (out + n).update(from: $0.baseAddress!, count: $0.count) }
                    n += Self.indexFile.utf8CodeUnitCount
                }
                return files.index(of: UnsafeBufferPointer(start: out, count: n))
            }
            guard let file else { return nil }
            return Target(file: file, fragment: pathEnd + 1 < count && files.isHTML[file] ? pathEnd + 1..<count : nil)
        }
        if joined == nil { joined = JoinedPath(capacity: 128) }
        joined!.reset(to: folder)
        guard joined!.add(path) else { return nil }
        joined!.keepTrailingSlash(of: path)
        if folderEnd || joined!.isEmpty { joined!.append("index.html") }
        guard let file = joined!.withBytes({ files.index(of: $0) }) else { return nil }
        let fragment = pathEnd + 1 < count && files.isHTML[file] ? pathEnd + 1..<count : nil
        return Target(file: file, fragment: fragment)
    }
}
