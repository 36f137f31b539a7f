import DocGenCore

/// One rendered navigation (the sidebar of every page in a folder), as bytes, with its
/// `data-page="ID"` markers taken out and where each one was.
///
/// The nav template writes every entry's link as `<a href="…" data-page="ID">`. The marker only
/// tells the build where an entry is: the current page's entry gets `aria-current="page"` in its
/// place and the others lose it, so a sidebar of fifty entries does not carry fifty page ids to
/// every page (about a ninth of a large hub's HTML).
struct NavigationFragment: Sendable {
    /// The navigation without markers.
    var bytes: [UInt8]
    /// Where each entry's marker was, by its id as written in the HTML (escaped); the first
    /// entry of an id when it is listed twice.
    var marks: [String: Int]
    /// The number of line feeds in `bytes`.
    var lines: Int

    static let marker = Array(" data-page=\"".utf8)
    static let current = Array(" aria-current=\"page\"".utf8)

    init(_ html: String) {
        var out = [UInt8]()
        var marks: [String: Int] = [:]
        var html = html
        html.withUTF8 { source in
            out.reserveCapacity(source.count)
            var start = 0
            Self.marker.withUnsafeBufferPointer { marker in
                while let at = FastText.find(marker, in: source, from: start) {
                    let valueStart = at + marker.count
                    var end = valueStart
                    while end < source.count && source[end] != UInt8(ascii: "\"") { end += 1 }
                    guard end < source.count else { break }  // no closing quote: left as it is
                    out.append(contentsOf: source[start..<at])
                    let id = String(decoding: source[valueStart..<end], as: UTF8.self)
                    if !id.isEmpty && marks[id] == nil { marks[id] = out.count }
                    start = end + 1
                }
            }
            out.append(contentsOf: source[start...])
        }
        bytes = out
        self.marks = marks
        lines = FastText.count(UInt8(ascii: "\n"), in: out)
    }

    /// The navigation as the page `escapedID` shows it: with `aria-current="page"` on its entry.
    func append(for escapedID: String, to html: inout [UInt8]) {
        guard let mark = marks[escapedID] else {
            html.append(contentsOf: bytes)
            return
        }
        html.append(contentsOf: bytes[..<mark])
        html.append(contentsOf: Self.current)
        html.append(contentsOf: bytes[mark...])
    }

    /// The length of what `append` writes for `escapedID`.
    func count(for escapedID: String) -> Int {
        bytes.count + (marks[escapedID] == nil ? 0 : Self.current.count)
    }
}
