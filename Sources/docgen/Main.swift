import DocGenCLI
import DocGenCore

@main
struct Main {
    static func main() async {
        HeapGrowth.padForBatchWork()
        await DocGen.main()
    }
}
