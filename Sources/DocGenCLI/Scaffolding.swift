import ArgumentParser
import DocGenCore
import DocGenKit

extension PageType: ExpressibleByArgument {}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new page with the right front matter in the right folder.",
        discussion: "KIND is role, task, tool, term or page. A page ID may contain folders (guides/setup).")

    @Argument(help: "role, task, tool, term or page.")
    var kind: PageType

    @Argument(help: "The page id, e.g. fix-a-typo.")
    var id: String

    @Option(help: "The page title (default: from the id).")
    var title: String?

    @Option(help: "The site folder.")
    var site: String = "."

    func run() throws {
        do {
            let path = try Scaffold.new(kind: kind, id: id, title: title, root: FileSystem.absolute(site))
            Console.error("docgen: wrote \(path)")
        } catch let failure as Scaffold.Failure {
            Console.error("docgen: error: \(failure)")
            throw ExitCode(1)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new hub that builds with zero warnings.")

    @Argument(help: "The folder to create (default: the current folder, which must be empty).")
    var folder: String = "."

    func run() throws {
        do {
            let files = try Scaffold.initialize(at: FileSystem.absolute(folder))
            Console.error("docgen: created \(files.count) files in \(folder); build it with: docgen build \(folder)")
        } catch let failure as Scaffold.Failure {
            Console.error("docgen: error: \(failure)")
            throw ExitCode(1)
        }
    }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the site's link graph.")

    @Argument(help: "The site folder.")
    var site: String = "."

    @Option(help: "json or dot.")
    var format: GraphFormat = .json

    enum GraphFormat: String, ExpressibleByArgument, CaseIterable { case json, dot }

    func run() throws {
        var diagnostics = Diagnostics()
        var notes: [String] = []
        var options = BuildOptions(site: site)
        options.write = false
        let analysis: SiteBuilder.Analysis
        do {
            analysis = try SiteBuilder().analyze(options, into: &diagnostics, notes: &notes)
        } catch {
            Console.error("docgen: error: \(error)")
            throw ExitCode(1)
        }
        Console.error(DiagnosticFormatter.text(diagnostics.sorted), newline: false)
        switch format {
        case .json: Console.out(GraphExport.json(graph: analysis.graph, resolved: analysis.resolved, urls: analysis.urls), newline: false)
        case .dot: Console.out(GraphExport.dot(graph: analysis.graph, resolved: analysis.resolved), newline: false)
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
