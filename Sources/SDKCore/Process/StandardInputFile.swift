import Foundation

/// A readable descriptor holding the bytes a child gets on its standard input, positioned at
/// their start, for the child to inherit.
///
/// Why not a pipe: a pipe needs a writer running beside the child, and a write into a pipe whose
/// reader has gone (a child that exits, or fails, before reading all of its input) raises
/// SIGPIPE, whose default action ends this whole process. An anonymous in-memory file
/// (`memfd_create`) has the bytes in place before the child starts: no writer, no SIGPIPE, no
/// deadlock with the output readers, and nothing on disk (the input may be a password). Where
/// `memfd_create` is missing (old C libraries, other systems), an unlinked file in `/dev/shm`
/// (memory) or, failing that, in the temporary directory takes its place.
enum StandardInputFile {
    /// A descriptor (close-on-exec, owned by the caller) holding `bytes`.
    /// - Parameter inMemory: `false` skips `memfd_create`; tests use it to cover the fallback.
    static func descriptor(holding bytes: [UInt8], inMemory: Bool = true) throws(Failure) -> CInt {
        let fd: CInt
        if inMemory, let memory = memoryFile() {
            fd = memory
        } else {
            fd = try unlinkedFile()
        }
        do {
            try store(bytes, in: fd)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Why no descriptor could be made: the failing call and its `errno`.
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    private typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, CUnsignedInt) -> CInt

    /// `memfd_create` when the C library has it. Looked up at run time: Swift's Glibc module does
    /// not declare it, and a C library older than glibc 2.27 lacks it.
    private static let memfdCreate: MemfdCreate? = {
        #if os(Linux)
        // A nil handle is RTLD_DEFAULT: search the process's global symbols.
        guard let symbol = dlsym(nil, "memfd_create") else { return nil }
        return unsafeBitCast(symbol, to: MemfdCreate.self)
        #else
        return nil
        #endif
    }()

    private static func memoryFile() -> CInt? {
        let closeOnExec: CUnsignedInt = 0x0001  // MFD_CLOEXEC
        guard let memfdCreate else { return nil }
        let fd = memfdCreate("process-runner-stdin", closeOnExec)
        return fd >= 0 ? fd : nil
    }

    private static func unlinkedFile() throws(Failure) -> CInt {
        var isDirectory: ObjCBool = false
        let shared = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
            && access("/dev/shm", W_OK) == 0
        let directory = shared ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array("\(directory.hasSuffix("/") ? String(directory.dropLast()) : directory)/process-runner-stdin-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(call: "mkstemp in \(directory)", code: errno) }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return fd
    }

    private static func store(_ bytes: [UInt8], in fd: CInt) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(call: "write", code: errno)
            }
            offset += written
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw Failure(call: "lseek", code: errno) }
    }
}
