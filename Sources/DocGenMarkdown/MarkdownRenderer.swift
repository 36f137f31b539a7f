internal import CCmarkGFM
import DocGenCore
#if canImport(Glibc)
import Glibc
#endif

/// Markdown to HTML as `docgen render` does it: cmark-gfm's output, headings with GitHub-style ids.
public enum MarkdownRenderer {
    public static func render(_ bytes: [UInt8], options: MarkdownOptions) -> [UInt8] {
        render(bytes, options: options, writingHTML: true)
    }

    /// `render`; without `writingHTML` cmark's renderer writes the HTML (for tests to compare).
    static func render(_ bytes: [UInt8], options: MarkdownOptions, writingHTML: Bool) -> [UInt8] {
        bytes.withUnsafeBytes { buffer in
            Cmark.withDocument(buffer, options: options) { tree, render in
                if writingHTML, let (_, html) = HeadingPlan.makeWritingHTML(tree.document, dropTitle: { _ in false }, rawHTML: options.unsafeHTML,
                                                                tagFilter: options.extensions.contains("tagfilter"),
                                                                textBlocks: false, links: false, sizeHint: buffer.count) {
                    defer { html.release() }
                    return Array(html.buffer)
                }
                let plan = HeadingPlan.make(tree.document, dropTitle: { _ in false }, rawHTML: options.unsafeHTML)
                return plan.apply(to: render())
            }
        }
    }
}

/// Headings get ids by rewriting `<hN>` open tags in the rendered HTML. cmark writes a heading's
/// open tag as exactly `<hN>`; raw HTML may contain the same text, so the plan records, in
/// rendering order, which occurrences are headings (with their id) and which are raw HTML to skip.
///
/// The same walk of the tree can gather the page's text for search (`textBlocks`) and its links
/// (`links`, as `MarkdownPage.collectLinks` does on a page without wiki links), so a page's tree
/// is walked once for all three.
struct HeadingPlan {
    enum Step { case heading(String), skip(Int), drop }
    var steps: [Step] = []
    var headings: [Heading] = []
    var leadingTitle: String?
    /// The text split at h2/h3 headings, when `make` was asked for it.
    var blocks: [TextBlock] = []
    /// The links and images, when `make` was asked for them; their URLs are now placeholders.
    var links: [MarkdownLink] = []

    static func make(_ document: OpaquePointer, dropTitle: (String) -> Bool, rawHTML: Bool,
                     textBlocks: Bool = false, links collectingLinks: Bool = false) -> HeadingPlan {
        var html: HTMLWriter?
        return walk(document, dropTitle: dropTitle, rawHTML: rawHTML, textBlocks: textBlocks,
                    links: collectingLinks, html: &html)!
    }

    /// `make`, writing the HTML in the same walk (with the heading ids, the leading title
    /// dropped, and links' placeholders) instead of leaving the tree to cmark's renderer and
    /// patching its output. The tree is not changed. Nil for a page with a node `HTMLWriter`
    /// does not write (footnotes, task list items, raw HTML kept as it is): the caller then takes
    /// the other path, from the same tree.
    static func makeWritingHTML(_ document: OpaquePointer, dropTitle: (String) -> Bool, rawHTML: Bool, tagFilter: Bool,
                                textBlocks: Bool, links collectingLinks: Bool,
                                sizeHint: Int) -> (plan: HeadingPlan, html: HTMLWriter)? {
        guard ExtensionNodeTypes.found != nil else { return nil }
        var html: HTMLWriter? = HTMLWriter(capacity: sizeHint + sizeHint / 4, rawHTML: rawHTML, tagFilter: tagFilter)
        guard let plan = walk(document, dropTitle: dropTitle, rawHTML: rawHTML, textBlocks: textBlocks,
                              links: collectingLinks, html: &html) else {
            html?.release()
            return nil
        }
        return (plan, html!)
    }

