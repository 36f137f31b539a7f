/// Every template of a library flattened into one array of plain-data instructions, with dotted
/// names split and partials found when the library is built, not on every page.
///
/// Two render threads walk the same templates: when the walk copied tree nodes, each copy was a
/// retain and a release on an object both cores touch, and the cache line holding its count moved
/// between them every time. The walk here reads the instructions through unsafe buffers, so it
/// counts no references of its own; only the data it renders is retained.
final class TemplateProgram: Sendable {
    /// One instruction. A section's children are the instructions after it, up to `b`.
    struct Op: Sendable {
        enum Kind: UInt8, Sendable { case text, escaped, raw, section, inverted, partial }
        var kind: Kind
        /// text: first byte; variable and section: path; partial: entry (-1 when there is none).
        var a: Int32
        /// text: end byte; section: the instruction after its children; partial: indent start.
        var b: Int32 = 0
        /// partial: indent end.
        var c: Int32 = 0
    }

    let ops: [Op]
    /// Literal text and partial indentation, one after another.
    let bytes: [UInt8]
    /// Each distinct name once; paths refer to them by position.
    let names: [String]
    /// Path p is `pathNames[pathStarts[p]..<pathStarts[p + 1]]`; an empty path is `{{.}}`.
    let pathStarts: [Int32]
    let pathNames: [Int32]
    /// The instructions of each template, by entry number.
    let entries: [Range<Int>]
    let entryByName: [String: Int]

    init(_ templates: [String: Template]) {
        var builder = Builder()
        // Entry numbers first, so that a partial can name a template emitted after it.
        let names = templates.keys.sorted()
        for (n, name) in names.enumerated() { builder.entryByName[name] = n }
        var entries: [Range<Int>] = []
        for name in names {
            let start = builder.ops.count
            builder.emit(templates[name]!.nodes)
            entries.append(start..<builder.ops.count)
        }
        builder.pathStarts.append(Int32(builder.pathNames.count))
        ops = builder.ops
        bytes = builder.bytes
        self.names = builder.names
        pathStarts = builder.pathStarts
        pathNames = builder.pathNames
        self.entries = entries
        entryByName = builder.entryByName
    }

    private struct Builder {
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var names: [String] = []
        var nameIndex: [String: Int32] = [:]
        var pathStarts: [Int32] = []
        var pathNames: [Int32] = []
        var pathIndex: [[String]: Int32] = [:]
        var entryByName: [String: Int] = [:]

        mutating func emit(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    let (start, end) = append(text)
                    ops.append(Op(kind: .text, a: start, b: end))
                case .variable(let path, let escaped):
                    ops.append(Op(kind: escaped ? .escaped : .raw, a: intern(path)))
                case .section(let path, let inverted, let children):
                    let at = ops.count
                    ops.append(Op(kind: inverted ? .inverted : .section, a: intern(path)))
                    emit(children)
                    ops[at].b = Int32(ops.count)
                case .partial(let name, let indent):
                    let (start, end) = append(indent)
                    ops.append(Op(kind: .partial, a: Int32(entryByName[name] ?? -1), b: start, c: end))
                }
            }
        }

        mutating func append(_ text: [UInt8]) -> (Int32, Int32) {
            let start = Int32(bytes.count)
            bytes.append(contentsOf: text)
            return (start, Int32(bytes.count))
        }

        mutating func intern(_ path: [String]) -> Int32 {
            if let known = pathIndex[path] { return known }
            let index = Int32(pathStarts.count)
            pathStarts.append(Int32(pathNames.count))
            for name in path {
                if let known = nameIndex[name] {
                    pathNames.append(known)
                } else {
                    nameIndex[name] = Int32(names.count)
                    pathNames.append(Int32(names.count))
                    names.append(name)
                }
            }
            pathIndex[path] = index
            return index
        }
    }

    /// Renders template `entry` against `data`.
    func render(_ data: TemplateValue, entry: Int, into out: inout [UInt8]) {
        ops.withUnsafeBufferPointer { ops in
            bytes.withUnsafeBufferPointer { bytes in
                names.withUnsafeBufferPointer { names in
                    pathStarts.withUnsafeBufferPointer { pathStarts in
                        pathNames.withUnsafeBufferPointer { pathNames in
                            entries.withUnsafeBufferPointer { entries in
                                var walk = Walk(ops: ops, bytes: bytes, names: names, pathStarts: pathStarts,
                                                pathNames: pathNames, entries: entries)
                                walk.stack.append(data)
                                var lineStart = true
                                walk.run(entries[entry], into: &out, indent: [], lineStart: &lineStart, depth: 0)
                            }
                        }
                    }
                }
            }
        }
    }
}
