internal import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a page's HTML as cmark-gfm's HTML renderer (`html.c`, and the `table` and
/// `strikethrough` extensions) writes them, for `HeadingPlan` to write in its own walk of the tree.
///
/// Only what pages use is here: no source positions, hard or no breaks, style attributes for
/// table cells or `lang` on code blocks. Nodes `HeadingPlan` leaves to cmark (footnotes, task
/// list items) never get here.
///
/// The bytes come from the parse's arena when there is one (given back with the tree), and are
/// allocated and owned here otherwise: call `release()` when done.
struct HTMLWriter {
    private(set) var bytes: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity = 0
    private var owned = false
    /// Raw HTML is kept (`CMARK_OPT_UNSAFE`), and filtered by the tagfilter extension.
    private let keepsRawHTML: Bool
    private let tagFilter: Bool

    init(capacity: Int, rawHTML: Bool, tagFilter: Bool) {
        keepsRawHTML = rawHTML
        self.tagFilter = tagFilter
        reserve(max(capacity, 256))
    }

    func release() {
        if owned { bytes?.deallocate() }
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }

    /// Back to `mark` bytes: what was written since is dropped.
    mutating func truncate(to mark: Int) { count = mark }

    /// Room for `n` more bytes, and eight more for the word-at-a-time stores.
    private mutating func reserve(_ n: Int) {
        guard count + n + 8 > capacity else { return }
        let size = max(capacity * 2, count + n + 8)
        let grown: UnsafeMutablePointer<UInt8>
        let ownsGrown: Bool
        if let scratch = CmarkArena.scratch(size) {
            grown = scratch.bindMemory(to: UInt8.self, capacity: size)
            ownsGrown = false
        } else {
            grown = .allocate(capacity: size)
            ownsGrown = true
        }
        if let bytes {
            grown.update(from: bytes, count: count)
            if owned { bytes.deallocate() }
        }
        bytes = grown
        owned = ownsGrown
        capacity = size
    }

    mutating func byte(_ b: UInt8) {
        reserve(1)
        bytes![count] = b
        count += 1
    }

    mutating func text(_ s: StaticString) {
        raw(s.utf8Start, s.utf8CodeUnitCount)
    }

    mutating func raw(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (bytes! + count).update(from: p, count: n)
        count += n
    }

    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { if let base = $0.baseAddress { raw(base, $0.count) } }
    }

    /// cmark's `cr`: a line break unless the output is empty or already ends with one.
    mutating func cr() {
        if count > 0, bytes![count - 1] != 10 { byte(10) }
    }

    /// `escape_html` (houdini, not secure): `"`, `&`, `<` and `>` as entities. Eight bytes are
    /// tested at a time for any of the four; those before the first one are copied as a run.
    mutating func escaped(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let found = Self.zeroBytes(word ^ 0x2222_2222_2222_2222) | Self.zeroBytes(word ^ 0x2626_2626_2626_2626)
                    | Self.zeroBytes(word ^ 0x3C3C_3C3C_3C3C_3C3C) | Self.zeroBytes(word ^ 0x3E3E_3E3E_3E3E_3E3E)
                // The lowest flagged byte is exact; the bytes below it are copied.
                let run = found == 0 ? 8 : found.trailingZeroBitCount >> 3
                UnsafeMutableRawPointer(bytes! + count).storeBytes(of: word.littleEndian, as: UInt64.self)
                count += run
                i += run
                if run == 8 { continue }
            }
            let b = p[i]
            i += 1
            switch b {
            case 34: entity("&quot;", n - i)
            case 38: entity("&amp;", n - i)
            case 60: entity("&lt;", n - i)
            case 62: entity("&gt;", n - i)
            default:
                bytes![count] = b
                count += 1
            }
        }
    }

    /// `escaped` for a C string, whose length this returns: strcspn (SIMD in glibc) finds each
    /// byte to escape, or the end, and the run before it is copied whole.
    mutating func escaped(cString p: UnsafePointer<UInt8>) -> Int {
        var i = 0
        while true {
            let run = strcspn(UnsafeRawPointer(p + i).assumingMemoryBound(to: CChar.self), "\"&<>")
            raw(p + i, run)
            i += run
            switch p[i] {
            case 0: return i
            case 34: text("&quot;")
            case 38: text("&amp;")
            case 60: text("&lt;")
            default: text("&gt;")
            }
            i += 1
        }
    }

    /// 0x80 in the lowest zero byte of `x` (and maybe in bytes above it).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    private mutating func entity(_ s: StaticString, _ left: Int) {
        reserve(s.utf8CodeUnitCount + left)
        (bytes! + count).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        count += s.utf8CodeUnitCount
    }

    /// An HTML block or inline HTML: as it is, through the tag filter, or a comment when raw
    /// HTML is not kept; in an image's alt text (`plain`), escaped.
    mutating func rawHTML(_ p: UnsafePointer<UInt8>, _ n: Int, block: Bool, plain: Bool) {
        if plain {
            // Only inline HTML can be in alt text.
            escaped(p, n)
            return
        }
        if block { cr() }
        if !keepsRawHTML {
            text("<!-- raw HTML omitted -->")
        } else if !tagFilter {
            raw(p, n)
        } else if block {
            // Each `<` that opens a filtered tag is written as `&lt;`.
            var i = 0
            while i < n {
                guard let hit = memchr(p + i, 60, n - i) else { break }
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - p
                raw(p + i, at - i)
                if Self.isFiltered(p + at, n - at) { text("&lt;") } else { byte(60) }
                i = at + 1
            }
            if i < n { raw(p + i, n - i) }
        } else if Self.isFiltered(p, n) {
            text("&lt;")
            raw(p + 1, n - 1)
        } else {
            raw(p, n)
        }
        if block { cr() }
    }

    /// The tagfilter extension: the tags GitHub does not let through, opening or closing.
    private static func isFiltered(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for name: StaticString in ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        where isTag(p, n, name) {
            return true
        }
        return false
    }

    /// tagfilter's `is_tag`: `<name` or `</name`, in any case, then a space, `>` or `/>`.
    private static func isTag(_ p: UnsafePointer<UInt8>, _ n: Int, _ name: StaticString) -> Bool {
        guard n >= 3, p[0] == 60 else { return false }
        var i = 1
        if p[i] == 47 { i += 1 }
        var k = 0
        while i < n, k < name.utf8CodeUnitCount {
            let b = p[i]
            guard b | (b >= 65 && b <= 90 ? 0x20 : 0) == name.utf8Start[k] else { return false }
            i += 1
            k += 1
        }
        if i == n { return false }
        let b = p[i]
        if b == 32 || (b >= 9 && b <= 13) || b == 62 { return true }
        return b == 47 && n >= i + 2 && p[i + 1] == 62
    }

    /// `houdini_escape_href`: URL bytes other than letters, digits and ``-_.+!*(),%#@?=;:/$~``
    /// percent-encoded, `&` and `'` as entities.
    mutating func href(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        let hex: StaticString = "0123456789ABCDEF"
        for i in 0..<n {
            let b = p[i]
            switch b {
            case 33, 35...37, 40...59, 61, 63...90, 95, 97...122, 126:
                bytes![count] = b
                count += 1
            case 38: entity("&amp;", n - i)
            case 39: entity("&#x27;", n - i)
            default:
                reserve(3 + n - i)
                bytes![count] = 37
                bytes![count + 1] = hex.utf8Start[Int(b >> 4)]
                bytes![count + 2] = hex.utf8Start[Int(b & 15)]
                count += 3
            }
        }
    }

    /// cmark's `scan_dangerous_url`: `javascript:`, `vbscript:`, `file:` and `data:` URLs in any
    /// case, except `data:image/` png, gif, jpeg and webp.
    static func isDangerous(_ p: UnsafePointer<UInt8>) -> Bool {
        func starts(_ prefix: StaticString, at offset: Int = 0) -> Bool {
            for k in 0..<prefix.utf8CodeUnitCount {
                let b = p[offset + k]
                // A NUL ends the URL and matches no letter of a prefix.
                guard b != 0, b | (b >= 65 && b <= 90 ? 0x20 : 0) == prefix.utf8Start[k] else { return false }
            }
            return true
        }
        if starts("data:image/") {
            if starts("png", at: 11) || starts("gif", at: 11) || starts("jpeg", at: 11) || starts("webp", at: 11) { return false }
        }
        return starts("javascript:") || starts("vbscript:") || starts("file:") || starts("data:")
    }
}

