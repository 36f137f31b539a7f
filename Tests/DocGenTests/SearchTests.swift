import Foundation
import Testing
#if canImport(DocGenKit)
@testable import DocGenKit
#else
@testable import Search
#endif

/// `Tests/Fixtures/search-tokens.json`: the tokenizer cases `search.js` is checked against too.
private struct TokenCase: Decodable {
    var text: String
    var lang: String
    var keepStopWords: Bool?
    var tokens: [String]
}

private func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

private func doc(_ url: String, _ title: String, lang: String = "en", roles: [String] = [],
                 tags: [String] = [], type: String = "page", section: String = "",
                 _ blocks: [(String, String, String)]) -> SearchDocument {
    SearchDocument(url: url, title: title, section: section, type: type, roles: roles, tags: tags, lang: lang,
                   blocks: blocks.map { SearchBlock(anchor: $0.0, heading: $0.1, text: $0.2) })
}

private func text(_ files: [(path: String, bytes: [UInt8])], _ path: String) -> String? {
    files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
}

@Suite struct SearchTokenizerTests {
    @Test func tokenizerMatchesSharedVectors() throws {
        let data = try Data(contentsOf: fixtureURL("search-tokens.json"))
        let cases = try JSONDecoder().decode([TokenCase].self, from: data)
        #expect(cases.count > 20)
        for c in cases {
            let got = SearchTokenizer(language: c.lang).tokens(c.text, keepStopWords: c.keepStopWords ?? false)
            #expect(got == c.tokens, "\(c.lang): \(c.text)")
        }
    }

    @Test func diacriticsFoldSoUberblickFindsUberblick() {
        let en = SearchTokenizer(language: "en")
        #expect(en.tokens("Überblick") == en.tokens("uberblick"))
        #expect(en.tokens("Ångström café") == ["angstrom", "cafe"])
    }

    @Test func codeIdentifiersSplitIntoPartsAndWhole() {
        let en = SearchTokenizer(language: "en")
        #expect(en.tokens("cmark_parser_new") == ["cmark", "parser", "new", "cmarkparsernew"])
        #expect(en.tokens("getPage()") == ["get", "page", "getpage"])
        #expect(en.tokens("--base-url") == ["base", "url", "baseurl"])
    }

    @Test func chineseAndJapaneseBecomeOverlappingBigrams() {
        #expect(SearchTokenizer(language: "zh").tokens("报告错误") == ["报告", "告错", "错误"])
        #expect(SearchTokenizer(language: "zh").tokens("的 API密钥") == ["的", "api", "密钥"])
        #expect(SearchTokenizer(language: "ja").tokens("検索です") == ["検索", "索で", "です"])
    }

    @Test func otherScriptsAreWords() {
        #expect(SearchTokenizer(language: "ru").tokens("Привет, мир") == ["привет", "мир"])
        #expect(SearchTokenizer(language: "ar").tokens("مَرْحَبًا") == ["مرحبا"])
        #expect(SearchTokenizer(language: "hi").tokens("हिन्दी भाषा") == ["हिन्दी", "भाषा"])
    }

    @Test func stopWordsOnlyForEnglish() {
        #expect(SearchTokenizer(language: "en").tokens("the tools of it") == ["tools"])
        #expect(SearchTokenizer(language: "en-GB").tokens("the tools") == ["tools"])
        #expect(SearchTokenizer(language: "de").tokens("the tools") == ["the", "tools"])
        #expect(SearchTokenizer(language: "en").tokens("to", keepStopWords: true) == ["to"])
    }
}

@Suite struct SearchIndexTests {
    let builder = SearchIndexBuilder(roleTitles: ["translator": "Translator", "new-developer": "New developer"],
                                     defaultLanguage: "en")

    var sample: [SearchDocument] {
        [
            doc("guides/report-a-bug/", "Report a bug", roles: ["new-developer"], tags: ["bugs"], section: "Guides",
                [("", "", "Found something broken? Tell us."), ("where", "Where to report", "Use the tracker."),
                 ("template", "Bug template", "Steps to reproduce, expected and actual behaviour.")]),
            doc("guides/translate/", "Translate the interface", roles: ["translator"], section: "Guides",
                [("", "", "Translations happen on the translation platform."),
                 ("report", "Report a problem", "Report a bug in a message.")]),
            doc("", "Home", [("", "", "Welcome to the hub.")]),
        ]
    }

