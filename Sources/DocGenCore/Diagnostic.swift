/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// A content problem found by a stage: a stable kebab-case id, a place, a one-line message, and
/// notes (a did-you-mean, the other file of a collision).
public struct Diagnostic: Sendable, Hashable, Codable {
    public struct Note: Sendable, Hashable, Codable {
        public var location: SourceLocation?
        public var message: String
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var id: String
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(_ severity: Severity, _ id: String, _ message: String,
                at location: SourceLocation?, notes: [Note] = []) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ id: String, _ message: String, at location: SourceLocation?,
                             notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, id, message, at: location, notes: notes)
    }

    public static func warning(_ id: String, _ message: String, at location: SourceLocation?,
                               notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, id, message, at: location, notes: notes)
    }

    /// Adds a "did you mean" note when `suggestion` is not nil.
    public func suggesting(_ suggestion: String?) -> Diagnostic {
        guard let suggestion else { return self }
        var copy = self
        copy.notes.append(Note("did you mean '\(suggestion)'?", at: location))
        return copy
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by place (those without a place first), then severity, id and message.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let la = a.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        let lb = b.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        if la != lb { return la < lb }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.id != b.id { return a.id < b.id }
        return a.message < b.message
    }
}

/// Diagnostics collected by a stage. Stages append and keep going.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}
    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }
    public var errorCount: Int { all.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    public var warningCount: Int { all.reduce(0) { $0 + ($1.severity == .warning ? 1 : 0) } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    /// Sorted, with exact repeats removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted().filter { seen.insert($0).inserted }
    }
}