    /// The walk behind `make` and `makeWritingHTML` (when `html` is given).
    private static func walk(_ document: OpaquePointer, dropTitle: (String) -> Bool, rawHTML: Bool,
                             textBlocks: Bool, links collectingLinks: Bool, html: inout HTMLWriter?) -> HeadingPlan? {
        var plan = HeadingPlan()
        plan.steps.reserveCapacity(16)
        plan.headings.reserveCapacity(16)
        var slugger = Slugger()
        var text = TextBlockBuilder()
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var footnoteDepth = 0
        var linkDepth = 0
        // Writing HTML: the heading's last text without its `{#id}` (the tree keeps it), the
        // image whose alt text is being written (as cmark's renderer writes it, plainly), where
        // a dropped title started, and the table being written.
        let writing = html != nil
        var strippedText: (node: OpaquePointer, literal: String)?
        var plainImage: OpaquePointer?
        var dropFrom: Int?
        var table = TableState()
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            if plainImage == node { plainImage = nil }
            switch type {
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                if writing { return nil }
                footnoteDepth += entering ? 1 : -1
            case CMARK_NODE_HEADING where footnoteDepth == 0:
                let level = Int(cmark_node_get_heading_level(node))
                guard entering else {
                    text.inHeading = false
                    if let from = dropFrom {
                        html!.truncate(to: from)
                        dropFrom = nil
                    } else if writing {
                        html!.text("</h")
                        html!.byte(48 + UInt8(level))
                        html!.text(">\n")
                    }
                    continue
                }
                let (title, explicitID, stripped) = headingText(node, changingTree: !writing)
                strippedText = stripped
                if level == 1, isFirstBlock(node), dropTitle(title) {
                    // The title's text stays in the search text: only the HTML loses it.
                    plan.leadingTitle = title
                    plan.steps.append(.drop)
                    if writing { dropFrom = html!.count }
                    continue
                }
                let id: String
                if let explicitID {
                    slugger.reserve(explicitID)
                    id = explicitID
                } else {
                    id = slugger.unique(for: title)
                }
                plan.headings.append(Heading(level: level, text: title, id: id, line: Int(cmark_node_get_start_line(node))))
                plan.steps.append(.heading(id))
                if textBlocks, level == 2 || level == 3 { text.startBlock(anchor: id, heading: title) }
                if writing {
                    html!.cr()
                    html!.text("<h")
                    html!.byte(48 + UInt8(level))
                    html!.text(" id=\"")
                    html!.raw(HTMLText.escape(id))
                    html!.text("\">")
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                var placeholder: Int?
                if collectingLinks {
                    if entering {
                        linkDepth += 1
                        placeholder = plan.addLink(node, kind: type == CMARK_NODE_IMAGE ? .image : .link, changingTree: !writing)
                    } else {
                        linkDepth -= 1
                    }
                }
                if writing, plainImage == nil { writeLink(node, image: type == CMARK_NODE_IMAGE, entering: entering, rawHTML: rawHTML,
                                                          placeholder: placeholder, into: &html!, plainImage: &plainImage) }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                assert(!collectingLinks || linkDepth > 0 || type != CMARK_NODE_TEXT || !entering
                       || strstr(cmark_node_get_literal(node), "[[") == nil, "a wiki link in a page read without them")
                if writing {
                    if let stripped = strippedText, stripped.node == node {
                        // Only a heading's last text has its `{#id}` taken off.
                        strippedText = nil
                        if textBlocks, !text.inHeading { text.append(stripped.literal) }
                        var literal = stripped.literal
                        literal.withUTF8 { html!.escaped($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
                        continue
                    }
                    guard let literal = cmark_node_get_literal(node) else { continue }
                    let bytes = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
                    let length = writeLiteral(node, type: type, bytes, plain: plainImage != nil, into: &html!)
                    if textBlocks, !text.inHeading {
                        text.append(bytes, length)
                        if type != CMARK_NODE_TEXT { text.space() }
                    }
                } else if textBlocks, entering, !text.inHeading, let literal = cmark_node_get_literal(node) {
                    text.append(literal)
                    if type != CMARK_NODE_TEXT { text.space() }
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                guard entering else { continue }
                if rawHTML, footnoteDepth == 0, let literal = cmark_node_get_literal(node) {
                    let count = openTagCount(literal)
                    if count > 0 { plan.steps.append(.skip(count)) }
                }
                if textBlocks {
                    text.space()
                    text.append(TagStripper.text(of: Cmark.literal(node)))
                    text.space()
                }
                if writing, let literal = cmark_node_get_literal(node) {
                    let bytes = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
                    // `apply(to:)` counts raw `<hN>` tags even where the HTML does not show them
                    // as tags and stops at a footnotes section: such pages keep its output.
                    if rawHTML, openTagCount(literal) > 0 || strstr(literal, "<section class=\"footnotes\"") != nil { return nil }
                    html!.rawHTML(bytes, strlen(literal), block: type == CMARK_NODE_HTML_BLOCK, plain: plainImage != nil)
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if textBlocks { text.space() }
                if writing {
                    if plainImage != nil { html!.byte(32) }
                    else if type == CMARK_NODE_LINEBREAK { html!.text("<br />\n") }
                    else { html!.byte(10) }
                }
            default:
                // The end of any other block (a heading in a footnote too) separates words.
                if textBlocks, !entering, (type.rawValue & 0xc000) == 0x8000 { text.space() }
                if writing, plainImage == nil {
                    guard writeOther(node, type: type, entering: entering, table: &table, into: &html!) else { return nil }
                }
            }
        }
        if textBlocks { plan.blocks = text.finish() }
        return plan
    }

    /// `MarkdownPage.collectLinks` for one link or image: an internal destination is recorded
    /// and replaced by its placeholder, whose number this returns.
    private mutating func addLink(_ node: OpaquePointer, kind: MarkdownLink.Kind, changingTree: Bool) -> Int? {
        guard let url = cmark_node_get_url(node), url[0] != 0, !MarkdownPage.isExternal(url) else { return nil }
        links.append(MarkdownLink(kind: kind, destination: String(cString: url), needsTitle: false,
                                  line: Int(cmark_node_get_start_line(node)),
                                  byteColumn: Int(cmark_node_get_start_column(node))))
        if changingTree { cmark_node_set_url(node, LinkPlaceholder.url(links.count - 1)) }
        return links.count - 1
    }

    private static func isFirstBlock(_ node: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT else { return false }
        return cmark_node_previous(node) == nil
    }

    /// The heading's plain text, and an explicit id written as a trailing `{#id}`, which is
    /// removed from the heading's last text: in the tree, or (not `changingTree`) in the text
    /// returned with its node for the caller to use instead.
    static func headingText(_ heading: OpaquePointer, changingTree: Bool = true)
        -> (String, String?, stripped: (node: OpaquePointer, literal: String)?) {
        var explicitID: String?
        var stripped: (node: OpaquePointer, literal: String)?
        if let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT {
            let literal = Cmark.literal(last)
            if literal.hasSuffix("}"), let open = literal.range(of: "{#", options: .backwards) {
                let id = String(literal[open.upperBound..<literal.index(before: literal.endIndex)])
                if !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    explicitID = id
                    var rest = String(literal[..<open.lowerBound])
                    while rest.hasSuffix(" ") { rest.removeLast() }
                    if changingTree { cmark_node_set_literal(last, rest) } else { stripped = (last, rest) }
                }
            }
        }
        return (PlainText.of(heading, replacing: stripped), explicitID, stripped)
    }

    /// How many `<hN>` open tags (N from 1 to 6) `html` holds.
    static func openTagCount(_ html: UnsafePointer<CChar>) -> Int {
        let bytes = UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self)
        let n = strlen(html)
        var count = 0
        var i = 0
        while i + 3 < n {
            if bytes[i] == 60, bytes[i + 1] == 104, bytes[i + 2] >= 49, bytes[i + 2] <= 54, bytes[i + 3] == 62 { count += 1 }
            i += 1
        }
        return count
    }

    /// Adds ids to heading open tags (and drops a leading title heading) in `html`.
    func apply(to html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let ids = escapedIDs
        return [UInt8](unsafeUninitializedCapacity: capacity(html, ids)) { out, count in
            count = write(html, ids: ids, into: out.baseAddress!)
        }
    }

    /// `apply(to:)` as a String.
    func applyText(to html: UnsafeBufferPointer<UInt8>) -> String {
        let ids = escapedIDs
        return String(unsafeUninitializedCapacity: capacity(html, ids)) { out in
            write(html, ids: ids, into: out.baseAddress!)
        }
    }

    private var escapedIDs: [String] {
        steps.compactMap { if case .heading(let id) = $0 { return HTMLText.escape(id) } else { return nil } }
    }

    /// Each heading's `<hN>` becomes `<hN id="…">`: six bytes more than the id.
    private func capacity(_ html: UnsafeBufferPointer<UInt8>, _ ids: [String]) -> Int {
        max(1, ids.reduce(html.count) { $0 + $1.utf8.count + 6 })
    }

    /// Writes the rewritten HTML to `out` and returns its length.
    private func write(_ html: UnsafeBufferPointer<UInt8>, ids: [String], into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = html.count
        guard n > 0, let base = html.baseAddress else { return 0 }
        var o = 0
        func copy(_ from: Int, _ to: Int) {
            guard to > from else { return }
            (out + o).update(from: base + from, count: to - from)
            o += to - from
        }
        var stepIndex = 0
        var idIndex = 0
        var skipping = 0
        var i = 0
        let footnotes = Array("<section class=\"footnotes\"".utf8)
        while i < n {
            guard stepIndex < steps.count || skipping > 0,
                  let hit = memchr(base + i, 60, n - i) else { break }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            copy(i, at)
            i = at
            if i + 3 < n {
                if html[i + 1] == 104, html[i + 2] >= 49, html[i + 2] <= 54, html[i + 3] == 62 {
                    if skipping == 0, stepIndex < steps.count, case .skip(let k) = steps[stepIndex] {
                        skipping = k
                        stepIndex += 1
                    }
                    if skipping > 0 {
                        skipping -= 1
                    } else if stepIndex < steps.count {
                        switch steps[stepIndex] {
                        case .heading:
                            stepIndex += 1
                            copy(i, i + 3)
                            for b in " id=\"".utf8 { out[o] = b; o += 1 }
                            for b in ids[idIndex].utf8 { out[o] = b; o += 1 }
                            idIndex += 1
                            out[o] = 34; out[o + 1] = 62; o += 2
                            i += 4
                            continue
                        case .drop:
                            stepIndex += 1
                            // Skip to the end of the matching `</hN>\n`.
                            let close: [UInt8] = [60, 47, 104, html[i + 2], 62]
                            var j = i + 4
                            while j + close.count <= n, !close.withUnsafeBufferPointer({ memcmp(base + j, $0.baseAddress!, close.count) == 0 }) {
                                guard let next = memchr(base + j + 1, 60, n - j - 1) else { j = n; break }
                                j = UnsafeRawPointer(next) - UnsafeRawPointer(base)
                            }
                            i = min(n, j + close.count)
                            if i < n, html[i] == 10 { i += 1 }
                            continue
                        case .skip:
                            break
                        }
                    }
                } else if html[i + 1] == 115, i + footnotes.count <= n,
                          footnotes.withUnsafeBufferPointer({ memcmp(base + i, $0.baseAddress!, footnotes.count) == 0 }) {
                    break
                }
            }
            out[o] = html[i]
            o += 1
            i += 1
        }
        copy(i, n)
        return o
    }
}

/// The plain text of a node's inline content.
enum PlainText {
    /// `replacing` gives one text node's literal instead of the tree's.
    static func of(_ node: OpaquePointer, replacing: (node: OpaquePointer, literal: String)? = nil) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if let replacing, replacing.node == child {
                text += replacing.literal
            } else if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
