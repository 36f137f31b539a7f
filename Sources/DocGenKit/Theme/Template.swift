/// A Mustache template, compiled once and rendered many times.
///
/// docgen renders tens of thousands of pages per build, so its templates are compiled into a tree
/// and rendered against `TemplateValue` data with plain dictionary lookups. Supported: variables
/// (`{{x}}`, escaped; `{{{x}}}` and `{{&x}}`, raw), dotted names and `{{.}}`, sections and inverted
/// sections over booleans, lists and maps, partials (`{{>name}}`, recursive), comments, set
/// delimiters (`{{=<% %>=}}`) and the standalone-line rule of the Mustache specification.
/// Lambdas and template inheritance are not supported and are syntax errors.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], inverted: Bool, [Node])
        case partial(String, indent: [UInt8])
    }

    let nodes: [Node]

    /// A template that does not parse: the reason and the place (1-based line and column).
    public struct SyntaxError: Error, Sendable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    public init(_ text: String) throws(SyntaxError) {
        var tokenizer = Tokenizer(Array(text.utf8))
        let tokens = try tokenizer.tokens()
        var index = 0
        nodes = try Self.build(tokens, &index, closing: nil)
    }

    private static func build(_ tokens: [Token], _ index: inout Int, closing: Token?) throws(SyntaxError) -> [Node] {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                if !token.bytes.isEmpty { nodes.append(.text(token.bytes)) }
            case .variable, .raw:
                nodes.append(.variable(path(token.name), escaped: token.kind == .variable))
            case .section, .inverted:
                let children = try build(tokens, &index, closing: token)
                nodes.append(.section(path(token.name), inverted: token.kind == .inverted, children))
            case .close:
                guard let closing else {
                    throw SyntaxError(message: "'{{/\(token.name)}}' closes no open section", line: token.line, column: token.column)
                }
                guard closing.name == token.name else {
                    throw SyntaxError(message: "'{{/\(token.name)}}' closes '{{#\(closing.name)}}' (opened at line \(closing.line))",
                                      line: token.line, column: token.column)
                }
                return nodes
            case .partial:
                nodes.append(.partial(token.name, indent: token.bytes))
            case .comment, .delimiter:
                break
            }
        }
        if let closing {
            throw SyntaxError(message: "section '{{#\(closing.name)}}' is never closed", line: closing.line, column: closing.column)
        }
        return nodes
    }

    private static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}

/// The data a template renders: what `{{name}}` and `{{#name}}` look up.
public enum TemplateValue: Sendable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([TemplateValue])
    case map([String: TemplateValue])
    /// A small record whose keys are shared by many (every link has the same six): no hashing to
    /// build it, and a lookup compares a few short keys.
    case fields(TemplateFields)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
    }

    /// Converts the dictionaries, arrays, strings, numbers and booleans the renderer builds.
    public init(_ any: Any?) {
        guard let any else { self = .null; return }
        switch any {
        case let value as TemplateValue: self = value
        case let string as String: self = .string(string)
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .int(int)
        case let map as [String: Any]:
            var out: [String: TemplateValue] = [:]
            out.reserveCapacity(map.count)
            for (key, value) in map { out[key] = TemplateValue(value) }
            self = .map(out)
        case let list as [Any]: self = .list(list.map { TemplateValue($0) })
        case let substring as Substring: self = .string(String(substring))
        default: self = .string("\(any)")
        }
    }

    /// A map of strings: `["status": .string(s)]` reads as `.strings(["status": s])`.
    static func strings(_ map: [String: String]) -> TemplateValue { .map(map.mapValues { .string($0) }) }

    /// The value under `key` of a map or a record; nil for anything else.
    subscript(key: String) -> TemplateValue? {
        switch self {
        case .map(let map): return map[key]
        case .fields(let fields): return fields[key]
        default: return nil
        }
    }

    /// Mustache truth: missing, `false` and the empty list are false; everything else is true.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .list(let items): return !items.isEmpty
        default: return true
        }
    }
}

/// Keys (shared between records of one shape) and their values, in the same order.
public struct TemplateFields: Sendable {
    public let keys: [String]
    public var values: [TemplateValue]

    public init(keys: [String], values: [TemplateValue]) {
        precondition(keys.count == values.count, "a record needs one value per key")
        self.keys = keys
        self.values = values
    }

