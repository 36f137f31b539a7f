extension TemplateProgram {
    /// One render: the program's buffers (borrowed for the render's length) and the context stack.
    struct Walk {
        let ops: UnsafeBufferPointer<Op>
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<String>
        let pathStarts: UnsafeBufferPointer<Int32>
        let pathNames: UnsafeBufferPointer<Int32>
        let entries: UnsafeBufferPointer<Range<Int>>
        /// The contexts, innermost last.
        var stack: [TemplateValue] = []

        /// `indent` is the indentation of the standalone partials being rendered: it goes before
        /// each line of their template text (not inside interpolated values).
        mutating func run(_ range: Range<Int>, into out: inout [UInt8], indent: [UInt8], lineStart: inout Bool, depth: Int) {
            var i = range.lowerBound
            while i < range.upperBound {
                let op = ops[i]
                i += 1
                switch op.kind {
                case .text:
                    let text = UnsafeBufferPointer(rebasing: bytes[Int(op.a)..<Int(op.b)])
                    if indent.isEmpty {
                        out.append(contentsOf: text)
                        lineStart = text.last == 10
                    } else {
                        for b in text {
                            if lineStart { out.append(contentsOf: indent) }
                            out.append(b)
                            lineStart = b == 10
                        }
                    }
                case .escaped, .raw:
                    let value = lookup(Int(op.a))
                    let before = out.count
                    if lineStart, !indent.isEmpty { out.append(contentsOf: indent) }
                    let start = out.count
                    switch value {
                    case .string(let s): op.kind == .escaped ? TemplateLibrary.escape(s, into: &out) : out.append(contentsOf: s.utf8)
                    case .int(let n): out.append(contentsOf: String(n).utf8)
                    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
                    default: break
                    }
                    if out.count == start { out.removeSubrange(before...) } else { lineStart = false }
                case .inverted:
                    let children = i..<Int(op.b)
                    i = children.upperBound
                    if !lookup(Int(op.a)).isTruthy { run(children, into: &out, indent: indent, lineStart: &lineStart, depth: depth) }
                case .section:
                    let children = i..<Int(op.b)
                    i = children.upperBound
                    let value = lookup(Int(op.a))
                    guard value.isTruthy else { continue }
                    if case .list(let items) = value {
                        // By position: `for item in items` would copy each item once more.
                        for k in items.indices {
                            stack.append(items[k])
                            run(children, into: &out, indent: indent, lineStart: &lineStart, depth: depth)
                            stack.removeLast()
                        }
                    } else {
                        stack.append(value)
                        run(children, into: &out, indent: indent, lineStart: &lineStart, depth: depth)
                        stack.removeLast()
                    }
                case .partial:
                    guard depth < 64, op.a >= 0 else { continue }
                    let own = UnsafeBufferPointer(rebasing: bytes[Int(op.b)..<Int(op.c)])
                    let inner = own.isEmpty ? indent : indent + own
                    run(entries[Int(op.a)], into: &out, indent: inner, lineStart: &lineStart, depth: depth + 1)
                }
            }
        }

        /// The first context, innermost first, that has the path's first name; then the rest of
        /// the path inside it. An empty path is the innermost context (`{{.}}`).
        func lookup(_ path: Int) -> TemplateValue {
            let start = Int(pathStarts[path]), end = Int(pathStarts[path + 1])
            guard start < end else { return stack.last ?? .null }
            let first = names[Int(pathNames[start])]
            // The contexts are read in place: `stack[n]` would copy each one asked (a retain and
            // a release of its storage, and two for a record) before looking inside it.
            return stack.withUnsafeBufferPointer { contexts in
                var n = contexts.count
                while n > 0 {
                    n -= 1
                    guard var value = contexts[n][first] else { continue }
                    for k in start + 1 ..< end {
                        guard let next = value[names[Int(pathNames[k])]] else { return .null }
                        value = next
                    }
                    return value
                }
                return .null
            }
        }
    }
}
