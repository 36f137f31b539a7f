import Foundation
import Testing
#if canImport(DocGenKit)
@testable import DocGenKit
#else
@testable import Search
#endif

/// Random small sites: several languages, CJK, words common enough to overflow a small head,
/// empty pages, roles, tags and sections.
private struct CorpusMaker {
    var rng: SplitMix
    var fresh = 0

    static let latin = ["report", "bug", "translate", "interface", "message", "review", "deploy", "token", "install",
                        "configure", "the", "a", "of", "cache", "replica", "dashboard", "patch", "release", "tool",
                        "wiki", "page", "search", "index", "query", "shard", "posting", "getPage()", "cmark_parser_new",
                        "HTMLParser", "v1.2", "2024", "Überblick", "café", "naïve", "über", "straße", "co-op"]
    static let cyrillic = ["привет", "мир", "поиск", "страница", "ёлка"]
    static let cjk = ["报告错误", "翻译", "搜索", "页面", "検索です", "インデックス", "的", "密钥", "API密钥"]
    static let languages = ["en", "de", "zh", "ja", "ru"]

    mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func newWord() -> String {
        fresh += 1
        return "zq" + String(fresh, radix: 36) + pick(["", "x", "ation", "ing"])
    }

    mutating func word(_ lang: String) -> String {
        switch lang {
        case "zh", "ja": return chance(0.7) ? pick(Self.cjk) : pick(Self.latin)
        case "ru": return chance(0.6) ? pick(Self.cyrillic) : pick(Self.latin)
        default: return chance(0.05) ? newWord() : pick(Self.latin)
        }
    }

    mutating func sentence(_ lang: String) -> String {
        (0..<Int.random(in: 1...9, using: &rng)).map { _ in word(lang) }.joined(separator: " ") + "."
    }

    mutating func text(_ lang: String) -> String {
        chance(0.1) ? "" : (0..<Int.random(in: 1...6, using: &rng)).map { _ in sentence(lang) }.joined(separator: " ")
    }

    mutating func corpus() -> [SearchDocument] {
        let languages = chance(0.5) ? ["en"] : Array(Self.languages.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
        return (0..<Int.random(in: 1...40, using: &rng)).map { i in
            let lang = pick(languages)
            let blocks = (0..<Int.random(in: 0...4, using: &rng)).map { k in
                k == 0 ? SearchBlock(anchor: "", heading: "", text: text(lang))
                    : SearchBlock(anchor: "h\(k)", heading: sentence(lang), text: text(lang))
            }
            return SearchDocument(url: "p\(i)/", title: sentence(lang), section: pick(["", "Guides", "API"]),
                                  type: pick(["page", "task"]), roles: chance(0.3) ? [pick(["translator", "new-developer"])] : [],
                                  tags: chance(0.3) ? [word(lang)] : [], lang: lang, blocks: blocks)
        }
    }

    /// A random edit of the page's text: what an author does between two builds.
    mutating func edit(_ doc: SearchDocument) -> (SearchDocument, String) {
        var d = doc
        let lang = d.lang
        if d.blocks.isEmpty { d.blocks = [SearchBlock(anchor: "", heading: "", text: "")] }
        let b = Int.random(in: 0..<d.blocks.count, using: &rng)
        var sentences = d.blocks[b].text.split(separator: ".", omittingEmptySubsequences: true).map { String($0) + "." }
        let kind = Int.random(in: 0..<8, using: &rng)
        switch kind {
        case 0: sentences.insert(sentence(lang), at: Int.random(in: 0...sentences.count, using: &rng))
        case 1: if !sentences.isEmpty { sentences.remove(at: Int.random(in: 0..<sentences.count, using: &rng)) }
        case 2:
            if sentences.isEmpty { sentences = [sentence(lang)] } else {
                sentences[Int.random(in: 0..<sentences.count, using: &rng)] = sentence(lang)
            }
        case 3: sentences.append(newWord() + ".")
        case 4:
            // The page's last occurrence of one of its words goes.
            let words = d.blocks.flatMap { $0.text.split(separator: " ") }.map { $0.trimmingCharacters(in: .punctuationCharacters) }
            if let w = words.filter({ !$0.isEmpty }).randomElement(using: &rng) {
                for k in d.blocks.indices {
                    d.blocks[k].text = d.blocks[k].text.split(separator: " ")
                        .filter { $0.trimmingCharacters(in: .punctuationCharacters) != w }.joined(separator: " ")
                }
                return (d, "remove every '\(w)'")
            }
        case 5: sentences = []
        case 6: d.blocks[b].heading = b == 0 ? "" : sentence(lang)
        default:
            if chance(0.5) || d.blocks.count == 1 {
                d.blocks.append(SearchBlock(anchor: "new", heading: sentence(lang), text: text(lang)))
            } else {
                d.blocks.remove(at: d.blocks.count - 1)
            }
            return (d, "add or remove a block")
        }
        d.blocks[b].text = sentences.joined(separator: " ")
        return (d, ["add a sentence", "remove a sentence", "replace a sentence", "add a new word", "",
                    "empty a block", "change a heading"][kind])
    }
}

/// The files of an index by path.
private func files(_ index: SearchIndex) -> [String: [UInt8]] {
    Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.bytes) })
}

