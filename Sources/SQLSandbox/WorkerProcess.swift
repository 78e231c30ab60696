import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One exchange with a child process: its standard input gets a request, its standard output
/// is read until it ends, within a deadline.
enum WorkerProcess {
  /// How an exchange ended.
  enum Exchange: Equatable {
    /// The child wrote this and exited with status 0.
    case answered(Data)
    /// The deadline passed; the child was killed.
    case timedOut
    /// The child ended otherwise: "signal 9", "status 65", or too much output.
    case ended(String)
    /// The child could not be started.
    case couldNotStart(String)
  }

  #if os(Linux)
  /// Starts `executable` with `arguments`, an empty environment, standard error on
  /// /dev/null and default signal handling; writes `input` to it and reads its answer.
  ///
  /// The child's standard input and output are one end of a socket pair, opened close-on-exec
  /// so that no other child started meanwhile inherits it (which would hold the answer's end
  /// of file back), and written with MSG_NOSIGNAL so that a child that dies early cannot
  /// raise SIGPIPE here.
  static func exchange(
    _ input: Data, executable: String, arguments: [String],
    deadline: ContinuousClock.Instant, outputLimit: Int
  ) -> Exchange {
    var pair: [Int32] = [-1, -1]
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    guard socketpair(AF_UNIX, type, 0, &pair) == 0 else {
      return .couldNotStart(String(cString: strerror(errno)))
    }
    let (mine, theirs) = (pair[0], pair[1])
    defer { close(mine) }
    let spawned = spawn(executable, arguments, standardIO: theirs)
    close(theirs)
    let pid: pid_t
    switch spawned {
    case .success(let child): pid = child
    case .failure(let error): return .couldNotStart(error.reason)
    }
    _ = fcntl(mine, F_SETFL, fcntl(mine, F_GETFL) | O_NONBLOCK)
    if input.isEmpty { shutdown(mine, Int32(SHUT_WR)) }
    var sent = 0
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let left = ContinuousClock.now.duration(to: deadline)
      guard left > .zero else { return killed(pid) }
      var watch = pollfd(
        fd: mine, events: Int16(POLLIN) | (sent < input.count ? Int16(POLLOUT) : 0), revents: 0)
      let milliseconds = Int32(
        left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
      let ready = poll(&watch, 1, milliseconds)
      if ready < 0, errno != EINTR { return killed(pid, "poll failed") }
      guard ready > 0 else { continue }
      if sent < input.count, watch.revents & Int16(POLLOUT) != 0 {
        let count = input.withUnsafeBytes { bytes in
          send(mine, bytes.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
        }
        if count > 0 { sent += count }
        if count < 0, errno != EAGAIN, errno != EINTR { sent = input.count }
        if sent == input.count { shutdown(mine, Int32(SHUT_WR)) }
      }
      if watch.revents & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0 {
        let count = buffer.withUnsafeMutableBytes { recv(mine, $0.baseAddress, $0.count, 0) }
        if count == 0 { break }
        if count < 0 {
          if errno == EAGAIN || errno == EINTR { continue }
          break
        }
        output.append(contentsOf: buffer[0..<count])
        if output.count > outputLimit { return killed(pid, "too much output") }
      }
    }
    switch reap(pid, by: deadline + .seconds(1)) {
    case .running: return killed(pid, "it did not exit")
    case .exited(0), .gone: return .answered(output)
    case .exited(let status): return .ended("status \(status)")
    case .signaled(let signal): return .ended("signal \(signal)")
    }
  }

  /// Starts the child with `descriptor` as its standard input and output.
  private static func spawn(
    _ executable: String, _ arguments: [String], standardIO descriptor: Int32
  )
    -> Result<pid_t, SpawnError>
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, descriptor, 0)
    posix_spawn_file_actions_adddup2(&actions, descriptor, 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let environment: [UnsafeMutablePointer<CChar>?] = [nil]
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
    guard code == 0 else { return .failure(SpawnError(reason: String(cString: strerror(code)))) }
    return .success(pid)
  }

  /// Kills the child, reaps it, and says the deadline passed (or why it was killed).
  private static func killed(_ pid: pid_t, _ reason: String? = nil) -> Exchange {
    kill(pid, SIGKILL)
    _ = reap(pid, by: .now + .seconds(5))
    return reason.map { .ended($0) } ?? .timedOut
  }

  /// How a child ended, as far as waiting for it tells.
  private enum Ending {
    case exited(Int32)
    case signaled(Int32)
    /// Already reaped elsewhere; how it ended is unknown.
    case gone
    case running
  }

  /// Waits for the child to exit, until `deadline`.
  private static func reap(_ pid: pid_t, by deadline: ContinuousClock.Instant) -> Ending {
    var status: Int32 = 0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
      }
      if done < 0, errno != EINTR { return .gone }
      if ContinuousClock.now >= deadline { return .running }
      usleep(2000)
    }
  }
  #else
  /// Child processes are used on Linux only, where their limits are enforced.
  static func exchange(
    _ input: Data, executable: String, arguments: [String],
    deadline: ContinuousClock.Instant, outputLimit: Int
  ) -> Exchange {
    .couldNotStart("the SQL lab starts worker processes on Linux only")
  }
  #endif

  /// Why a child could not be started.
  struct SpawnError: Error {
    let reason: String
  }
}
