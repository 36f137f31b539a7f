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
    /// Each link joined to `folder`, in storage kept from link to link.
    private var joined: JoinedPath

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
            var path = (file as NSString).deletingLastPathComponent
            joins = path.withUTF8 { folder.add($0) }
            folderPath = path
        }
        climbs = joins == false
        self.folder = folder
        joined = JoinedPath(capacity: 128)
    }

    /// The folder as `NSString.deletingLastPathComponent` gives it, for `OutputLinkCheck.locate`.
    mutating func path() -> String {
        if let folderPath { return folderPath }
        let path = (file as NSString).deletingLastPathComponent
        folderPath = path
        return path
    }

    /// Where `url` leads, when it is a plain relative link to a file of the table; nil when it
    /// needs `OutputLinkCheck.locate`: a scheme, a leading `/` or `#`, `%`, `?`, `..` above the
    /// root, or a file not in the table (by its bytes).
    mutating func target(of url: UnsafeBufferPointer<UInt8>) -> Target? {
        let count = url.count
        guard count > 0, url[0] != 47, url[0] != 35, !climbs else { return nil }
        var pathEnd = count
        for i in 0..<count {
            let b = url[i]
            if b == 37 || b == 63 || (b == 58 && pathEnd == count) { return nil }
            if b == 35, pathEnd == count { pathEnd = i }
        }
        let path = UnsafeBufferPointer(rebasing: url[..<pathEnd])
        joined.reset(to: folder)
        guard joined.add(path) else { return nil }
        joined.keepTrailingSlash(of: path)
        if path[pathEnd - 1] == 47 || joined.isEmpty { joined.append("index.html") }
        guard let file = joined.withBytes({ files.index(of: $0) }) else { return nil }
        let fragment = pathEnd + 1 < count && files.isHTML[file] ? pathEnd + 1..<count : nil
        return Target(file: file, fragment: fragment)
    }
}
