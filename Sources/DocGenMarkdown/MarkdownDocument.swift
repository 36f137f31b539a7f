#if canImport(Glibc)
import Glibc
#endif

/// A heading of a page, with the id the rendered HTML gives it.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
    /// 1-based line in the Markdown body.
    public var line: Int
}

/// A link or image found in a page, waiting to be resolved. Its position in `links` is the number
/// in the placeholder the HTML carries until the link is resolved.
public struct MarkdownLink: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, image, wiki }
    public var kind: Kind
    /// As written: `../a.md#x`, `#x`, or for wiki links the part inside `[[ ]]` before `|`.
    public var destination: String
    /// Wiki links without `|text` show the target's title.
    public var needsTitle: Bool
    /// 1-based line and byte column in the Markdown body.
    public var line: Int
    public var byteColumn: Int
}

/// Text of a page split at h2/h3 headings, for the search index.
public struct TextBlock: Sendable, Hashable {
    public var anchor: String
    public var heading: String
    public var text: String
}

/// A parsed, rendered page body.
public struct MarkdownDocument: Sendable {
    /// The body as HTML. Internal links carry placeholders (see `LinkPlaceholder`) until resolved.
    public var html: String
    public var headings: [Heading]
    public var links: [MarkdownLink]
    /// The text of a leading `# ` heading, which is taken out of `html` (the theme shows the title).
    public var leadingTitle: String?
    public var blocks: [TextBlock]
}

/// The placeholders that stand for resolved links in rendered HTML: `@@dg:N@@` for an href or
/// src, `@@dgt:N@@` for a wiki link's shown title. Both survive cmark's href and text escaping.
public enum LinkPlaceholder {
    public static func url(_ n: Int) -> String { "@@dg:\(n)@@" }
    public static func title(_ n: Int) -> String { "@@dgt:\(n)@@" }

    /// Replaces every placeholder in `html`. `url(n)` and `title(n)` return text already escaped
    /// for HTML.
    public static func substitute(in html: String, url: (Int) -> String, title: (Int) -> String) -> String {
        guard html.utf8.count > 6 else { return html }
        var text = html
        return text.withUTF8 { utf8 in
            let n = utf8.count
            let base = utf8.baseAddress!
            var out = [UInt8]()
            out.reserveCapacity(n + 256)
            let at = UInt8(ascii: "@")
            var i = 0
            // memchr jumps from one `@` to the next; the text between is copied whole.
            while i < n, let hit = memchr(base + i, Int32(at), n - i) {
                let next = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: next - i))
                i = next
                if i + 5 < n, utf8[i + 1] == at, utf8[i + 2] == UInt8(ascii: "d"), utf8[i + 3] == UInt8(ascii: "g") {
                    var j = i + 4
                    var isTitle = false
                    if j < n, utf8[j] == UInt8(ascii: "t") { isTitle = true; j += 1 }
                    if j < n, utf8[j] == UInt8(ascii: ":") {
                        j += 1
                        var number = 0
                        var digits = 0
                        while j < n, utf8[j] >= 48, utf8[j] <= 57 { number = number * 10 + Int(utf8[j] - 48); j += 1; digits += 1 }
                        if digits > 0, j + 1 < n, utf8[j] == at, utf8[j + 1] == at {
                            out.append(contentsOf: (isTitle ? title(number) : url(number)).utf8)
                            i = j + 2
                            continue
                        }
                    }
                }
                out.append(utf8[i])
                i += 1
            }
            if i < n { out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: n - i)) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// HTML escaping for text and attribute values.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == 38 || b == 60 || b == 62 || b == 34 || b == 39 { needs = true; break }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// A glossary term for autolinking: its id, the phrases that mention it (title and synonyms,
/// lower-cased) and the short definition shown on hover.
public struct GlossaryTerm: Sendable, Hashable {
    public var id: String
    public var phrases: [String]
    public var short: String
    public init(id: String, phrases: [String], short: String) {
        self.id = id
        self.phrases = phrases.map { $0.lowercased() }.filter { !$0.isEmpty }
        self.short = short
    }
}
