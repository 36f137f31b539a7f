internal import CLibXML2
import DocGenCore
#if canImport(Glibc)
import Glibc
#endif

/// The links and ids of one HTML file.
public struct HTMLLinks: Sendable {
    public struct Reference: Sendable {
        public var url: String
        public var attribute: String
        public var line: Int
    }
    public init() {}
    public var references: [Reference] = []
    public var ids: Set<String> = []
}

/// Reads an HTML document's start tags (no tree is built) and keeps the `href`/`src`/`action`
/// values that point somewhere and every `id` (and `<a name>`).
public enum HTMLScanner {
    /// The links and ids of `bytes`, read by `HTMLTokenizer` as the HTML standard tokenizes.
    /// A reference's line is the line of the `>` that ends its tag, as libxml2 reports it.
    public static func scan(_ bytes: [UInt8], name: String) -> HTMLLinks {
        var links = HTMLLinks()
        // About one link per 200 bytes in docgen's pages: most pages never grow the array.
        links.references.reserveCapacity(bytes.count / 200)
        // A page has a dozen ids or so (headings, the search box): room for them from the start
        // spares the set its rehashes while it grows.
        links.ids.reserveCapacity(16)
        bytes.withUnsafeBufferPointer { buffer in
            var lines = HTMLLineCounter(buffer)
            var tokenizer = HTMLTokenizer(buffer)
            tokenizer.forEachStartTag { tag in
                let kind = tag.kind
                let urlAttribute: StaticString? = switch kind {
                case .a, .link, .area: "href"
                case .img, .script, .source, .iframe: "src"
                case .form: "action"
                default: nil
                }
                var url: HTMLAttribute?
                var isCanonical = false
                for attribute in tag.attributes {
                    if tag.isNamed(attribute, "id") || (kind == .a && tag.isNamed(attribute, "name")) {
                        links.ids.insert(tag.value(of: attribute))
                    } else if let urlAttribute, tag.isNamed(attribute, urlAttribute) {
                        url = attribute
                    } else if kind == .link || kind == .area, tag.isNamed(attribute, "rel") {
                        // A canonical link names the public URL, not a file of this build.
                        let rel = tag.value(of: attribute)
                        isCanonical = rel == "canonical" || rel == "alternate"
                    }
                }
                if let url, !isCanonical {
                    // String literals, not `urlAttribute.description`: no String is made per link.
                    let attribute = switch kind {
                    case .a, .link, .area: "href"
                    case .form: "action"
                    default: "src"
                    }
                    links.references.append(.init(url: tag.value(of: url), attribute: attribute, line: lines.line(at: tag.end)))
                }
            }
        }
        return links
    }

    /// libxml2 must be initialised once, on one thread, before parsers run on many.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// What `scan` did before it had its own tokenizer: libxml2's HTML (4) parser streams the start
    /// tags. Kept as the oracle the tests compare `scan` with; see `HTMLScannerTests` for where the two
    /// differ on malformed HTML.
    public static func scanWithLibxml2(_ bytes: [UInt8], name: String) -> HTMLLinks {
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
            // C string comparisons first: a String is made only for the values that matter.
            let isA = strcmp(name, "a") == 0
            let takesHref = isA || strcmp(name, "link") == 0 || strcmp(name, "area") == 0
            let takesSrc = strcmp(name, "img") == 0 || strcmp(name, "script") == 0 || strcmp(name, "source") == 0 || strcmp(name, "iframe") == 0
            let isForm = strcmp(name, "form") == 0
            var i = 0
            var skipHref = false
            var href: String?
            while let key = attributes[i] {
                let value = attributes[i + 1]
                if strcmp(key, "id") == 0 || (isA && strcmp(key, "name") == 0) {
                    links.ids.insert(value.map { String(cString: $0) } ?? "")
                } else if takesHref, strcmp(key, "href") == 0 {
                    href = value.map { String(cString: $0) } ?? ""
                } else if takesSrc, strcmp(key, "src") == 0 {
                    links.references.append(.init(url: value.map { String(cString: $0) } ?? "", attribute: "src", line: line))
                } else if isForm, strcmp(key, "action") == 0 {
                    links.references.append(.init(url: value.map { String(cString: $0) } ?? "", attribute: "action", line: line))
                } else if !isA, takesHref, strcmp(key, "rel") == 0, let value,
                          strcmp(value, "canonical") == 0 || strcmp(value, "alternate") == 0 {
                    // A canonical link names the public URL, not a file of this build.
                    skipHref = true
                }
                i += 2
            }
            if let href, !skipHref {
                links.references.append(.init(url: href, attribute: "href", line: line))
            }
        }
    }
}
