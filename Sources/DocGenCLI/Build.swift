import ArgumentParser
import DocGenCore
import DocGenKit
import Foundation

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Argument(help: "The site folder (holds docgen.yml and content/).")
    var site: String = "."

    @Option(name: .customLong("base-url"), help: "Serve the site from this path, e.g. /docs/ (overrides base_url).")
    var baseURL: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Option(help: "Diagnostics format: text or json.")
    var format: DiagnosticsFormat = .text

    @Flag(help: "Say which theme files the site overrides and how long each stage took.")
    var verbose = false
}

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into its output folder.")

    @OptionGroup var options: SiteOptions

    @Option(name: [.short, .long], help: "The output folder (default: <site>/output).")
    var output: String?

    func validate() throws {
        guard FileSystem.isDirectory(options.site) else {
            throw ValidationError("no site folder at '\(options.site)'")
        }
        let out = output ?? options.site + "/output"
        if let reason = OutputFolder.refusal(output: out, site: options.site) {
            throw ValidationError(reason)
        }
    }

    func run() throws {
        try Runner.run(options, output: output, write: true)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the site as build does, writing nothing.")

    @OptionGroup var options: SiteOptions

    func validate() throws {
        guard FileSystem.isDirectory(options.site) else {
            throw ValidationError("no site folder at '\(options.site)'")
        }
    }

    func run() throws {
        try Runner.run(options, output: nil, write: false)
    }
}

/// Runs a build and prints what it found, compiler style.
enum Runner {
    static func run(_ options: SiteOptions, output: String?, write: Bool) throws {
        let start = DispatchTime.now()
        var build = BuildOptions(site: options.site, output: output, baseURL: options.baseURL)
        build.drafts = options.drafts
        build.write = write
        build.verbose = options.verbose
        build.strict = options.strict
        let report: BuildReport
        do {
            report = try SiteBuilder().build(build)
        } catch {
            Console.error("docgen: error: \(error)")
            throw ExitCode(1)
        }
        let failed = report.errorCount > 0 || (options.strict && report.warningCount > 0)
        switch options.format {
        case .text: Console.error(DiagnosticFormatter.text(report.diagnostics), newline: false)
        case .json: Console.out(DiagnosticFormatter.json(report.diagnostics), newline: false)
        }
        if options.verbose { for note in report.notes { Console.error("docgen: \(note)") } }
        let ms = (DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        let seconds = String(format: "%.2f", Double(ms) / 1000)
        let tail: String
        if !write {
            tail = "\(DiagnosticFormatter.plural(report.pages, "page")) checked in \(seconds) s"
        } else if failed {
            tail = "output not written"
        } else {
            tail = "\(DiagnosticFormatter.plural(report.pages, "page")), \(DiagnosticFormatter.plural(report.files, "file")) written to \(display(report.outputPath)) in \(seconds) s"
        }
        Console.error(DiagnosticFormatter.summary(errors: report.errorCount, warnings: report.warningCount, tail: tail))
        if failed { throw ExitCode(1) }
    }

    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}

enum Console {
    static func out(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
    }
    static func error(_ text: String, newline: Bool = true) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}
