internal import CCmarkGFM
import Foundation
import DocGenCore

/// Parses a page body: headings get ids, internal links and wiki links become placeholders to be
/// resolved once every page is known, and the text is split at h2/h3 for search.
public enum MarkdownPage {
    /// `title` is the front matter title: a leading `# ` heading is taken out of the HTML (the
    /// theme shows the title) when there is no title or when it says the same.
    public static func parse(_ body: Substring, title: String?, options: MarkdownOptions,
                             glossary: [GlossaryTerm] = []) -> MarkdownDocument {
        parse(body, title: title, options: options, glossary: glossary, writingHTML: true)
    }

    /// `parse`; without `writingHTML` cmark's renderer writes the HTML (for tests to compare).
    static func parse(_ body: Substring, title: String?, options: MarkdownOptions,
                      glossary: [GlossaryTerm], writingHTML: Bool) -> MarkdownDocument {
        var body = body
        let (page, links, plan, checkboxes) = body.withUTF8 { buffer in
            // Without wiki links or glossary terms the walk that plans the headings finds the
            // links too, and the tree is walked once.
            let oneWalk = glossary.isEmpty && !mayHoldWikiLinks(buffer)
            return Cmark.withDocument(UnsafeRawBufferPointer(buffer), options: options) { tree, render in
                var links: [MarkdownLink] = []
                var plan: HeadingPlan
                // The same walk writes the HTML, unless the page has nodes only cmark writes.
                if oneWalk, writingHTML, let (done, html) = HeadingPlan.makeWritingHTML(
                    tree.document, dropTitle: { title == nil || $0 == title }, rawHTML: options.unsafeHTML,
                    tagFilter: options.extensions.contains("tagfilter"), textBlocks: true, links: true, sizeHint: buffer.count) {
                    defer { html.release() }
                    var written = done
                    swap(&links, &written.links)
                    // Task list items are cmark's to write, so only raw HTML can hold a box.
                    let checkboxes = options.unsafeHTML && options.extensions.contains("tasklist")
                        && contains("<input type=\"checkbox\"", in: html.buffer)
                    return (String(decoding: html.buffer, as: UTF8.self), links, written, checkboxes)
                }
                if oneWalk {
                    plan = HeadingPlan.make(tree.document, dropTitle: { title == nil || $0 == title },
                                            rawHTML: options.unsafeHTML, textBlocks: true, links: true)
                    swap(&links, &plan.links)
                } else {
                    collectLinks(tree, into: &links)
                    if !glossary.isEmpty { linkTerms(tree, glossary, into: &links) }
                    plan = HeadingPlan.make(tree.document, dropTitle: { title == nil || $0 == title },
                                            rawHTML: options.unsafeHTML, textBlocks: true)
                }
                let html = render()
                // Heading ids cannot make a checkbox, so looking in cmark's HTML is enough.
                let checkboxes = options.extensions.contains("tasklist") && contains("<input type=\"checkbox\"", in: html)
                return (plan.applyText(to: html), links, plan, checkboxes)
            }
        }
        var html = page
        if checkboxes {
            // cmark-gfm's task list boxes have no accessible name; a page gives them one.
            html = FastText.replacing("<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                      with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" />", in: html)
            html = FastText.replacing("<input type=\"checkbox\" disabled=\"\" />",
                                      with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"to do\" />", in: html)
        }
        return MarkdownDocument(html: html, headings: plan.headings,
                                links: links, leadingTitle: plan.leadingTitle, blocks: plan.blocks)
    }

    /// Whether `html` holds `needle`. memchr looks for the needle's rarest-looking byte, its last
    /// `x`, `k` or `"` (`<`, the first byte, is everywhere in HTML), and memcmp checks around it.
    private static func contains(_ needle: StaticString, in html: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let base = html.baseAddress, n.count > 0, html.count >= n.count else { return false }
        let pivot = n.lastIndex(of: UInt8(ascii: "x")) ?? n.lastIndex(of: UInt8(ascii: "k")) ?? n.lastIndex(of: 34) ?? 0
        var i = pivot
        let last = html.count - n.count + pivot
        while i <= last {
            guard let hit = memchr(base + i, Int32(n[pivot]), last - i + 1) else { return false }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if memcmp(base + at - pivot, n.baseAddress!, n.count) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// Whether the text of some text node may hold `[[`: cmark's text comes from the source,
    /// where two brackets are next to each other, or from a backslash escape or an entity
    /// (`\[`, `&#91;`). A body without `[[`, `\[` and `&` has no wiki links.
    static func mayHoldWikiLinks(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = body.baseAddress, body.count > 0 else { return false }
        if memchr(base, 38, body.count) != nil { return true }
        var i = 0
        while i < body.count, let hit = memchr(base + i, 91, body.count - i) {
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if at + 1 < body.count, base[at + 1] == 91 { return true }
            if at > 0, base[at - 1] == 92 { return true }
            i = at + 1
        }
        return false
    }

    /// `isExternal` for a C string, without making a String of it.
    static func isExternal(_ destination: UnsafePointer<CChar>) -> Bool {
        let s = UnsafeRawPointer(destination).assumingMemoryBound(to: UInt8.self)
        if s[0] == 47, s[1] == 47 { return true }
        var sawLetter = false
        var i = 0
        while s[i] != 0 {
            let b = s[i]
            if b == 58 { return sawLetter }
            let isLetter = (b | 0x20) >= 97 && (b | 0x20) <= 122
            guard isLetter || (sawLetter && ((b >= 48 && b <= 57) || b == 43 || b == 46 || b == 45)) else { return false }
            sawLetter = true
            i += 1
        }
        return false
    }

    /// True for `https://…`, `mailto:…`, `//host/…`: links docgen leaves alone.
    public static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        var sawLetter = false
        for scalar in destination.unicodeScalars {
            if scalar == ":" { return sawLetter }
            let isSchemeChar = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || (sawLetter && (("0"..."9").contains(scalar) || scalar == "+" || scalar == "." || scalar == "-"))
            if !isSchemeChar { return false }
            sawLetter = true
        }
        return false
    }

    /// Links and images get placeholders for their destinations (in document order); then
    /// `[[target]]` and `[[target|text]]` in text nodes become links. Wiki links are found in
    /// text nodes only, so code spans and code blocks keep them as literal text. One walk finds both.
    private static func collectLinks(_ tree: CmarkTree, into links: inout [MarkdownLink]) {
        var wikiText: [OpaquePointer] = []
        let iterator = cmark_iter_new(tree.document)
        var linkDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                guard event == CMARK_EVENT_ENTER else { linkDepth -= 1; continue }
                linkDepth += 1
                let url = Cmark.url(node)
                guard !url.isEmpty, !isExternal(url) else { continue }
                links.append(MarkdownLink(kind: type == CMARK_NODE_IMAGE ? .image : .link, destination: url,
                                          needsTitle: false, line: Int(cmark_node_get_start_line(node)),
                                          byteColumn: Int(cmark_node_get_start_column(node))))
                cmark_node_set_url(node, LinkPlaceholder.url(links.count - 1))
            } else if type == CMARK_NODE_TEXT, event == CMARK_EVENT_ENTER, linkDepth == 0 {
                if let literal = cmark_node_get_literal(node), strstr(literal, "[[") != nil {
                    wikiText.append(node)
                }
            }
        }
        cmark_iter_free(iterator)
        for node in wikiText { expand(node, in: tree, into: &links) }
    }

