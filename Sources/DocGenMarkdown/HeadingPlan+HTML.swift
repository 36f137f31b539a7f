internal import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// The HTML of each kind of node, as `S_render_node` in cmark-gfm's `html.c` (and the table and
/// strikethrough extensions' renderers) write it, for `HeadingPlan.makeWritingHTML`.
extension HeadingPlan {
    /// What cmark's table renderer remembers between a table's nodes.
    struct TableState {
        var needsClosingBody = false
        var inHeader = false
        var alignments: UnsafeMutablePointer<UInt8>?
        var columns = 0
        var cell = 0
    }

    /// A link's or an image's tag. An image's alt text follows, written plainly, until its exit.
    static func writeLink(_ node: OpaquePointer, image: Bool, entering: Bool, rawHTML: Bool, placeholder: Int?,
                          into html: inout HTMLWriter, plainImage: inout OpaquePointer?) {
        if entering {
            html.text(image ? "<img src=\"" : "<a href=\"")
            if let placeholder {
                html.raw(LinkPlaceholder.url(placeholder))
            } else if let url = cmark_node_get_url(node) {
                let bytes = UnsafeRawPointer(url).assumingMemoryBound(to: UInt8.self)
                // Without raw HTML, script and data URLs (but images') become empty.
                if rawHTML || !HTMLWriter.isDangerous(bytes) { html.href(bytes, strlen(url)) }
            }
            if image {
                html.text("\" alt=\"")
                plainImage = node
                return
            }
        }
        guard image || entering else {
            html.text("</a>")
            return
        }
        if let title = cmark_node_get_title(node), title[0] != 0 {
            html.text("\" title=\"")
            html.escaped(UnsafeRawPointer(title).assumingMemoryBound(to: UInt8.self), strlen(title))
        }
        html.text(image ? "\" />" : "\">")
    }

    /// Text, an inline code span or a code block (plainly in an image's alt text: escaped text),
    /// whose literal is the C string `bytes`; returns the literal's length.
    static func writeLiteral(_ node: OpaquePointer, type: cmark_node_type, _ bytes: UnsafePointer<UInt8>,
                             plain: Bool, into html: inout HTMLWriter) -> Int {
        if type == CMARK_NODE_TEXT || plain {
            return html.escaped(cString: bytes)
        } else if type == CMARK_NODE_CODE {
            html.text("<code>")
            defer { html.text("</code>") }
            return html.escaped(cString: bytes)
        } else {
            html.cr()
            if let info = cmark_node_get_fence_info(node), info[0] != 0 {
                let infoBytes = UnsafeRawPointer(info).assumingMemoryBound(to: UInt8.self)
                // The language is the info string's first word (cmark_isspace ends it).
                var first = 0
                while infoBytes[first] != 0, !isCmarkSpace(infoBytes[first]) { first += 1 }
                html.text("<pre><code class=\"language-")
                html.escaped(infoBytes, first)
                html.text("\">")
            } else {
                html.text("<pre><code>")
            }
            defer { html.text("</code></pre>\n") }
            return html.escaped(cString: bytes)
        }
    }

    private static func isCmarkSpace(_ b: UInt8) -> Bool {
        b == 32 || (b >= 9 && b <= 13)
    }

    /// Every other node; false for one this does not write (footnotes, task list items, custom
    /// nodes, extensions other than tables and strikethrough).
    static func writeOther(_ node: OpaquePointer, type: cmark_node_type, entering: Bool, table: inout TableState,
                           into html: inout HTMLWriter) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT:
            break
        case CMARK_NODE_PARAGRAPH:
            // A tight list's paragraphs have no tags.
            if let parent = cmark_node_parent(node), let grandparent = cmark_node_parent(parent),
               cmark_node_get_type(grandparent) == CMARK_NODE_LIST, cmark_node_get_list_tight(grandparent) != 0 {
                break
            }
            if entering {
                html.cr()
                html.text("<p>")
            } else {
                html.text("</p>\n")
            }
        case CMARK_NODE_BLOCK_QUOTE:
            html.cr()
            html.text(entering ? "<blockquote>\n" : "</blockquote>\n")
        case CMARK_NODE_LIST:
            let bullet = cmark_node_get_list_type(node) == CMARK_BULLET_LIST
            guard entering else {
                html.text(bullet ? "</ul>\n" : "</ol>\n")
                break
            }
            html.cr()
            let start = cmark_node_get_list_start(node)
            if bullet {
                html.text("<ul>\n")
            } else if start == 1 {
                html.text("<ol>\n")
            } else {
                html.text("<ol start=\"")
                html.raw(String(start))
                html.text("\">\n")
            }
        case CMARK_NODE_ITEM:
            // A task list item is the tasklist extension's.
            guard cmark_node_get_syntax_extension(node) == nil else { return false }
            if entering {
                html.cr()
                html.text("<li>")
            } else {
                html.text("</li>\n")
            }
        case CMARK_NODE_THEMATIC_BREAK:
            html.cr()
            html.text("<hr />\n")
        case CMARK_NODE_STRONG:
            html.text(entering ? "<strong>" : "</strong>")
        case CMARK_NODE_EMPH:
            html.text(entering ? "<em>" : "</em>")
        default:
            guard let types = ExtensionNodeTypes.found else { return false }
            switch type {
            case _ where cmark_node_get_syntax_extension(node) == types.strikethrough:
                html.text(entering ? "<del>" : "</del>")
            case types.table:
                writeTable(node, entering: entering, table: &table, into: &html)
            case types.row:
                let header = cmark_gfm_extensions_get_table_row_is_header(node) != 0
                if entering {
                    html.cr()
                    if header {
                        table.inHeader = true
                        html.text("<thead>")
                        html.cr()
                    } else if !table.needsClosingBody {
                        html.text("<tbody>")
                        html.cr()
                        table.needsClosingBody = true
                    }
                    html.text("<tr>")
                    table.cell = 0
                } else {
                    html.cr()
                    html.text("</tr>")
                    if header {
                        html.cr()
                        html.text("</thead>")
                        table.inHeader = false
                    }
                }
            case types.cell:
                guard entering else {
                    html.text(table.inHeader ? "</th>" : "</td>")
                    table.cell += 1
                    break
                }
                guard table.cell < table.columns, let alignments = table.alignments else { return false }
                html.cr()
                html.text(table.inHeader ? "<th" : "<td")
                switch alignments[table.cell] {
                case UInt8(ascii: "l"): html.text(" align=\"left\"")
                case UInt8(ascii: "c"): html.text(" align=\"center\"")
                case UInt8(ascii: "r"): html.text(" align=\"right\"")
                default: break
                }
                html.byte(62)
            default:
                return false
            }
        }
        return true
    }

    private static func writeTable(_ node: OpaquePointer, entering: Bool, table: inout TableState, into html: inout HTMLWriter) {
        if entering {
            html.cr()
            html.text("<table>")
            table = TableState(alignments: cmark_gfm_extensions_get_table_alignments(node),
                               columns: Int(cmark_gfm_extensions_get_table_columns(node)))
        } else {
            if table.needsClosingBody {
                html.cr()
                html.text("</tbody>")
                html.cr()
            }
            table.needsClosingBody = false
            html.cr()
            html.text("</table>")
            html.cr()
        }
    }
}
