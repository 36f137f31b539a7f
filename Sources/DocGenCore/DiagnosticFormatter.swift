/// Prints diagnostics as a compiler does, or as JSON for tools.
public enum DiagnosticFormatter {
    /// `content/a.md:14:9: error: unresolved link 'instal.md' [link-unresolved]` and its notes.
    public static func text(_ diagnostic: Diagnostic) -> String {
        var out = prefix(diagnostic.location) + "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]\n"
        for note in diagnostic.notes {
            out += prefix(note.location ?? diagnostic.location) + "note: \(note.message)\n"
        }
        return out
    }

    public static func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(text).joined()
    }

    /// A JSON array, one object per diagnostic, keys sorted, one line per diagnostic.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        if diagnostics.isEmpty { return "[]\n" }
        let items = diagnostics.map { d -> String in
            var fields: [(String, String)] = []
            if let loc = d.location {
                fields.append(("column", String(loc.column)))
                fields.append(("file", JSONText.quote(loc.file)))
                fields.append(("line", String(loc.line)))
            }
            fields.append(("id", JSONText.quote(d.id)))
            fields.append(("message", JSONText.quote(d.message)))
            let notes = d.notes.map { note -> String in
                var parts: [String] = []
                if let loc = note.location {
                    parts.append("\"column\":\(loc.column)")
                    parts.append("\"file\":\(JSONText.quote(loc.file))")
                    parts.append("\"line\":\(loc.line)")
                }
                parts.append("\"message\":\(JSONText.quote(note.message))")
                return "{" + parts.joined(separator: ",") + "}"
            }
            fields.append(("notes", "[" + notes.joined(separator: ",") + "]"))
            fields.append(("severity", JSONText.quote(d.severity.rawValue)))
            fields.sort { $0.0 < $1.0 }
            return "  {" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    /// `docgen: 2 errors, 1 warning; output not written`.
    public static func summary(errors: Int, warnings: Int, tail: String) -> String {
        "docgen: \(plural(errors, "error")), \(plural(warnings, "warning")); \(tail)"
    }

    public static func plural(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n == 1 ? "" : "s")"
    }

    private static func prefix(_ location: SourceLocation?) -> String {
        guard let location else { return "docgen: " }
        return location.description + ": "
    }
}