    private static func expand(_ node: OpaquePointer, in tree: CmarkTree, into links: inout [MarkdownLink]) {
        let literal = Array(Cmark.literal(node).utf8)
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        var pieces: [(text: [UInt8], link: Int?)] = []
        var plain: [UInt8] = []
        var i = 0
        while i < literal.count {
            if literal[i] == 91, i + 1 < literal.count, literal[i + 1] == 91 {
                // Find the closing `]]` on the same text run; a `[[` without one stays text.
                var j = i + 2
                while j + 1 < literal.count, !(literal[j] == 93 && literal[j + 1] == 93) {
                    if literal[j] == 91, literal[j + 1] == 91 { break }
                    j += 1
                }
                if j + 1 < literal.count, literal[j] == 93, literal[j + 1] == 93 {
                    let inner = String(decoding: literal[(i + 2)..<j], as: UTF8.self)
                    let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
                    let target = parts[0].trimmingCharacters(in: .whitespaces)
                    let shown = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                    links.append(MarkdownLink(kind: .wiki, destination: target, needsTitle: shown.isEmpty,
                                              line: line, byteColumn: column + i))
                    if !plain.isEmpty { pieces.append((plain, nil)); plain = [] }
                    let text = shown.isEmpty ? LinkPlaceholder.title(links.count - 1) : shown
                    pieces.append((Array(text.utf8), links.count - 1))
                    i = j + 2
                    continue
                }
                // Unbalanced: recorded as a wiki link with no closing brackets, reported later.
                links.append(MarkdownLink(kind: .wiki, destination: "[[", needsTitle: false,
                                          line: line, byteColumn: column + i))
            }
            plain.append(literal[i])
            i += 1
        }
        if !plain.isEmpty { pieces.append((plain, nil)) }
        guard pieces.contains(where: { $0.link != nil }) else { return }
        var anchor = node
        for piece in pieces {
            let text = String(decoding: piece.text, as: UTF8.self)
            let newNode: OpaquePointer
            if let link = piece.link {
                newNode = tree.newNode(CMARK_NODE_LINK)
                cmark_node_set_url(newNode, LinkPlaceholder.url(link))
                let child = tree.newNode(CMARK_NODE_TEXT)
                cmark_node_set_literal(child, text)
                cmark_node_append_child(newNode, child)
            } else {
                newNode = tree.newNode(CMARK_NODE_TEXT)
                cmark_node_set_literal(newNode, text)
            }
            cmark_node_insert_after(anchor, newNode)
            anchor = newNode
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The first mention of each glossary term becomes `<abbr>` with its short definition, linked
    /// to the term's glossary entry; never inside headings, links, code or raw HTML.
    private static func linkTerms(_ tree: CmarkTree, _ terms: [GlossaryTerm], into links: inout [MarkdownLink]) {
        var candidates: [OpaquePointer] = []
        let iterator = cmark_iter_new(tree.document)
        var blocked = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_HEADING {
                blocked += event == CMARK_EVENT_ENTER ? 1 : -1
            } else if type == CMARK_NODE_TEXT, event == CMARK_EVENT_ENTER, blocked == 0 {
                candidates.append(node)
            }
        }
        cmark_iter_free(iterator)
        // Terms the page already links to explicitly are not linked again.
        var used = Set(links.compactMap { $0.kind == .wiki && $0.destination.hasPrefix("term:") ? String($0.destination.dropFirst(5)) : nil })
        for node in candidates where used.count < terms.count {
            let text = Cmark.literal(node)
            let lower = text.lowercased()
            guard lower.count == text.count else { continue }
            var best: (range: Range<String.Index>, term: GlossaryTerm)?
            for term in terms where !used.contains(term.id) {
                for phrase in term.phrases {
                    var search = lower.startIndex..<lower.endIndex
                    while let r = lower.range(of: phrase, range: search) {
                        let before = r.lowerBound == lower.startIndex ? nil : lower[lower.index(before: r.lowerBound)]
                        let after = r.upperBound == lower.endIndex ? nil : lower[r.upperBound]
                        if !(before?.isLetter ?? false || before?.isNumber ?? false), !(after?.isLetter ?? false || after?.isNumber ?? false) {
                            if best == nil || r.lowerBound < best!.range.lowerBound { best = (r, term) }
                            break
                        }
                        search = r.upperBound..<lower.endIndex
                    }
                }
            }
            guard let (range, term) = best else { continue }
            used.insert(term.id)
            // `lower` and `text` have the same characters, so the offsets carry over.
            let start = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))
            let end = text.index(start, offsetBy: lower.distance(from: range.lowerBound, to: range.upperBound))
            links.append(MarkdownLink(kind: .wiki, destination: "term:" + term.id, needsTitle: false,
                                      line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node))))
            let link = tree.newNode(CMARK_NODE_LINK)
            cmark_node_set_url(link, LinkPlaceholder.url(links.count - 1))
            cmark_node_set_title(link, "")
            let abbr = tree.newNode(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(abbr, "<abbr class=\"term\" title=\"\(HTMLText.escape(term.short))\">")
            cmark_node_set_on_exit(abbr, "</abbr>")
            let inner = tree.newNode(CMARK_NODE_TEXT)
            cmark_node_set_literal(inner, String(text[start..<end]))
            cmark_node_append_child(abbr, inner)
            cmark_node_append_child(link, abbr)
            let tail = tree.newNode(CMARK_NODE_TEXT)
            cmark_node_set_literal(tail, String(text[end...]))
            cmark_node_set_literal(node, String(text[..<start]))
            cmark_node_insert_after(node, link)
            cmark_node_insert_after(link, tail)
        }
    }
}

