import ArgumentParser

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into its output folder.")
    func run() async throws {}
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the site without writing anything.")
    func run() async throws {}
}
