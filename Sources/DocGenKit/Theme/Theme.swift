import DocGenCore
import Foundation

/// The templates and assets a site is rendered with: the default theme built into docgen, with
/// any single file overridden by a file at the same relative path in `<site>/themes/<name>/`.
public struct Theme: Sendable {
    public var library: TemplateLibrary
    /// Files under `assets/`, by path relative to that folder, sorted.
    public var assets: [(path: String, bytes: [UInt8])]
    /// Which file won for each theme path: `built-in` or the site file's path.
    public var origins: [(path: String, origin: String)]
    public var templateNames: Set<String>

    public static func load(site root: String, name: String, into diagnostics: inout Diagnostics) throws -> Theme {
        var files: [String: (bytes: [UInt8], origin: String)] = [:]
        for (path, text) in DefaultTheme.files {
            files[path] = (Array(text.utf8), "built-in")
        }
        let siteTheme = root + "/themes/" + name
        if FileSystem.isDirectory(siteTheme) {
            for path in try FileSystem.walk(siteTheme) where path.hasPrefix("templates/") || path.hasPrefix("assets/") {
                files[path] = (try FileSystem.read(siteTheme + "/" + path), "themes/\(name)/\(path)")
            }
        } else if name != "default" {
            diagnostics.append(.error("theme-missing", "no theme folder 'themes/\(name)'", at: SourceLocation(file: "docgen.yml", line: 1, column: 1)))
        }
        var library = TemplateLibrary()
        var names: Set<String> = []
        var assets: [(String, [UInt8])] = []
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                let text = String(decoding: file.bytes, as: UTF8.self)
                do {
                    library.register(try Template(text), named: name)
                    names.insert(name)
                } catch {
                    let file = file.origin == "built-in" ? "(built-in theme)/" + path : file.origin
                    diagnostics.append(.error("template-syntax", "template '\(name)' does not parse: \(error.message)",
                                              at: SourceLocation(file: file, line: error.line, column: error.column)))
                }
            } else if path.hasPrefix("assets/") {
                assets.append((String(path.dropFirst("assets/".count)), file.bytes))
            }
        }
        for required in ["page", "nav"] where !names.contains(required) {
            diagnostics.append(.error("template-missing", "the theme has no '\(required).mustache' template",
                                      at: SourceLocation(file: "themes/\(name)/templates/\(required).mustache", line: 1, column: 1)))
        }
        return Theme(library: library, assets: assets,
                     origins: files.map { ($0.key, $0.value.origin) }.sorted { $0.path < $1.path },
                     templateNames: names)
    }

    /// The template for a page kind, falling back to `page` when the theme has none for it.
    public func template(for kind: PageKind) -> String {
        templateNames.contains(kind.template) ? kind.template : "page"
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(TemplateValue(context), template: template)
    }

    public func render(_ context: [String: TemplateValue], template: String) -> String {
        library.render(.map(context), template: template)
    }

    /// `render` as UTF-8 bytes: `Array(render(…).utf8)` without checking and copying them twice.
    public func renderBytes(_ context: [String: TemplateValue], template: String) -> [UInt8] {
        library.renderBytes(.map(context), template: template)
    }
}
