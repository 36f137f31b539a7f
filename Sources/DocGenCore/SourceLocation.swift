/// A place in a source file: a site-relative path and a 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line, so a multi-byte character or a tab
/// counts as one column, as editors that follow the LSP convention do.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `file:line:col`, the prefix of a compiler-style diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
