import Foundation

/// `manifest.json` as values: written by `SearchIndexBuilder`, read back by its `patch`.
struct SearchManifest: Equatable {
    struct Role: Equatable {
        var id: String
        var title: String
    }

    struct Language: Equatable {
        var lang: String
        /// `""` for a single-language site, else `<lang>/`.
        var path: String
        var documents: Int
        var chunk: Int
        /// Quantized average tokens per field (`SearchIndexFormat.averages`).
        var averages: [Double]
        var shardKeys: [String]
        var tails: [Bool]
    }

    var defaultLanguage: String
    var headSize: Int
    var roles: [Role]
    var sections: [String]
    var types: [String]
    var languages: [Language]

    var bytes: [UInt8] {
        let q = SearchIndexFormat.quote
        let langs = languages.map { s -> String in
            let avg = zip(SearchIndexFormat.fields, s.averages)
                .map { q($0) + ":" + SearchIndexFormat.decimal($1) }.joined(separator: ",")
            var fields = [
                "\"lang\":" + q(s.lang), "\"path\":" + q(s.path), "\"docs\":\(s.documents)",
                "\"chunk\":\(s.chunk)", "\"avg\":{" + avg + "}",
                "\"shards\":[" + s.shardKeys.map(q).joined(separator: ",") + "]",
                "\"tails\":" + q(String(s.tails.map { $0 ? "1" : "0" })),
            ]
            let listed = s.shardKeys.filter(SearchIndexFormat.shardNameIsListed)
            if !listed.isEmpty {
                fields.append("\"names\":{" + listed.map { q($0) + ":" + q(SearchIndexFormat.shardName($0)) }
                    .joined(separator: ",") + "}")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        let weights = zip(SearchIndexFormat.fields, SearchIndexFormat.weights)
            .map { q($0) + ":" + SearchIndexFormat.decimal($1) }.joined(separator: ",")
        let text = "{" + [
            "\"format\":\(SearchIndexFormat.version)",
            "\"default\":" + q(defaultLanguage),
            "\"head\":\(headSize)",
            "\"scale\":" + SearchIndexFormat.decimal(SearchIndexFormat.impactScale),
            "\"weights\":{" + weights + "}",
            "\"roles\":[" + roles.map { "[" + q($0.id) + "," + q($0.title) + "]" }.joined(separator: ",") + "]",
            "\"sections\":[" + sections.map(q).joined(separator: ",") + "]",
            "\"types\":[" + types.map(q).joined(separator: ",") + "]",
            "\"languages\":[\n" + langs.joined(separator: ",\n") + "]",
        ].joined(separator: ",\n") + "}\n"
        return Array(text.utf8)
    }

    init(defaultLanguage: String, headSize: Int, roles: [Role], sections: [String], types: [String],
         languages: [Language]) {
        self.defaultLanguage = defaultLanguage
        self.headSize = headSize
        self.roles = roles
        self.sections = sections
        self.types = types
        self.languages = languages
    }

    /// `nil` unless `bytes` is a manifest of this format version.
    init?(parsing bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              (object["format"] as? NSNumber)?.intValue == SearchIndexFormat.version,
              let defaultLanguage = object["default"] as? String,
              let head = (object["head"] as? NSNumber)?.intValue,
              let roles = object["roles"] as? [[String]], roles.allSatisfy({ $0.count == 2 }),
              let sections = object["sections"] as? [String],
              let types = object["types"] as? [String],
              let languages = object["languages"] as? [[String: Any]]
        else { return nil }
        var parsed: [Language] = []
        for l in languages {
            guard let lang = l["lang"] as? String, let path = l["path"] as? String,
                  let docs = (l["docs"] as? NSNumber)?.intValue, let chunk = (l["chunk"] as? NSNumber)?.intValue,
                  let avg = l["avg"] as? [String: Any], let shards = l["shards"] as? [String],
                  let tails = l["tails"] as? String, tails.utf8.count == shards.count
            else { return nil }
            let averages = SearchIndexFormat.fields.map { (avg[$0] as? NSNumber)?.doubleValue ?? -1 }
            parsed.append(Language(lang: lang, path: path, documents: docs, chunk: chunk, averages: averages,
                                   shardKeys: shards, tails: tails.utf8.map { $0 == 0x31 }))
        }
        self.init(defaultLanguage: defaultLanguage, headSize: head,
                  roles: roles.map { Role(id: $0[0], title: $0[1]) }, sections: sections, types: types,
                  languages: parsed)
    }
}

/// `totals.json`: for each language, its exact token counts per field (title, headings, tags,
/// body) summed over its pages, and the bytes of its page records. `search.js` does not read it:
/// it lets `patch` tell whether an edit moves a quantized average or the chunk size.
struct SearchTotals: Equatable {
    struct Language: Equatable {
        var lang: String
        var lengths: [Int]
        var records: Int
    }

    var languages: [Language]

    var bytes: [UInt8] {
        let lines = languages.map { l in
            SearchIndexFormat.quote(l.lang) + ":[" + (l.lengths + [l.records]).map(String.init).joined(separator: ",") + "]"
        }
        return Array(("{" + lines.joined(separator: ",\n") + "}\n").utf8)
    }

    init(languages: [Language]) { self.languages = languages }

    init?(parsing bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: [NSNumber]] else { return nil }
        var languages: [Language] = []
        for lang in object.keys.sorted(by: SearchIndexFormat.utf16Less) {
            let numbers = object[lang]!.map(\.intValue)
            guard numbers.count == 5 else { return nil }
            languages.append(Language(lang: lang, lengths: Array(numbers.prefix(4)), records: numbers[4]))
        }
        self.init(languages: languages)
    }
}