/// The node types the `table` extension registers, found once by parsing a table (cmark-gfm
/// exports them as globals its headers do not declare), and the `strikethrough` extension, whose
/// nodes are known by it. (No strikethrough is parsed here: whether `~` starts one depends on
/// a table the library shares between threads, see `HTMLWriterTests`.)
struct ExtensionNodeTypes: @unchecked Sendable {  // the extension is the library's, never changed
    var table: cmark_node_type
    var row: cmark_node_type
    var cell: cmark_node_type
    var strikethrough: OpaquePointer

    static let found: ExtensionNodeTypes? = {
        let probe = Array("| a |\n| - |\n| b |\n".utf8)
        return probe.withUnsafeBytes { bytes in
            Cmark.withDocument(bytes, options: MarkdownOptions()) { tree, _ in
                guard let strikethrough = cmark_find_syntax_extension("strikethrough"),
                      let table = cmark_node_first_child(tree.document),
                      let row = cmark_node_first_child(table),
                      let cell = cmark_node_first_child(row) else { return nil }
                let names = [table, row, cell].map { String(cString: cmark_node_get_type_string($0)) }
                guard names == ["table", "table_header", "table_cell"] else { return nil }
                return ExtensionNodeTypes(table: cmark_node_get_type(table), row: cmark_node_get_type(row),
                                          cell: cmark_node_get_type(cell), strikethrough: strikethrough)
            }
        }
    }()
}