@Suite struct SearchPatchTests {
    let roleTitles = ["translator": "Translator", "new-developer": "New developer"]

    /// Builds random sites, edits one page at a time, and checks that each patch leaves exactly the
    /// files a full build of the edited site writes, rewriting only files whose bytes change.
    @Test func patchedIndexEqualsRebuiltIndexAfterRandomEdits() throws {
        var maker = CorpusMaker(rng: SplitMix(state: 2024))
        var edits = 0, nils = 0, written = 0, removals = 0, manifests = 0, slowest = 0.0
        for corpus in 0..<150 {
            var builder = SearchIndexBuilder(roleTitles: roleTitles, defaultLanguage: "en")
            builder.headSize = maker.pick([2, 3, 8, 128])
            builder.shardTargetBytes = maker.pick([40, 120, 400, 16_000])
            builder.chunkTargetBytes = maker.pick([300, 8_000])
            var docs = maker.corpus()
            var index = builder.index(docs, footprints: true)
            var current = files(index)
            var prints = index.footprints
            for step in 0..<8 {
                let i = Int.random(in: 0..<docs.count, using: &maker.rng)
                let (edited, what) = maker.edit(docs[i])
                docs[i] = edited
                let expected = builder.index(docs, footprints: true)
                let want = files(expected)
                let snapshot = current
                let start = DispatchTime.now().uptimeNanoseconds
                let patch = builder.patch(replacing: try #require(prints[edited.url]), with: edited) { snapshot[$0] }
                slowest = max(slowest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                edits += 1
                guard let patch else {
                    // Only a moved average or chunk size is a reason not to patch a text edit.
                    let old = try #require(SearchManifest(parsing: snapshot["manifest.json"] ?? []))
                    let new = try #require(SearchManifest(parsing: want["manifest.json"] ?? []))
                    #expect(zip(old.languages, new.languages).contains { $0.averages != $1.averages || $0.chunk != $1.chunk },
                            "corpus \(corpus) step \(step) (\(what)): not patched")
                    nils += 1
                    index = expected
                    current = want
                    prints = expected.footprints
                    continue
                }
                for file in patch.files {
                    #expect(current[file.path] != file.bytes, "corpus \(corpus) step \(step) (\(what)): \(file.path) rewritten unchanged")
                    current[file.path] = file.bytes
                }
                for path in patch.removed {
                    #expect(current[path] != nil && want[path] == nil, "corpus \(corpus) step \(step): removed \(path)")
                    current[path] = nil
                }
                written += patch.files.count
                removals += patch.removed.isEmpty ? 0 : 1
                manifests += patch.files.contains { $0.path == "manifest.json" } ? 1 : 0
                let wrong = Set(want.keys).union(current.keys).filter { want[$0] != current[$0] }.sorted()
                #expect(wrong.isEmpty, "corpus \(corpus) step \(step) (\(what)): \(wrong)")
                #expect(patch.footprint == expected.footprints[edited.url], "corpus \(corpus) step \(step) (\(what)): footprint")
                if !wrong.isEmpty { return }
                prints[edited.url] = patch.footprint
            }
        }
        let share = Double(nils) / Double(edits)
        print("search patch: \(edits) edits, \(nils) not patchable (\(Int((share * 100).rounded()))%: "
              + "an average length or the chunk size of a 1–40 page site moved), "
              + "\(String(format: "%.1f", Double(written) / Double(edits - nils))) files written per patch, "
              + "\(manifests) with new shard keys, \(removals) removing files, slowest \(String(format: "%.1f", slowest)) ms")
        // Tiny sites move their averages often; most edits must still patch.
        #expect(share < 0.35)
    }

    /// A 300-page site: averages and the chunk size no longer move on an edit, so every edit patches.
    @Test func editsOfALargerSiteAllPatch() throws {
        var maker = CorpusMaker(rng: SplitMix(state: 7))
        var docs: [SearchDocument] = []
        while docs.count < 300 { docs += maker.corpus().filter { $0.lang == "en" } }
        docs = Array(docs.prefix(300)).enumerated().map { i, d in
            var d = d
            d.url = "page\(i)/"
            return d
        }
        var builder = SearchIndexBuilder(roleTitles: roleTitles, defaultLanguage: "en")
        builder.shardTargetBytes = 2_000
        let index = builder.index(docs, footprints: true)
        let before = files(index)
        var patched = 0
        for _ in 0..<30 {
            var edited = docs
            let i = Int.random(in: 0..<docs.count, using: &maker.rng)
            edited[i] = maker.edit(docs[i]).0
            guard let patch = builder.patch(replacing: try #require(index.footprints[edited[i].url]), with: edited[i],
                                            read: { before[$0] }) else { continue }
            var after = before
            for file in patch.files { after[file.path] = file.bytes }
            for path in patch.removed { after[path] = nil }
            #expect(after == files(builder.index(edited)))
            patched += 1
        }
        #expect(patched == 30)
    }

    /// What `patch` does not handle gives `nil`, and the caller rebuilds.
    @Test func patchDeclinesWhatItCannotPatch() throws {
        let builder = SearchIndexBuilder(roleTitles: roleTitles, defaultLanguage: "en")
        let page = SearchDocument(url: "a/", title: "Alpha", section: "Guides", type: "page", roles: ["translator"], tags: [],
                                  lang: "en", blocks: [SearchBlock(anchor: "", heading: "", text: "Report a bug here.")])
        var other = page
        other.url = "b/"
        other.section = ""
        other.roles = []
        let index = builder.index([page, other], footprints: true)
        let current = files(index)
        let footprint = try #require(index.footprints["a/"])
        var edited = page
        edited.blocks[0].text = "Report a bug today."
        #expect(builder.patch(replacing: footprint, with: edited, read: { current[$0] }) != nil)

        var moved = edited
        moved.section = ""
        #expect(builder.patch(replacing: footprint, with: moved, read: { current[$0] }) == nil, "section")
        var roles = edited
        roles.roles = []
        #expect(builder.patch(replacing: footprint, with: roles, read: { current[$0] }) == nil, "roles")
        var lang = edited
        lang.lang = "de"
        #expect(builder.patch(replacing: footprint, with: lang, read: { current[$0] }) == nil, "language")
        var renamed = edited
        renamed.url = "c/"
        #expect(builder.patch(replacing: footprint, with: renamed, read: { current[$0] }) == nil, "URL")
        #expect(builder.patch(replacing: Array(footprint.dropLast()), with: edited, read: { current[$0] }) == nil, "footprint")
        #expect(builder.patch(replacing: try #require(index.footprints["b/"]), with: edited, read: { current[$0] }) == nil,
                "another page's footprint")
        var settings = builder
        settings.headSize = 64
        #expect(settings.patch(replacing: footprint, with: edited, read: { current[$0] }) == nil, "other settings")
        #expect(builder.patch(replacing: footprint, with: edited, read: { $0 == "totals.json" ? nil : current[$0] }) == nil,
                "a missing file")
    }
}
