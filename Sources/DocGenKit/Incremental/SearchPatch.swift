extension SearchIndexBuilder {
    /// The search index's patch as the fast rebuild uses it: files to write (bytes) and to
    /// delete (nil), paths relative to `search/`, and the page's new footprint.
    func incrementalPatch(replacing footprint: [UInt8], with document: SearchDocument,
                          read: @escaping (String) -> [UInt8]?) -> (files: [(path: String, bytes: [UInt8]?)], footprint: [UInt8])? {
        guard let patch = patch(replacing: footprint, with: document, read: read) else { return nil }
        return (patch.files.map { ($0.path, $0.bytes) } + patch.removed.map { ($0, nil) }, patch.footprint)
    }
}
