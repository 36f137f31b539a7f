/// The files one page edit changes in `output/search/`, paths relative to that folder.
public struct SearchIndexPatch: Sendable {
    /// Files to write: changed or new, sorted by path.
    public var files: [SearchIndex.File]
    /// Files to delete (a shard merged into its neighbour or renamed), sorted.
    public var removed: [String]
    /// The page's footprint in the patched index: keep it in place of the old one.
    public var footprint: [UInt8]
}

extension SearchIndexBuilder {
    /// Updates the index after a page's text changed, without rebuilding it.
    ///
    /// `footprint` is the page's footprint from `index(_:footprints:)` or from the previous patch;
    /// `page` is its new version (same URL; same language, section, type and roles); `read` returns
    /// the current bytes of a file of the index (path relative to `search/`), `nil` if it has none.
    /// Writing `files` and deleting `removed` then leaves exactly the bytes `build` gives for the
    /// new list of pages. The builder must have the settings of the build that wrote the index.
    ///
    /// `nil` when the edit cannot be patched locally, and the caller rebuilds the index: the edit
    /// moves a quantized average length or the chunk size (rare on a large site, less so on a
    /// tiny one), changes the page's language, section, type or roles, or the index files are not
    /// what this builder writes.
    public func patch(replacing footprint: [UInt8], with page: SearchDocument,
                      read: (String) -> [UInt8]?) -> SearchIndexPatch? {
        withoutActuallyEscaping(read) { read in patch(footprint, page, read) }
    }

