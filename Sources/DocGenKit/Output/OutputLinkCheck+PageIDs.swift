extension OutputLinkCheck {
    /// The ids of every checked file, by its number in a table of every file written, for the
    /// links into another page that `finish` checks.
    struct PageIDs: Sendable {
        let table: OutputFileTable
        private let byNumber: [Set<String>?]
        /// Only when some checked file is not byte for byte a file of the table (a build never
        /// makes one): then ids are looked up by name, as a `[String: Set<String>]` matches.
        private let byName: [String: Set<String>]?
        private let files: Set<String>

        init(_ pages: [Page], files: Set<String>) {
            table = OutputFileTable(files)
            self.files = files
            var byNumber = [Set<String>?](repeating: nil, count: table.count)
            var exact = true
            for p in pages {
                // Of two pages with one file, the last counts, as it would in a dictionary.
                if let k = table.index(of: p.file) { byNumber[k] = p.ids } else { exact = false }
            }
            self.byNumber = byNumber
            if exact {
                byName = nil
            } else {
                var byName: [String: Set<String>] = [:]
                for p in pages { byName[p.file] = p.ids }
                self.byName = byName
            }
        }

        /// The ids of the table's file `k`, when it is a checked file.
        func ids(ofFile k: Int) -> Set<String>? {
            if let byName { return byName[table.path(k)] }
            return byNumber[k]
        }

        /// The ids of the file `target` (one of `files`), when it is a checked file.
        func ids(of target: String) -> Set<String>? {
            if let byName { return byName[target] }
            if let k = table.index(of: target) { return byNumber[k] }
            // Another normalization of a file's name: `files` knows which file it is.
            return files.firstIndex(of: target).flatMap { table.index(of: files[$0]) }.flatMap { byNumber[$0] }
        }
    }
}
