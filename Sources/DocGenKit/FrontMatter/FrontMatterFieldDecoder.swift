import DocGenCore

/// Reads typed fields out of front matter nodes, reporting wrong types at the value.
/// Shared by `PageMetadata` and `SiteConfig`.
struct FrontMatterFieldDecoder {
    let file: String
    var diagnostics = Diagnostics()

    init(file: String) {
        self.file = file
    }

    mutating func typeError(_ key: String, _ expected: String, _ node: FrontMatterNode) {
        diagnostics.append(.error("front-matter-type", "'\(key)' must be \(expected), got \(node.summary)",
                                  at: node.location))
    }

    /// Any scalar as text (`title: 404` is the text "404"); nil for null. Lists and maps are errors.
    mutating func string(_ key: String, _ node: FrontMatterNode) -> String? {
        switch node.kind {
        case .null: return nil
        case .list, .map:
            typeError(key, "text", node)
            return nil
        default: return node.scalarText
        }
    }

    mutating func integer(_ key: String, _ node: FrontMatterNode) -> Int? {
        switch node.kind {
        case .null: return nil
        case .integer(let n): return n
        default:
            typeError(key, "an integer", node)
            return nil
        }
    }

    mutating func boolean(_ key: String, _ node: FrontMatterNode) -> Bool? {
        switch node.kind {
        case .null: return nil
        case .boolean(let b): return b
        default:
            typeError(key, "true or false", node)
            return nil
        }
    }

    mutating func date(_ key: String, _ node: FrontMatterNode) -> String? {
        switch node.kind {
        case .null: return nil
        case .date(let d): return d
        default:
            typeError(key, "a date (YYYY-MM-DD)", node)
            return nil
        }
    }

    /// A list of scalars as text with their locations; a single scalar is a one-item list.
    mutating func references(_ key: String, _ node: FrontMatterNode) -> [Reference] {
        switch node.kind {
        case .null: return []
        case .map:
            typeError(key, "a list", node)
            return []
        case .list(let items):
            return items.compactMap { item in
                guard let text = item.scalarText else {
                    if !item.isNull {
                        diagnostics.append(.error("front-matter-type",
                                                  "'\(key)' items must be text, got \(item.summary)",
                                                  at: item.location))
                    }
                    return nil
                }
                return Reference(id: text, location: item.location)
            }
        default:
            return [Reference(id: node.scalarText ?? "", location: node.location)]
        }
    }

    mutating func strings(_ key: String, _ node: FrontMatterNode) -> [String] {
        references(key, node).map(\.id)
    }

    /// One of a fixed set of words; an unknown word is an error listing the allowed ones.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ noun: String,
                                                             _ node: FrontMatterNode) -> T?
    where T.RawValue == String {
        guard let text = string(key, node) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        diagnostics.append(Diagnostic.error(
            "front-matter-value",
            "unknown \(noun) '\(text)'; expected one of: \(allowed.joined(separator: ", "))",
            at: node.location).suggesting(Suggestion.nearest(to: text, in: allowed)))
        return nil
    }

    mutating func unknownKey(_ entry: FrontMatterMap.Entry, known: [String]) {
        diagnostics.append(Diagnostic.warning(
            "front-matter-unknown-key", "unknown key '\(entry.key)'", at: entry.keyLocation)
            .suggesting(Self.nearestKey(to: entry.key, in: known)))
    }

    /// `Suggestion.nearest`, except that a candidate one swap of neighbouring letters away wins:
    /// plain edit distance scores `titel` → `time` (2) the same as `titel` → `title` (2).
    static func nearestKey(to name: String, in known: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        for candidate in known.sorted() {
            let c = Array(candidate.lowercased().unicodeScalars)
            guard c.count == target.count else { continue }
            let differing = c.indices.filter { c[$0] != target[$0] }
            if differing.count == 2, differing[1] == differing[0] + 1,
               c[differing[0]] == target[differing[1]], c[differing[1]] == target[differing[0]] {
                return candidate
            }
        }
        return Suggestion.nearest(to: name, in: known)
    }
}
