import DocGenCore

/// One value of YAML-lite front matter and the place in the file where it starts.
public struct FrontMatterNode: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        /// An empty value (`description:`), or `~` / `null`.
        case null
        /// Plain, 'single' or "double" quoted text, or `>` folded / `|` literal block text.
        case string(String)
        /// An optionally signed decimal integer that fits in `Int`.
        case integer(Int)
        /// Only `true` and `false`, case-sensitive (YAML 1.2 core; `yes`/`True` are strings).
        case boolean(Bool)
        /// `YYYY-MM-DD`, validated as a real calendar date, kept as the text.
        case date(String)
        /// A `[a, b]` flow list or a `- item` block list.
        case list([FrontMatterNode])
        /// A nested map written by indentation.
        case map(FrontMatterMap)
    }

    public var kind: Kind
    /// Where the value starts (1-based line and column in the file).
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The text of a scalar (strings, integers, booleans and dates); nil for null, lists and maps.
    public var scalarText: String? {
        switch kind {
        case .string(let s), .date(let s): return s
        case .integer(let n): return String(n)
        case .boolean(let b): return b ? "true" : "false"
        case .null, .list, .map: return nil
        }
    }

    /// The string of a `.string` node.
    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The items of a `.list` node.
    public var listValue: [FrontMatterNode]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    /// The map of a `.map` node.
    public var mapValue: FrontMatterMap? {
        if case .map(let map) = kind { return map }
        return nil
    }

    public var isNull: Bool { kind == .null }

    /// How the value reads in a message: `'heavy'` for a scalar, `a list`, `a map`, `nothing`.
    public var summary: String {
        switch kind {
        case .null: return "nothing"
        case .list: return "a list"
        case .map: return "a map"
        default: return "'\(scalarText ?? "")'"
        }
    }
}

/// The `key: value` entries of one map, in file order.
public struct FrontMatterMap: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: FrontMatterNode

        public init(key: String, keyLocation: SourceLocation, value: FrontMatterNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// In file order; keys are unique (a duplicate is reported and dropped by the parser).
    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The value of `key`, if present.
    public subscript(key: String) -> FrontMatterNode? {
        entries.first { $0.key == key }?.value
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }
}

/// A Markdown file split into its front matter and its body.
public struct FrontMatterDocument: Sendable {
    /// Empty when the file has no front matter.
    public var map: FrontMatterMap
    public var hasFrontMatter: Bool
    /// The Markdown after the closing `---` line, or the whole text (without a BOM).
    public var body: Substring
    /// Lines before the body: body line 1 is file line `bodyLineOffset + 1`.
    public var bodyLineOffset: Int

    public init(map: FrontMatterMap, hasFrontMatter: Bool, body: Substring, bodyLineOffset: Int) {
        self.map = map
        self.hasFrontMatter = hasFrontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
    }
}
