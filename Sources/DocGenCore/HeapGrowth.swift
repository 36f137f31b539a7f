#if canImport(Glibc)
import Glibc
#endif

/// How glibc's allocator grows its heaps, set once when the process starts.
public enum HeapGrowth {
    /// Asks glibc's `malloc` to grow a heap by 64 MiB of address space at a time rather than by
    /// what the request needs. Each thread's arena otherwise grows its heap a page or two at a
    /// time with `mprotect`: a 10,000-page build made 55,000 such calls, each taking the
    /// process's memory-map lock for writing, which stalls the page faults of the other cores.
    /// With the pad a 64 MiB heap is made readable and writable when it is created (48 calls).
    /// Memory is still only used when touched: the peak resident size does not change.
    ///
    /// `mallopt` is looked up at run time because Swift's Glibc module does not include
    /// `<malloc.h>`; where it is missing (another C library) this does nothing. Call it before
    /// any thread starts.
    public static func padForBatchWork() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let topPad: Int32 = -2  // M_TOP_PAD in <malloc.h>
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}
