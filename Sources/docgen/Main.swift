import DocGenCLI

@main
struct Main {
    static func main() async { await DocGen.main() }
}
