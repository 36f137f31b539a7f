extension SearchIndexBuilder {
    /// Adapts the search index's patch to the fast rebuild. (Until the index can be patched, this
    /// declines, and every rebuild is a full one.)
    func incrementalPatch(replacing footprint: [UInt8], with document: SearchDocument,
                          read: (String) -> [UInt8]?) -> (files: [(path: String, bytes: [UInt8])], footprint: [UInt8])? {
        nil
    }
}
