/// Small helpers to write JSON by hand, byte-stable and fast.
public enum JSONText {
    /// A JSON string literal for `s`.
    public static func quote(_ s: String) -> String {
        // Most strings need no escaping: check the bytes once and copy.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 || $0 == 60 }) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed in a <script> element
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// `quote(s)` appended to `out` as UTF-8, without an intermediate string when `s` needs no escaping.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        let plain = s.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 34 || b == 92 || b == 60 { return false }
            out.append(34)
            out.append(contentsOf: bytes)
            out.append(34)
            return true
        }
        if !plain { out.append(contentsOf: quote(s).utf8) }
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    public static func strings(_ items: [String]) -> String { array(items.map(quote)) }
    /// An object with its keys in the given order (callers pass them sorted).
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
