internal import CCmarkGFM
import DocGenCore

/// Markdown to HTML as `docgen render` does it: cmark-gfm's output, headings with GitHub-style ids.
public enum MarkdownRenderer {
    public static func render(_ bytes: [UInt8], options: MarkdownOptions) -> [UInt8] {
        let (html, plan) = bytes.withUnsafeBytes { buffer in
            Cmark.withDocument(buffer, options: options) { document in
                HeadingPlan.make(document, dropTitle: { _ in false }, rawHTML: options.unsafeHTML)
            }
        }
        return plan.apply(to: html)
    }
}

/// Headings get ids by rewriting `<hN>` open tags in the rendered HTML. cmark writes a heading's
/// open tag as exactly `<hN>`; raw HTML may contain the same text, so the plan records, in
/// rendering order, which occurrences are headings (with their id) and which are raw HTML to skip.
struct HeadingPlan {
    enum Step { case heading(String), skip(Int), drop }
    var steps: [Step] = []
    var headings: [Heading] = []
    var leadingTitle: String?

    static func make(_ document: OpaquePointer, dropTitle: (String) -> Bool, rawHTML: Bool) -> HeadingPlan {
        var plan = HeadingPlan()
        var slugger = Slugger()
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var footnoteDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                footnoteDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER, footnoteDepth == 0 else { continue }
            if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                let (text, explicitID) = headingText(node)
                let line = Int(cmark_node_get_start_line(node))
                if level == 1, isFirstBlock(node), dropTitle(text) {
                    plan.leadingTitle = text
                    plan.steps.append(.drop)
                    continue
                }
                let id: String
                if let explicitID {
                    slugger.reserve(explicitID)
                    id = explicitID
                } else {
                    id = slugger.unique(for: text)
                }
                plan.headings.append(Heading(level: level, text: text, id: id, line: line))
                plan.steps.append(.heading(id))
            } else if rawHTML, type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                let count = openTagCount(Cmark.literal(node))
                if count > 0 { plan.steps.append(.skip(count)) }
            }
        }
        return plan
    }

    private static func isFirstBlock(_ node: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT else { return false }
        return cmark_node_previous(node) == nil
    }

    /// The heading's plain text, and an explicit id written as a trailing `{#id}`, which is
    /// removed from the tree.
    static func headingText(_ heading: OpaquePointer) -> (String, String?) {
        var explicitID: String?
        if let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT {
            let literal = Cmark.literal(last)
            if literal.hasSuffix("}"), let open = literal.range(of: "{#", options: .backwards) {
                let id = String(literal[open.upperBound..<literal.index(before: literal.endIndex)])
                if !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    explicitID = id
                    var rest = String(literal[..<open.lowerBound])
                    while rest.hasSuffix(" ") { rest.removeLast() }
                    cmark_node_set_literal(last, rest)
                }
            }
        }
        return (PlainText.of(heading), explicitID)
    }

    static func openTagCount(_ html: String) -> Int {
        var count = 0
        let bytes = Array(html.utf8)
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == 60, bytes[i + 1] == 104, bytes[i + 2] >= 49, bytes[i + 2] <= 54, bytes[i + 3] == 62 { count += 1 }
            i += 1
        }
        return count
    }

    /// Adds ids to heading open tags (and drops a leading title heading) in `html`.
    func apply(to html: [UInt8]) -> [UInt8] {
        guard !steps.isEmpty else { return html }
        var out = [UInt8]()
        out.reserveCapacity(html.count + steps.count * 24)
        var stepIndex = 0
        var skipping = 0
        var i = 0
        let n = html.count
        let footnotes = Array("<section class=\"footnotes\"".utf8)
        while i < n {
            if html[i] == 60, i + 3 < n, stepIndex < steps.count || skipping > 0 {
                if html[i + 1] == 104, html[i + 2] >= 49, html[i + 2] <= 54, html[i + 3] == 62 {
                    if skipping == 0, stepIndex < steps.count, case .skip(let k) = steps[stepIndex] {
                        skipping = k
                        stepIndex += 1
                    }
                    if skipping > 0 {
                        skipping -= 1
                    } else if stepIndex < steps.count {
                        switch steps[stepIndex] {
                        case .heading(let id):
                            stepIndex += 1
                            out.append(contentsOf: html[i..<i + 3])
                            out.append(contentsOf: " id=\"".utf8)
                            out.append(contentsOf: HTMLText.escape(id).utf8)
                            out.append(contentsOf: "\">".utf8)
                            i += 4
                            continue
                        case .drop:
                            stepIndex += 1
                            // Skip to the end of the matching `</hN>\n`.
                            let close: [UInt8] = [60, 47, 104, html[i + 2], 62]
                            var j = i + 4
                            while j + close.count <= n, !html[j..<j + close.count].elementsEqual(close) { j += 1 }
                            i = min(n, j + close.count)
                            if i < n, html[i] == 10 { i += 1 }
                            continue
                        case .skip:
                            break
                        }
                    }
                } else if html[i + 1] == 115, i + footnotes.count <= n, html[i..<i + footnotes.count].elementsEqual(footnotes) {
                    out.append(contentsOf: html[i...])
                    break
                }
            }
            out.append(html[i])
            i += 1
        }
        return out
    }
}

/// The plain text of a node's inline content.
enum PlainText {
    static func of(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += Cmark.literal(child)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
