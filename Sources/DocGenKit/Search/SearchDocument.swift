/// One part of a page's body for search: the text under one h2/h3 heading.
///
/// The first block of a page has `anchor` and `heading` empty: it holds the text before the first
/// heading. Results link to the best-matching block's anchor.
public struct SearchBlock: Sendable, Equatable {
    public var anchor: String
    public var heading: String
    public var text: String

    public init(anchor: String, heading: String, text: String) {
        self.anchor = anchor
        self.heading = heading
        self.text = text
    }
}

/// A page as the search index sees it: plain text, already stripped of markup.
public struct SearchDocument: Sendable, Equatable {
    /// Relative to the site root, e.g. `guides/setup/`; `""` is the home page.
    public var url: String
    public var title: String
    /// Display title of the page's top-level section, `""` for none.
    public var section: String
    /// `page`, `role`, `task`, `tool`, `term`, or a generated kind.
    public var type: String
    /// Role ids.
    public var roles: [String]
    public var tags: [String]
    /// `en`, `zh`, ...
    public var lang: String
    /// The body split at h2/h3; see `SearchBlock`.
    public var blocks: [SearchBlock]

    public init(url: String, title: String, section: String, type: String, roles: [String],
                tags: [String], lang: String, blocks: [SearchBlock]) {
        self.url = url
        self.title = title
        self.section = section
        self.type = type
        self.roles = roles
        self.tags = tags
        self.lang = lang
        self.blocks = blocks
    }
}