    @Test func numberEncodingRoundTrips() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 65_535, 1_000_000]
        let text = SearchIndexFormat.encode(numbers)
        #expect(SearchIndexFormat.decode(text) == numbers)
        #expect(SearchIndexFormat.encode([0, 31, 32]) == "W_1W")
    }

    @Test func sameDocumentsInAnyOrderGiveTheSameBytes() {
        let a = builder.build(sample)
        let b = builder.build(sample.reversed())
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }

    @Test func singleLanguageLayoutAndManifest() throws {
        let files = builder.build(sample)
        #expect(files.map(\.path) == ["d/0.json", "manifest.json", "roles.json", "t/_.json", "totals.json"])
        // Averages are quantized (title 5/3 → 2^(3/4) = 1.68), the chunk a power of two.
        #expect(text(files, "manifest.json") == """
            {"format":2,
            "default":"en",
            "head":128,
            "scale":8,
            "weights":{"title":5,"headings":3,"tags":2,"body":1},
            "roles":[["new-developer","New developer"],["translator","Translator"]],
            "sections":["","Guides"],
            "types":["page"],
            "languages":[
            {"lang":"en","path":"","docs":3,"chunk":64,"avg":{"title":1.68,"headings":2,"tags":3.36,"body":6.73},"shards":[""],"tails":"0"}]}

            """)
        #expect(text(files, "totals.json") == "{\"en\":[5,6,11,21,442]}\n")
        #expect(text(files, "d/0.json") == """
            [["","Home",0,0,[],[[0,"","Welcome to the hub."]]],
            ["guides/report-a-bug/","Report a bug",1,0,[0],[[0,"","Found something broken? Tell us."],["where","Where to report","Use the tracker."],["template","Bug template","Steps to reproduce, expected and actual behaviour."]]],
            ["guides/translate/","Translate the interface",1,0,[1],[[0,"","Translations happen on the translation platform."],["report","Report a problem","Report a bug in a message."]]]]
            """)
        #expect(text(files, "roles.json") == "{\"new-developer\":\"X\",\n\"translator\":\"Y\"}")
    }

    @Test func severalLanguagesGetOneIndexEach() {
        var docs = sample
        docs.append(doc("zh/", "中文首页", lang: "zh", [("", "", "如何报告错误")]))
        let files = builder.build(docs)
        #expect(files.map(\.path) == ["en/d/0.json", "en/roles.json", "en/t/_.json", "manifest.json", "totals.json",
                                      "zh/d/0.json", "zh/roles.json", "zh/t/_.json"])
        #expect(text(files, "zh/t/_.json")?.contains("\"报告\":[1,") == true)
        #expect(text(files, "en/t/_.json")?.contains("报告") == false)
    }

    @Test func postingsLinkTheBestBlockAndTitleBeatsBody() throws {
        let index = builder.index(sample)
        let en = try #require(index.languages.first)
        // doc ids follow URL order: "" (0), report-a-bug (1), translate (2)
        let bug = try #require(en.postings["bug"])
        #expect(bug.map(\.doc) == [1, 2])
        #expect(bug[0].block == 0)        // in the title: link the page
        #expect(bug[1].block == 1)        // under "Report a problem"
        #expect(bug[0].impact > bug[1].impact)
        #expect(en.postings["template"]?.first?.block == 2)
        #expect(en.postings["translator"]?.map(\.doc) == [2])   // role titles are searchable
        #expect(en.postings["the"] == nil)                    // English stop word
    }

    @Test func fieldWeightsOrderTitleHeadingsTagsBody() {
        let lengths = SIMD4<Int32>(4, 4, 4, 4)
        let avg = [4.0, 4, 4, 4]
        let impacts = (0..<4).map { f -> UInt16 in
            var tf = SIMD4<Int32>.zero
            tf[f] = 1
            return SearchIndexBuilder.impact(tf: tf, lengths: lengths, avg: avg)
        }
        #expect(impacts == [40, 24, 16, 8])   // weight × (k1 + 1) / (1 + k1) × 8
        #expect(SearchIndexBuilder.impact(tf: [0, 0, 0, 4], lengths: lengths, avg: avg)
                > SearchIndexBuilder.impact(tf: [0, 0, 0, 1], lengths: lengths, avg: avg))
    }

    @Test func longPostingListsSplitIntoHeadAndTail() throws {
        var small = builder
        small.headSize = 2
        let docs = (0..<5).map { i in doc("p\(i)/", "Page \(i)", [("", "", String(repeating: "common ", count: i + 1))]) }
        let files = small.build(docs)
        let head = try #require(text(files, "t/_.json"))
        let tail = try #require(text(files, "x/_.json"))
        #expect(head.contains("\"common\":[5,"))
        // the two pages that say "common" most are in the head, the other three in the tail
        let index = small.index(docs)
        #expect(index.languages[0].shardsWithTail == [true])
        #expect(tail.hasPrefix("{\"common\":"))
    }

    @Test func shardsSplitBySizeWithShortKeys() {
        var tiny = builder
        tiny.shardTargetBytes = 60
        let words = ["alpha", "alphabet", "beta", "betamax", "gamma", "delta"]
        let docs = words.map { w in doc("\(w)/", w, [("", "", w)]) }
        let stats = tiny.index(docs).languages[0]
        #expect(stats.shardKeys.first == "")
        #expect(stats.shardKeys.count > 1)
        #expect(stats.shardKeys == stats.shardKeys.sorted(by: SearchIndexFormat.utf16Less))
        #expect(SearchIndexFormat.boundaryKey(after: "alphabet", upTo: "beta") == "b")
        #expect(SearchIndexFormat.boundaryKey(after: "beta", upTo: "betamax") == "betam")
    }

    @Test func shardFilesAreNamedByTheirKeys() {
        #expect(SearchIndexFormat.shardName("") == "_")
        #expect(SearchIndexFormat.shardName("docu") == "_docu")
        #expect(SearchIndexFormat.shardName("报告") == "ue68aa5e5918a")
        #expect(SearchIndexFormat.shardName("überblick") == "uc3bc626572626c69636b")
        let long = String(repeating: "ж", count: 31)
        #expect(SearchIndexFormat.shardName(long).hasPrefix("h"))
        #expect(SearchIndexFormat.shardNameIsListed(long))
    }

    @Test func lengthsAndAveragesAreQuantizedToQuarterOctaves() {
        #expect(SearchIndexFormat.quantized(0) == 0)
        #expect(SearchIndexFormat.quantized(1) == 1)
        #expect(SearchIndexFormat.quantized(4) == 4)
        #expect(SearchIndexFormat.decimal(SearchIndexFormat.quantized(692.01)) == "724.08")   // 2^9.5
        #expect(SearchIndexFormat.quantized(700) == SearchIndexFormat.quantized(760))
        #expect(SearchIndexFormat.chunkSize(documents: 10_000, recordBytes: 8_900_000, target: 8_000) == 8)
        #expect(SearchIndexFormat.chunkSize(documents: 3, recordBytes: 450, target: 8_000) == 64)
    }

    /// Cuts depend on the terms around them, not on a running count from the first term: replacing
    /// one page's only use of a term by a new term rewrites the two shards concerned (and at most
    /// their neighbours), and renames no other shard.
    @Test func aNewTermLeavesDistantShardsAlone() {
        var small = builder
        small.shardTargetBytes = 200
        let words = (0..<400).map { "w" + String($0 * 7919 % 100_003, radix: 36) }
        let docs = stride(from: 0, to: words.count, by: 4).map { k in
            doc("p\(k)/", "Page", [("", "", words[k..<(k + 4)].joined(separator: " "))])
        }
        let before = Dictionary(uniqueKeysWithValues: small.build(docs).map { ($0.path, $0.bytes) })
        var edited = docs
        edited[0].blocks[0].text = edited[0].blocks[0].text.replacingOccurrences(of: words[0], with: "w5ilzz")
        let after = Dictionary(uniqueKeysWithValues: small.build(edited).map { ($0.path, $0.bytes) })
        let shards = Set(before.keys.filter { $0.hasPrefix("t/") })
        let changed = shards.union(after.keys.filter { $0.hasPrefix("t/") }).filter { after[$0] != before[$0] }
        #expect(shards.count > 20)
        #expect(changed.count <= 4, "\(changed.sorted())")
    }

    @Test func excerptsCollapseSpaceAndCutAtWords() {
        #expect(SearchIndexFormat.excerpt("a  b\n c", limit: 80) == "a b c")
        #expect(SearchIndexFormat.excerpt("one two three four", limit: 10) == "one two…")
    }
}
