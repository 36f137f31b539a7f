/// Paths as text, worked out on bytes.
///
/// `NSString.deletingLastPathComponent` is not used: in the Foundation docgen builds with on
/// Linux it traps on a name of one character at the top (`x`, `x/`, `é`), which a folder
/// `content/x/` or a page `x.md` gives, and it costs a bridge to `NSString` on every call.
public enum PathText {
    /// The path without its last component: `a/b` for `a/b/c` and `a/b/c/`, `` for `c` and
    /// `c/`, `/` for `/c` and `/`. Slashes that end the result are dropped (`a` for `a//b`).
    public static func parent(of path: String) -> String {
        let utf8 = path.utf8
        var end = utf8.endIndex
        // A trailing `/` is not a component of its own (but `/` itself stays).
        while utf8.distance(from: utf8.startIndex, to: end) > 1, utf8[utf8.index(before: end)] == 47 {
            end = utf8.index(before: end)
        }
        guard let slash = utf8[..<end].lastIndex(of: 47) else { return "" }
        var cut = slash
        while cut > utf8.startIndex, utf8[utf8.index(before: cut)] == 47 { cut = utf8.index(before: cut) }
        if cut == utf8.startIndex { return "/" }
        return String(path[..<cut])
    }
}
