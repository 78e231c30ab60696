import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Moves `-wal` checkpoints off the answer's path.
///
/// SQLite's automatic checkpoint runs inside the commit that pushes the log past 1,000 pages:
/// that answer waits while about 4 MB are copied into the database file and the file is
/// synced, which at a million answers is the slowest 1–2% of commits. Instead the writer
/// reports the log's size after each commit (`sqlite3_wal_hook`, which also switches the
/// automatic checkpoint off), and a passive checkpoint runs on its own connection and queue.
/// A passive checkpoint never waits for readers or writers, and commits go on while it copies:
/// the log is only restarted by a later commit, once every frame has been copied.
final class BackgroundCheckpointer: Sendable {
  /// The log size, in pages, that starts a checkpoint (SQLite's own default).
  static let threshold: Int32 = 1000

  /// The `sqlite3_open_v2` file name of the database (a URI when it names a VFS).
  private let location: String
  private let queue = DispatchQueue(label: "skillquiz.checkpoint", qos: .utility)
  private let scheduled = Mutex(false)

  init(location: String) {
    self.location = location
  }

  /// Makes `db`, the writer, report its log's size here instead of checkpointing itself.
  func install(on db: Database) {
    let context = Unmanaged.passUnretained(self).toOpaque()
    sqlite3_wal_hook(
      db.sqliteConnection,
      { context, _, _, pages in
        if let context, pages >= BackgroundCheckpointer.threshold {
          Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().schedule()
        }
        return SQLITE_OK
      }, context)
  }

  /// Starts a checkpoint unless one is already waiting or running.
  func schedule() {
    let alreadyScheduled = scheduled.withLock { scheduled in
      defer { scheduled = true }
      return scheduled
    }
    if alreadyScheduled { return }
    queue.async { [self] in
      scheduled.withLock { $0 = false }
      checkpoint()
    }
  }

  /// Waits for a scheduled checkpoint to finish.
  func drain() {
    queue.sync {}
  }

  /// Holds scheduled checkpoints back until `resume` (tests use it to see what a commit does).
  func suspend() {
    queue.suspend()
  }

  /// Lets held checkpoints run.
  func resume() {
    queue.resume()
  }

  /// One passive checkpoint on a connection of its own; a failure is left for the next one
  /// (the log only grows meanwhile, as it does while a reader holds it).
  private func checkpoint() {
    var connection: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
    defer { sqlite3_close_v2(connection) }
    guard sqlite3_open_v2(location, &connection, flags, nil) == SQLITE_OK else { return }
    sqlite3_busy_timeout(connection, 100)
    // A new connection sees the log only once it has read the database.
    sqlite3_exec(connection, "PRAGMA schema_version", nil, nil, nil)
    sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
  }
}
