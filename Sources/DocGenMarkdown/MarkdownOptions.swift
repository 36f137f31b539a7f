/// How Markdown is parsed and rendered: the six GFM extensions by name, raw HTML, smart punctuation.
public struct MarkdownOptions: Sendable, Hashable {
    /// The GFM extensions docgen knows, in the order cmark-gfm lists them.
    public static let allExtensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist", "footnotes"]

    public var extensions: Set<String>
    public var unsafeHTML: Bool
    public var smart: Bool

    public init(extensions: Set<String> = Set(MarkdownOptions.allExtensions), unsafeHTML: Bool = false, smart: Bool = false) {
        self.extensions = extensions
        self.unsafeHTML = unsafeHTML
        self.smart = smart
    }

    /// Pages: every extension on.
    public static func pages(unsafeHTML: Bool) -> MarkdownOptions {
        MarkdownOptions(unsafeHTML: unsafeHTML)
    }
}
