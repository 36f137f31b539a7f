import ArgumentParser

/// The `docgen` command: parses arguments and calls the library.
public struct DocGen: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Build technical documentation hubs from Markdown.",
        version: version,
        subcommands: [Build.self, Check.self, Render.self, Graph.self, New.self, Init.self]
    )

    public init() {}
}