    private func patch(_ footprint: [UInt8], _ page: SearchDocument, _ read: @escaping (String) -> [UInt8]?) -> SearchIndexPatch? {
        guard let before = SearchFootprint(bytes: footprint), before.lang == language(page),
              let manifestBytes = read("manifest.json"), var manifest = SearchManifest(parsing: manifestBytes),
              manifest.defaultLanguage == defaultLanguage, manifest.headSize == headSize,
              manifest.roles.allSatisfy({ $0.title == roleTitles[$0.id] ?? $0.id }),
              roleTitles.keys.allSatisfy({ id in manifest.roles.contains { $0.id == id } }),
              let l = manifest.languages.firstIndex(where: { $0.lang == before.lang }),
              let totalsBytes = read("totals.json"), var totals = SearchTotals(parsing: totalsBytes),
              totals.bytes == totalsBytes, let t = totals.languages.firstIndex(where: { $0.lang == before.lang })
        else { return nil }
        // The manifest must be exactly what this builder writes for the stored totals.
        var language = manifest.languages[l]
        let documents = language.documents
        language.averages = SearchIndexFormat.averages(totals.languages[t].lengths, documents: documents)
        manifest.languages[l] = language
        guard manifest.bytes == manifestBytes, before.doc < documents else { return nil }

        // Quantities over every page must not move.
        let analysis = SearchAnalyzer(tokenizer: SearchTokenizer(language: before.lang), roleTitles: roleTitles).analyze(page)
        let lengths = (0..<4).map { Int(analysis.lengths[$0]) }
        var sums = totals.languages[t].lengths
        for f in 0..<4 { sums[f] += lengths[f] - before.lengths[f] }
        let tables = SearchTables(manifest)
        let record = self.record(page, tables: tables)
        let recordBytes = totals.languages[t].records + record.count - before.recordBytes
        guard sums.allSatisfy({ $0 >= 0 }), SearchIndexFormat.averages(sums, documents: documents) == language.averages,
              SearchIndexFormat.chunkSize(documents: documents, recordBytes: recordBytes, target: chunkTargetBytes) == language.chunk,
              tables.sectionIndex[page.section] != nil, tables.typeIndex[page.type] != nil,
              page.roles.allSatisfy({ tables.roleIndex[$0] != nil })
        else { return nil }

        // The page's record, in its chunk.
        let chunkPath = language.path + "d/\(before.doc / language.chunk).json"
        guard let chunkBytes = read(chunkPath), var records = SearchIndexFormat.lines(chunkBytes, open: 0x5B, close: 0x5D),
              before.doc % language.chunk < records.count,
              Self.sameFrame(records[before.doc % language.chunk], record[...]) else { return nil }
        records[before.doc % language.chunk] = record[...]

        // The page's postings, and what changed in the index.
        let doc = Int32(before.doc)
        let norms = Self.norms(lengths: analysis.lengths, averages: language.averages)
        let postings = analysis.terms.map { t in
            (term: t.term, posting: SearchPosting(doc: doc, impact: Self.impact(tf: t.tf, norms: norms), block: UInt16(t.block)))
        }.sorted { SearchIndexFormat.utf16Less($0.term, $1.term) }
        var after = SearchFootprint(lang: before.lang, doc: before.doc, lengths: lengths, recordBytes: record.count, hashes: [])
        let termHashes = postings.map { SearchIndexFormat.termHash($0.term) }
        for (p, h) in zip(postings, termHashes) { after.add(termHash: h, p.posting) }
        var editor = SearchShardEditor(path: language.path, keys: language.shardKeys, tails: language.tails,
                                       headSize: headSize, target: shardTargetBytes, read: read)
        var matching = SearchPatchMatching(before: before, postings: postings, termHashes: termHashes, after: after.hashes)
        guard let changes = matching.changes(in: &editor) else { return nil }
        for change in changes {
            guard editor.replace(change.term, doc: doc, with: change.new, builder: self) else { return nil }
        }
        guard let edited = editor.files() else { return nil }
        var files = edited.written

        language.shardKeys = editor.keys
        language.tails = editor.tails
        manifest.languages[l] = language
        totals.languages[t].lengths = sums
        totals.languages[t].records = recordBytes
        let chunk = SearchIndexFormat.file(records, open: 0x5B, close: 0x5D)
        for (path, old, new) in [("manifest.json", manifestBytes, manifest.bytes), ("totals.json", totalsBytes, totals.bytes),
                                 (chunkPath, chunkBytes, chunk)] where old != new {
            files.append(.init(path: path, bytes: new))
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return SearchIndexPatch(files: files, removed: edited.removed.sorted(), footprint: after.bytes)
    }

    /// Whether two records are of the same page with the same section, type and roles: the same
    /// URL, and the same bytes between the title and the blocks.
    static func sameFrame(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        func frame(_ r: ArraySlice<UInt8>) -> (url: ArraySlice<UInt8>, middle: ArraySlice<UInt8>)? {
            guard r.first == 0x5B, let (_, urlEnd) = SearchIndexFormat.leadingString(r.dropFirst()),
                  urlEnd < r.endIndex, r[urlEnd] == 0x2C,
                  let (_, titleEnd) = SearchIndexFormat.leadingString(r[(urlEnd + 1)...]) else { return nil }
            // `,section,type,[roles],` then the blocks
            var i = titleEnd
            func skip(_ byte: UInt8) -> Bool {
                guard i < r.endIndex, r[i] == byte else { return false }
                i += 1
                return true
            }
            guard skip(0x2C) else { return nil }
            while i < r.endIndex, r[i] >= 0x30, r[i] <= 0x39 { i += 1 }
            guard skip(0x2C) else { return nil }
            while i < r.endIndex, r[i] >= 0x30, r[i] <= 0x39 { i += 1 }
            guard skip(0x2C), skip(0x5B) else { return nil }
            while i < r.endIndex, r[i] != 0x5D { i += 1 }
            guard skip(0x5D), skip(0x2C) else { return nil }
            return (r[r.startIndex..<urlEnd], r[titleEnd..<i])
        }
        guard let x = frame(a), let y = frame(b) else { return false }
        return x.url.elementsEqual(y.url) && x.middle.elementsEqual(y.middle)
    }
}
