internal import CCmarkGFM
import Foundation

/// The only code that calls cmark-gfm. A parsed tree lives for one call and is freed before it
/// returns; what leaves this file is Swift values.
enum Cmark {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func options(_ options: MarkdownOptions) -> Int32 {
        var flags = CMARK_OPT_DEFAULT
        if options.unsafeHTML { flags |= CMARK_OPT_UNSAFE }
        if options.smart { flags |= CMARK_OPT_SMART }
        if options.extensions.contains("footnotes") { flags |= CMARK_OPT_FOOTNOTES }
        return Int32(flags)
    }

    /// Parses `bytes` and hands the tree to `body`, which may change it and calls `render` for
    /// the tree's HTML. The tree and the HTML are valid until `body` returns.
    ///
    /// The parse takes its memory from this thread's `CmarkArena` (see there why) and gives it
    /// all back when `body` returns.
    static func withDocument<R>(_ bytes: UnsafeRawBufferPointer, options: MarkdownOptions,
                                _ body: (_ tree: CmarkTree, _ render: () -> UnsafeBufferPointer<UInt8>) -> R) -> R {
        _ = registered
        let flags = Self.options(options)
        let arena = CmarkArena.begin()
        defer { arena?.pointee.end() }
        let mem = arena != nil ? CmarkArena.mem : cmark_get_default_mem_allocator()
        let parser = cmark_parser_new_with_mem(flags, mem)!
        // With the arena, everything the parser and the tree hold is the arena's: `arena.end()`
        // takes it back without walking the tree to free each piece.
        defer { if arena == nil { cmark_parser_free(parser) } }
        let tilde = bytes.count > 0 && memchr(bytes.baseAddress!, Int32(UInt8(ascii: "~")), bytes.count) != nil
        for name in MarkdownOptions.allExtensions where name != "footnotes" && options.extensions.contains(name) {
            // Without a `~` strikethrough has nothing to do; left out, its parse needs no lock.
            if name == "strikethrough" && !tilde { continue }
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        if let base = bytes.baseAddress, bytes.count > 0 {
            cmark_parser_feed(parser, base.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        // The inline parsing in `finish` reads a table all threads share (see there).
        let document = CmarkInlineCharacters.with(autolink: options.extensions.contains("autolink"), tilde: tilde) { cmark_parser_finish(parser)! }
        defer { if arena == nil { cmark_node_free(document) } }
        var rendered: UnsafeMutablePointer<CChar>?
        defer { if arena == nil, let rendered { mem!.pointee.free(rendered) } }
        return body(CmarkTree(document: document, mem: mem!)) {
            if rendered == nil {
                rendered = cmark_render_html_with_mem(document, flags, cmark_parser_get_syntax_extensions(parser), mem)
            }
            guard let rendered else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self),
                                       count: strlen(rendered))
        }
    }

    static func literal(_ node: OpaquePointer) -> String {
        guard let p = cmark_node_get_literal(node) else { return "" }
        return String(cString: p)
    }
    static func url(_ node: OpaquePointer) -> String {
        guard let p = cmark_node_get_url(node) else { return "" }
        return String(cString: p)
    }
}

/// A parsed tree and the allocator its nodes come from.
struct CmarkTree {
    let document: OpaquePointer
    let mem: UnsafeMutablePointer<cmark_mem>

    /// A node to add to this tree: cmark links only nodes made with the same allocator.
    func newNode(_ type: cmark_node_type) -> OpaquePointer {
        cmark_node_new_with_mem(type, mem)!
    }
}

#if canImport(Glibc)
import Glibc
#endif