    public subscript(key: String) -> TemplateValue? {
        for (n, k) in keys.enumerated() where k == key { return values[n] }
        return nil
    }
}

/// Templates by name, so that partials can find each other.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) { templates[name] = template }

    public func render(_ data: TemplateValue, template name: String) -> String {
        guard let template = templates[name] else { return "" }
        var out = [UInt8]()
        out.reserveCapacity(16_384)
        var stack = [data]
        var lineStart = true
        render(template.nodes, &stack, into: &out, indent: [], lineStart: &lineStart, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// `indent` is the indentation of the standalone partials being rendered: it goes before each
    /// line of their template text (not inside interpolated values).
    private func render(_ nodes: [Template.Node], _ stack: inout [TemplateValue], into out: inout [UInt8],
                        indent: [UInt8], lineStart: inout Bool, depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                if indent.isEmpty {
                    out.append(contentsOf: bytes)
                    lineStart = bytes.last == 10
                } else {
                    for b in bytes {
                        if lineStart { out.append(contentsOf: indent) }
                        out.append(b)
                        lineStart = b == 10
                    }
                }
            case .variable(let path, let escaped):
                let value = lookup(path, in: stack)
                let before = out.count
                if lineStart, !indent.isEmpty { out.append(contentsOf: indent) }
                let start = out.count
                switch value {
                case .string(let s): escaped ? Self.escape(s, into: &out) : out.append(contentsOf: s.utf8)
                case .int(let n): out.append(contentsOf: String(n).utf8)
                case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
                default: break
                }
                if out.count == start { out.removeSubrange(before...) } else { lineStart = false }
            case .section(let path, let inverted, let children):
                let value = lookup(path, in: stack)
                if inverted {
                    if !value.isTruthy { render(children, &stack, into: &out, indent: indent, lineStart: &lineStart, depth: depth) }
                    continue
                }
                guard value.isTruthy else { continue }
                if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        render(children, &stack, into: &out, indent: indent, lineStart: &lineStart, depth: depth)
                        stack.removeLast()
                    }
                } else {
                    stack.append(value)
                    render(children, &stack, into: &out, indent: indent, lineStart: &lineStart, depth: depth)
                    stack.removeLast()
                }
            case .partial(let name, let partialIndent):
                guard depth < 64, let partial = templates[name] else { continue }
                render(partial.nodes, &stack, into: &out, indent: indent + partialIndent, lineStart: &lineStart, depth: depth + 1)
            }
        }
    }

    /// The first context, innermost first, that has the path's first name; then the rest of the
    /// path inside it. An empty path is the innermost context (`{{.}}`).
    private func lookup(_ path: [String], in stack: [TemplateValue]) -> TemplateValue {
        guard let first = path.first else { return stack.last ?? .null }
        for context in stack.reversed() {
            guard let found = context[first] else { continue }
            var value = found
            for name in path.dropFirst() {
                guard let next = value[name] else { return .null }
                value = next
            }
            return value
        }
        return .null
    }

    /// Whether `variable` is used in `template` (and the partials it reaches) only as a raw
    /// variable (`{{{content}}}`, `{{&content}}`): then its text lands in the output verbatim and
    /// can later be swapped there without rendering the page again.
    public func usesOnlyRaw(_ variable: String, in template: String) -> Bool {
        var seen: Set<String> = []
        func check(_ nodes: [Template.Node]) -> Bool {
            for node in nodes {
                switch node {
                case .text: continue
                case .variable(let path, let escaped):
                    if escaped, path.first == variable { return false }
                case .section(let path, _, let children):
                    if path.first == variable || !check(children) { return false }
                case .partial(let name, _):
                    guard seen.insert(name).inserted, let partial = templates[name] else { continue }
                    if !check(partial.nodes) { return false }
                }
            }
            return true
        }
        guard let root = templates[template] else { return false }
        seen.insert(template)
        return check(root.nodes)
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escaping are copied whole.
            var start = 0
            for i in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[i] {
                case 38: replacement = "&amp;"
                case 60: replacement = "&lt;"
                case 62: replacement = "&gt;"
                case 34: replacement = "&quot;"
                case 39: replacement = "&#39;"
                default: continue
                }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = i + 1
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }
}
