import Foundation
import GRDBSQLite
import Synchronization

/// An SQLite VFS that passes every call to the default one and counts syncs of `-wal` files.
///
/// Each `xSync` is an fsync (or fdatasync) of the file, the barrier that makes a commit
/// survive power loss. Open a database with `vfs=skillquiz-counting` to use it.
enum CountingVFS {
  static let name = "skillquiz-counting"
  /// `xSync` calls on `-wal` files so far.
  static let walSyncs = Atomic<Int>(0)
  /// `xSync` calls on main database files so far: checkpoints.
  static let databaseSyncs = Atomic<Int>(0)

  /// Bytes before the wrapped file: the `sqlite3_file` header (its methods) and the open flags.
  static let headerSize = 16

  /// Registers the VFS once.
  static func register() {
    registration.withLock { registered in
      guard !registered, let base = sqlite3_vfs_find(nil) else { return }
      let methods = UnsafeMutablePointer<sqlite3_io_methods>.allocate(capacity: 1)
      methods.initialize(to: forwardingMethods())
      let context = UnsafeMutablePointer<Context>.allocate(capacity: 1)
      context.initialize(to: Context(base: base, methods: methods))
      let vfs = UnsafeMutablePointer<sqlite3_vfs>.allocate(capacity: 1)
      vfs.initialize(to: base.pointee)
      vfs.pointee.zName = UnsafePointer(strdup(name))
      vfs.pointee.pNext = nil
      vfs.pointee.pAppData = UnsafeMutableRawPointer(context)
      vfs.pointee.szOsFile = Int32(headerSize) + base.pointee.szOsFile
      vfs.pointee.xOpen = { vfs, name, file, flags, outFlags in
        guard let vfs, let file, let context = CountingVFS.context(vfs),
          let open = context.pointee.base.pointee.xOpen
        else { return SQLITE_ERROR }
        let real = CountingVFS.real(file)
        real.pointee.pMethods = nil
        let code = open(context.pointee.base, name, real, flags, outFlags)
        guard real.pointee.pMethods != nil else {
          file.pointee.pMethods = nil
          return code
        }
        (UnsafeMutableRawPointer(file) + 8).storeBytes(of: flags, as: Int32.self)
        file.pointee.pMethods = UnsafePointer(context.pointee.methods)
        return code
      }
      sqlite3_vfs_register(vfs, 0)
      registered = true
    }
  }

  private static let registration = Mutex(false)

  struct Context {
    let base: UnsafeMutablePointer<sqlite3_vfs>
    let methods: UnsafeMutablePointer<sqlite3_io_methods>
  }

  static func context(_ vfs: UnsafeMutablePointer<sqlite3_vfs>) -> UnsafeMutablePointer<Context>? {
    vfs.pointee.pAppData?.assumingMemoryBound(to: Context.self)
  }

  /// The default VFS's file, inside ours.
  static func real(_ file: UnsafeMutablePointer<sqlite3_file>) -> UnsafeMutablePointer<sqlite3_file>
  {
    (UnsafeMutableRawPointer(file) + headerSize).assumingMemoryBound(to: sqlite3_file.self)
  }

  /// The wrapped file and its methods.
  struct Target {
    let file: UnsafeMutablePointer<sqlite3_file>
    let methods: sqlite3_io_methods
  }

  static func forward(_ file: UnsafeMutablePointer<sqlite3_file>?) -> Target? {
    guard let file else { return nil }
    let real = real(file)
    guard let methods = real.pointee.pMethods else { return nil }
    return Target(file: real, methods: methods.pointee)
  }

  /// Every method passes the call on; `xSync` counts first.
  static func forwardingMethods() -> sqlite3_io_methods {
    sqlite3_io_methods(
      iVersion: 3,
      xClose: { file in
        guard let target = CountingVFS.forward(file) else { return SQLITE_OK }
        return target.methods.xClose?(target.file) ?? SQLITE_OK
      },
      xRead: { file, buffer, amount, offset in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xRead?(target.file, buffer, amount, offset) ?? SQLITE_IOERR
      },
      xWrite: { file, buffer, amount, offset in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xWrite?(target.file, buffer, amount, offset) ?? SQLITE_IOERR
      },
      xTruncate: { file, size in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xTruncate?(target.file, size) ?? SQLITE_IOERR
      },
      xSync: { file, flags in
        guard let file, let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        let openFlags = (UnsafeMutableRawPointer(file) + 8).load(as: Int32.self)
        if openFlags & SQLITE_OPEN_WAL != 0 {
          CountingVFS.walSyncs.add(1, ordering: .sequentiallyConsistent)
        } else if openFlags & SQLITE_OPEN_MAIN_DB != 0 {
          CountingVFS.databaseSyncs.add(1, ordering: .sequentiallyConsistent)
        }
        return target.methods.xSync?(target.file, flags) ?? SQLITE_IOERR
      },
      xFileSize: { file, size in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xFileSize?(target.file, size) ?? SQLITE_IOERR
      },
      xLock: { file, lock in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xLock?(target.file, lock) ?? SQLITE_IOERR
      },
      xUnlock: { file, lock in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xUnlock?(target.file, lock) ?? SQLITE_IOERR
      },
      xCheckReservedLock: { file, result in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xCheckReservedLock?(target.file, result) ?? SQLITE_IOERR
      },
      xFileControl: { file, operation, argument in
        guard let target = CountingVFS.forward(file) else { return SQLITE_NOTFOUND }
        return target.methods.xFileControl?(target.file, operation, argument) ?? SQLITE_NOTFOUND
      },
      xSectorSize: { file in
        guard let target = CountingVFS.forward(file) else { return 4096 }
        return target.methods.xSectorSize?(target.file) ?? 4096
      },
      xDeviceCharacteristics: { file in
        guard let target = CountingVFS.forward(file) else { return 0 }
        return target.methods.xDeviceCharacteristics?(target.file) ?? 0
      },
      xShmMap: { file, region, size, extend, pointer in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xShmMap?(target.file, region, size, extend, pointer) ?? SQLITE_IOERR
      },
      xShmLock: { file, offset, count, flags in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xShmLock?(target.file, offset, count, flags) ?? SQLITE_IOERR
      },
      xShmBarrier: { file in
        guard let target = CountingVFS.forward(file) else { return }
        target.methods.xShmBarrier?(target.file)
      },
      xShmUnmap: { file, delete in
        guard let target = CountingVFS.forward(file) else { return SQLITE_OK }
        return target.methods.xShmUnmap?(target.file, delete) ?? SQLITE_OK
      },
      xFetch: { file, offset, amount, pointer in
        guard let target = CountingVFS.forward(file) else { return SQLITE_IOERR }
        return target.methods.xFetch?(target.file, offset, amount, pointer) ?? SQLITE_IOERR
      },
      xUnfetch: { file, offset, pointer in
        guard let target = CountingVFS.forward(file) else { return SQLITE_OK }
        return target.methods.xUnfetch?(target.file, offset, pointer) ?? SQLITE_OK
      })
  }
}