/// The text of a page split at h2 and h3 headings for search, gathered byte by byte with runs of
/// white space folded to one space. Bytes go straight into one buffer: appending them one by one
/// to an array cost a tenth of the parse stage.
struct TextBlockBuilder: ~Copyable {
    /// Inside an h2/h3 heading, whose text is the block's heading rather than its text.
    var inHeading = false
    private var blocks: [TextBlock] = []
    private var anchor = "", heading = ""
    /// Taken from the parse's arena when there is one (warm memory, given back with the tree);
    /// allocated and owned here otherwise.
    private var bytes: UnsafeMutablePointer<UInt8>?
    private var ownsBytes = false
    private var count = 0
    private var capacity = 0
    private var pendingSpace = false

    init() { blocks.reserveCapacity(8) }
    deinit { if ownsBytes { bytes?.deallocate() } }

    /// Ends the current block; the text that follows belongs to the heading `heading`.
    mutating func startBlock(anchor: String, heading: String) {
        blocks.append(TextBlock(anchor: self.anchor, heading: self.heading, text: take()))
        self.anchor = anchor
        self.heading = heading
        inHeading = true
    }

    /// The blocks; a page that starts with a heading has no empty first block.
    mutating func finish() -> [TextBlock] {
        blocks.append(TextBlock(anchor: anchor, heading: heading, text: take()))
        if blocks.count > 1, blocks[0].text.isEmpty { blocks.removeFirst() }
        return blocks
    }

