/// Templates by name, so that partials can find each other.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [String: Template] = [:]
    /// The templates linked for rendering; made again on each `register` (a theme has a few dozen).
    private var program = TemplateProgram([:])

    public init() {}

    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
        program = TemplateProgram(templates)
    }

    public func render(_ data: TemplateValue, template name: String) -> String {
        String(decoding: renderBytes(data, template: name), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for a caller that writes them out: making a `String` of them
    /// checks every byte and copies them once more.
    public func renderBytes(_ data: TemplateValue, template name: String) -> [UInt8] {
        guard let entry = program.entryByName[name] else { return [] }
        var out = [UInt8]()
        out.reserveCapacity(16_384)
        program.render(data, entry: entry, into: &out)
        return out
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
        // Reading the string in place spares the copy `withUTF8` needs (it may rearrange it).
        if s.utf8.withContiguousStorageIfAvailable({ escape($0, into: &out) }) == nil {
            var s = s
            s.withUTF8 { escape($0, into: &out) }
        }
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Runs of bytes that need no escaping are copied whole.
        var start = 0
        // Bit n is set when byte n (all below 64) needs escaping: " & ' < >.
        let special: UInt64 = 1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62
        for i in 0..<bytes.count {
            let byte = bytes[i]
            guard byte < 64, special >> byte & 1 != 0 else { continue }
            let replacement: StaticString
            switch byte {
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
