internal import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// Memory for cmark-gfm, one bump allocator per thread.
///
/// cmark allocates every node, buffer and string of a page on its own and frees them one by one;
/// with glibc's malloc that was about half of cmark's time at 10,000 pages. A parse on this
/// thread takes its memory from the thread's arena instead, `free` does nothing, and `end()`
/// hands everything back at once, so the tree is not even walked to be freed. Nodes added to an
/// arena tree must come from the arena too (`CmarkTree.newNode`): cmark refuses to link nodes
/// of different allocators, and nothing would free a node made with `cmark_node_new`.
///
/// cmark calls the allocator several hundred times a page, so the arena is a plain struct
/// reached through a pointer the thread keeps: no reference counting and no exclusivity checks
/// on the way (a class's or a global's stored `var` would have both).
struct CmarkArena {
    /// The allocator cmark-gfm is given. Its functions find the arena of the calling thread.
    nonisolated(unsafe) static let mem: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                if overflow { fatalError("cmark asked for too much memory") }
                let p = CmarkArena.current.pointee.allocate(bytes)
                memset(p, 0, bytes)
                return p
            },
            realloc: { pointer, size in CmarkArena.current.pointee.reallocate(pointer, size) },
            free: { _ in }))
        return mem
    }()

    private static let chunkSize = 256 * 1024
    /// Chunks kept between parses; a rare huge page's extra chunks are given back.
    private static let keptChunks = 4
    /// Room before each allocation for its size, which `reallocate` needs; keeps 16-byte alignment.
    private static let header = 16

    private var chunks: [UnsafeMutableRawPointer] = []
    private var chunkIndex = 0
    private var next: UnsafeMutableRawPointer?
    private var limit: UnsafeMutableRawPointer?
    /// Allocations too large for a chunk, freed by `end()`.
    private var large: [UnsafeMutableRawPointer] = []
    /// The latest allocation, which `reallocate` can grow where it is.
    private var last: UnsafeMutableRawPointer?
    private var inUse = false

    /// The thread-specific key under which each thread keeps its arena.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let arena = pointer?.assumingMemoryBound(to: CmarkArena.self) else { return }
            arena.pointee.release()
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        return key
    }()

    /// This thread's arena; made on first use.
    private static var current: UnsafeMutablePointer<CmarkArena> {
        if let pointer = pthread_getspecific(key) { return pointer.assumingMemoryBound(to: CmarkArena.self) }
        let arena = UnsafeMutablePointer<CmarkArena>.allocate(capacity: 1)
        arena.initialize(to: CmarkArena())
        pthread_setspecific(key, arena)
        return arena
    }

    /// This thread's arena, reserved for one parse; nil when a parse on this thread already
    /// holds it (the caller then uses cmark's default allocator).
    static func begin() -> UnsafeMutablePointer<CmarkArena>? {
        let arena = current
        if arena.pointee.inUse { return nil }
        arena.pointee.inUse = true
        return arena
    }

    /// Memory from this thread's arena while a parse holds it, nil otherwise. It is valid until
    /// the parse ends: for scratch buffers of the code that reads the tree.
    static func scratch(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        let arena = pointer.assumingMemoryBound(to: CmarkArena.self)
        return arena.pointee.inUse ? arena.pointee.allocate(bytes) : nil
    }

    /// Hands back everything allocated since `begin()`.
    mutating func end() {
        for pointer in large { free(pointer) }
        large.removeAll(keepingCapacity: true)
        while chunks.count > Self.keptChunks { free(chunks.removeLast()) }
        chunkIndex = 0
        next = chunks.first
        limit = chunks.first.map { $0 + Self.chunkSize }
        last = nil
        inUse = false
    }

    /// Gives all memory back to the system: the thread is ending.
    private mutating func release() {
        for pointer in large { free(pointer) }
        for chunk in chunks { free(chunk) }
        large = []
        chunks = []
    }

    private static func rounded(_ n: Int) -> Int { (n + 15) & ~15 }

    mutating func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let total = Self.header + Self.rounded(max(bytes, 1))
        if let block = next, limit! - block >= total {
            block.storeBytes(of: bytes, as: Int.self)
            next = block + total
            last = block + Self.header
            return block + Self.header
        }
        return allocateSlowly(bytes, total)
    }

    private mutating func allocateSlowly(_ bytes: Int, _ total: Int) -> UnsafeMutableRawPointer {
        if total > Self.chunkSize / 4 {
            guard let block = malloc(total) else { fatalError("out of memory") }
            block.storeBytes(of: bytes, as: Int.self)
            large.append(block)
            last = nil
            return block + Self.header
        }
        if chunks.isEmpty || chunkIndex + 1 >= chunks.count {
            guard let chunk = malloc(Self.chunkSize) else { fatalError("out of memory") }
            chunks.append(chunk)
            chunkIndex = chunks.count - 1
        } else {
            chunkIndex += 1
        }
        next = chunks[chunkIndex]
        limit = chunks[chunkIndex] + Self.chunkSize
        return allocate(bytes)
    }

    mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ bytes: Int) -> UnsafeMutableRawPointer {
        guard let pointer else { return allocate(bytes) }
        let old = (pointer - Self.header).load(as: Int.self)
        if bytes <= old { return pointer }
        if pointer == last, limit! - pointer >= Self.rounded(bytes) {
            // The latest allocation grows in place.
            (pointer - Self.header).storeBytes(of: bytes, as: Int.self)
            next = pointer + Self.rounded(bytes)
            return pointer
        }
        let moved = allocate(bytes)
        moved.copyMemory(from: pointer, byteCount: old)
        return moved
    }
}
