internal import CCmarkGFM
import Foundation

/// The characters that start inline extensions, which cmark-gfm keeps in one table for the whole
/// process: `~` for strikethrough (a delimiter, so also skipped when emphasis looks at its
/// neighbours) and `:` and `w` for autolinks.
///
/// Left to itself, cmark-gfm switches them on when a parse starts its inline parsing and off when
/// it ends, so a parse finishing on one thread took them away from a parse still running on
/// another, whose `~~` and bare URLs then came out as text. So:
/// - The autolink extension is given no characters of its own, so no parse touches `:` and `w`;
///   the table is set for a whole set of parses instead. Every parse that wants the same setting
///   runs at the same time, and one that wants the other (a site never mixes them; `docgen render`
///   runs one parse) waits until the running ones are done.
/// - The strikethrough extension keeps `~` (it needs it to pair delimiters), but only a page with
///   a `~` in it gets the extension (without one it cannot strike anything through), and pages
///   with a `~` parse one at a time. A page without `~` never reads that part of the table.
///
/// What cmark-gfm sees during a parse is exactly what it would have set itself.
enum CmarkInlineCharacters {
    /// Runs `body`, an inline parse, with `:` and `w` special when `autolink` is on, alone among
    /// pages with a `~` when `tilde` is.
    static func with<R>(autolink: Bool, tilde: Bool, _ body: () -> R) -> R {
        // The setting first, then the `~` lock: a page holding the lock is always one of the
        // running parses, so it never waits for the other setting while pages of its own wait
        // for the lock.
        state.enter(autolink)
        if tilde { state.tilde.lock() }
        defer {
            if tilde { state.tilde.unlock() }
            state.leave()
        }
        return body()
    }

    /// Made on first use, which is before any parse's inline parsing.
    private static let state = State()

    /// The table's owner: whether it holds the autolink characters, and how many parses are
    /// reading it.
    private final class State: @unchecked Sendable {  // `current` and `readers` are guarded by `condition`
        let tilde = NSLock()
        private let condition = NSCondition()
        private var current = false
        private var readers = 0
        /// A parser that is never fed: it only carries the stand-in extension, for
        /// `cmark_manage_extensions_special_characters` to switch its characters.
        private let switchParser: OpaquePointer?

        init() {
            cmark_gfm_core_extensions_ensure_registered()  // the extension to take from must exist
            switchParser = Self.standIn("docgen-autolink-characters", characters: ":w").map { standIn in
                let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
                cmark_parser_attach_syntax_extension(parser, standIn)
                return parser
            }
            if switchParser != nil, let real = cmark_find_syntax_extension("autolink") {
                cmark_syntax_extension_set_special_inline_chars(real, nil)
            }
        }

        func enter(_ autolink: Bool) {
            condition.lock()
            defer { condition.unlock() }
            while current != autolink && readers > 0 { condition.wait() }
            if current != autolink {
                cmark_manage_extensions_special_characters(switchParser, autolink ? 1 : 0)
                current = autolink
            }
            readers += 1
        }

        func leave() {
            condition.lock()
            readers -= 1
            if readers == 0 { condition.broadcast() }
            condition.unlock()
        }

        /// An extension that matches nothing and owns `characters`. cmark-gfm lists an extension
        /// among a parser's inline ones only when it has an inline matcher, hence the empty one.
        private static func standIn(_ name: String, characters: String) -> OpaquePointer? {
            guard let ext = cmark_syntax_extension_new(name) else { return nil }
            cmark_syntax_extension_set_match_inline_func(ext) { _, _, _, _, _ in nil }
            var list: UnsafeMutablePointer<cmark_llist>?
            for byte in characters.utf8 {
                list = cmark_llist_append(cmark_get_default_mem_allocator(), list,
                                          UnsafeMutableRawPointer(bitPattern: UInt(byte)))
            }
            cmark_syntax_extension_set_special_inline_chars(ext, list)
            return ext
        }
    }
}