    mutating func space() { if count > 0 { pendingSpace = true } }

    mutating func append(_ literal: UnsafePointer<CChar>) {
        let n = strlen(literal)
        reserve(n + 1)
        literal.withMemoryRebound(to: UInt8.self, capacity: n) { add($0, n) }
    }

    mutating func append(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n + 1)
        add(bytes, n)
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { buffer in
            reserve(buffer.count + 1)
            if let base = buffer.baseAddress { add(base, buffer.count) }
        }
    }

    /// Room for `n` more bytes: `add` writes at most one byte per byte read, plus one space
    /// (and its eight-byte stores stay inside that).
    private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let size = max(capacity * 2, count + n, 4096)
        let grown: UnsafeMutablePointer<UInt8>
        let owned: Bool
        if let scratch = CmarkArena.scratch(size) {
            grown = scratch.bindMemory(to: UInt8.self, capacity: size)
            owned = false
        } else {
            grown = .allocate(capacity: size)
            owned = true
        }
        if let bytes {
            grown.update(from: bytes, count: count)
            if ownsBytes { bytes.deallocate() }
        }
        ownsBytes = owned
        bytes = grown
        capacity = size
    }

    private mutating func add(_ source: UnsafePointer<UInt8>, _ n: Int) {
        // Locals, not properties: writes through `bytes` could alias them otherwise.
        guard let out = bytes else { return }
        var count = self.count
        var pendingSpace = self.pendingSpace
        var i = 0
        let space = SIMD16<UInt8>(repeating: 32)
        while i < n {
            // Sixteen bytes of prose (no byte below 32, no two spaces in a row, no space first
            // where it would be dropped or doubled, none last) fold to themselves: copied whole.
            // The second load, one byte on, pairs each byte with the next.
            if i + 17 <= n {
                let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let next = UnsafeRawPointer(source + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
                let spaces = v .== space
                // Masks as two words each (0xFF in the bytes that are so), tested without a reduction.
                let bad = unsafeBitCast((v .< space) .| (spaces .& (next .== space)), to: SIMD2<UInt64>.self)
                let edges = unsafeBitCast(spaces, to: SIMD2<UInt64>.self)
                if bad[0] | bad[1] == 0, edges[1] >> 56 == 0,
                   edges[0] & 0xFF == 0 || (count > 0 && !pendingSpace) {
                    if pendingSpace {
                        out[count] = 32
                        count += 1
                        pendingSpace = false
                    }
                    UnsafeMutableRawPointer(out + count).storeBytes(of: v, as: SIMD16<UInt8>.self)
                    count += 16
                    i += 16
                    continue
                }
            }
            // A run of bytes above 32 is copied eight at a time: the lowest byte <= 32 found by
            // the has-less-than bit trick is exact, so the bytes below it are the run.
            if i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self))
                let low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
                if low != 0 {
                    // Prose: words with single spaces between them fold to themselves, so the
                    // eight bytes are copied whole unless they hold another byte below 33, two
                    // spaces in a row, or a space first where it would be dropped or doubled.
                    // Both masks are exact: 0x80 in each byte that is a space, or below 32.
                    let x = word ^ 0x2020_2020_2020_2020
                    let spaces = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
                    let controls = ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x6060_6060_6060_6060) | word) & 0x8080_8080_8080_8080
                    if controls == 0, spaces & (spaces >> 8) == 0, spaces & 0x80 == 0 || (count > 0 && !pendingSpace) {
                        if pendingSpace {
                            out[count] = 32
                            count += 1
                        }
                        UnsafeMutableRawPointer(out + count).storeBytes(of: word.littleEndian, as: UInt64.self)
                        // A last space waits for the next word, as any space does.
                        let last = spaces >> 63 != 0
                        count += last ? 7 : 8
                        pendingSpace = last
                        i += 8
                        continue
                    }
                }
                let run = low == 0 ? 8 : low.trailingZeroBitCount >> 3
                if run > 0 {
                    if pendingSpace {
                        out[count] = 32
                        count += 1
                        pendingSpace = false
                    }
                    // All eight bytes are written (`reserve` left room); only the run counts.
                    UnsafeMutableRawPointer(out + count).storeBytes(of: word.littleEndian, as: UInt64.self)
                    count += run
                    i += run
                    continue
                }
            }
            let b = source[i]
            i += 1
            if b <= 32, b == 32 || b == 10 || b == 9 || b == 13 {
                if count > 0 { pendingSpace = true }
                continue
            }
            if pendingSpace {
                out[count] = 32
                count += 1
                pendingSpace = false
            }
            out[count] = b
            count += 1
        }
        self.count = count
        self.pendingSpace = pendingSpace
    }

    private mutating func take() -> String {
        defer { count = 0; pendingSpace = false }
        guard let bytes else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

/// Raw HTML reduced to its text: tags, comments and scripts removed, common entities decoded.
public enum TagStripper {
    public static func text(of html: String) -> String {
        var out = ""
        var inTag = false
        var skipUntil: String?
        var i = html.startIndex
        while i < html.endIndex {
            if let end = skipUntil {
                if html[i...].hasPrefix(end) { i = html.index(i, offsetBy: end.count); skipUntil = nil; continue }
                i = html.index(after: i); continue
            }
            let c = html[i]
            if inTag {
                if c == ">" { inTag = false; out += " " }
            } else if c == "<" {
                let rest = html[i...].lowercased().prefix(8)
                if rest.hasPrefix("<!--") { skipUntil = "-->" }
                else if rest.hasPrefix("<script") { skipUntil = "</script>" }
                else if rest.hasPrefix("<style") { skipUntil = "</style>" }
                else { inTag = true }
            } else {
                out.append(c)
            }
            i = html.index(after: i)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&nbsp;", with: " ")
    }
}
