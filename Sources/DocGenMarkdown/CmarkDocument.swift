internal import CCmarkGFM

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

    /// Parses `bytes`, lets `edit` change the tree, and renders it to HTML.
    static func withDocument<R>(_ bytes: UnsafeRawBufferPointer, options: MarkdownOptions,
                                _ edit: (OpaquePointer) -> R) -> (html: [UInt8], result: R) {
        _ = registered
        let flags = Self.options(options)
        guard let parser = cmark_parser_new(flags) else { return ([], edit(OpaquePointer(bitPattern: 1)!)) }
        defer { cmark_parser_free(parser) }
        for name in MarkdownOptions.allExtensions where name != "footnotes" && options.extensions.contains(name) {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        if let base = bytes.baseAddress, bytes.count > 0 {
            cmark_parser_feed(parser, base.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        guard let document = cmark_parser_finish(parser) else { return ([], edit(OpaquePointer(bitPattern: 1)!)) }
        defer { cmark_node_free(document) }
        let result = edit(document)
        guard let rendered = cmark_render_html(document, flags, cmark_parser_get_syntax_extensions(parser)) else {
            return ([], result)
        }
        defer { free(rendered) }
        let length = strlen(rendered)
        let html = [UInt8](UnsafeRawBufferPointer(start: rendered, count: length))
        return (html, result)
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

#if canImport(Glibc)
import Glibc
#endif
