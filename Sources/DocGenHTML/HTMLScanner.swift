internal import CLibXML2
import DocGenCore

/// The links and ids of one HTML file, read with libxml2's HTML parser.
public struct HTMLLinks: Sendable {
    public struct Reference: Sendable {
        public var url: String
        public var attribute: String
        public var line: Int
    }
    public var references: [Reference] = []
    public var ids: Set<String> = []
}

/// Streams an HTML document's start tags through libxml2 (no tree is built) and keeps the
/// `href`/`src` values that point somewhere and every `id` (and `<a name>`).
public enum HTMLScanner {
    /// libxml2 must be initialised once, on one thread, before parsers run on many.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    public static func scan(_ bytes: [UInt8], name: String) -> HTMLLinks {
        _ = initialized
        let box = Collector()
        let user = Unmanaged.passRetained(box)
        defer { user.release() }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = docgen_html_scan(chars.baseAddress, Int32(chars.count), name, user.toOpaque()) { user, name, attributes, line in
                    guard let user, let name, let attributes else { return }
                    let collector = Unmanaged<Collector>.fromOpaque(user).takeUnretainedValue()
                    collector.element(name, attributes, Int(line))
                }
            }
        }
        return box.links
    }

    private final class Collector {
        var links = HTMLLinks()

        func element(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>, _ line: Int) {
            let tag = String(cString: name)
            var i = 0
            var rel = ""
            var href: String?
            while let key = attributes[i] {
                let value = attributes[i + 1].map { String(cString: $0) } ?? ""
                switch String(cString: key) {
                case "id": links.ids.insert(value)
                case "name" where tag == "a": links.ids.insert(value)
                case "href" where tag == "a" || tag == "link" || tag == "area": href = value
                case "src" where tag == "img" || tag == "script" || tag == "source" || tag == "iframe":
                    links.references.append(.init(url: value, attribute: "src", line: line))
                case "action" where tag == "form":
                    links.references.append(.init(url: value, attribute: "action", line: line))
                case "rel": rel = value
                default: break
                }
                i += 2
            }
            // A canonical link names the public URL, not a file of this build.
            if let href, !(tag == "link" && (rel == "canonical" || rel == "alternate")) {
                links.references.append(.init(url: href, attribute: "href", line: line))
            }
        }
    }
}
