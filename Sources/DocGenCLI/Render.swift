import ArgumentParser
import DocGenMarkdown
#if canImport(Glibc)
import Glibc
#endif

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one Markdown document from standard input to HTML on standard output.")

    @Flag(help: "Render raw HTML and dangerous URLs.")
    var unsafe = false

    @Flag(help: "Use smart punctuation.")
    var smart = false

    @Option(name: [.customShort("e"), .customLong("extension")],
            help: "Enable a GFM extension (table, strikethrough, autolink, tagfilter, tasklist, footnotes); repeatable.")
    var extensions: [String] = []

    func validate() throws {
        for name in extensions where !MarkdownOptions.allExtensions.contains(name) {
            throw ValidationError("unknown extension '\(name)'; expected one of: \(MarkdownOptions.allExtensions.joined(separator: ", "))")
        }
    }

    func run() throws {
        var input = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n <= 0 { break }
            input.append(contentsOf: buffer[0..<n])
        }
        let options = MarkdownOptions(extensions: Set(extensions), unsafeHTML: unsafe, smart: smart)
        let html = MarkdownRenderer.render(input, options: options)
        html.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
