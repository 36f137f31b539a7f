/// A Mustache template, compiled once and rendered many times.
///
/// docgen renders tens of thousands of pages per build, so its templates are compiled into a tree
/// and rendered against `TemplateValue` data (`TemplateProgram` says how). Supported: variables
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
