import CLibEdit
import Foundation

/// SIGTERM and SIGHUP while skillquiz waits for input: recorded instead of fatal, so a quiz
/// in progress is ended early and history is saved before the process exits (with 128 + the
/// signal's number).
///
/// A reader returns end of input once one has arrived: libedit's blocking read is interrupted
/// (`EINTR`), and no read starts afterwards.
public enum TerminationSignals {
  /// Catches SIGTERM and SIGHUP from now on; one ignored at start (as under `nohup`) stays
  /// ignored.
  public static func catchThem() {
    _ = cle_catch_termination(SIGTERM)
    _ = cle_catch_termination(SIGHUP)
  }

  /// The signal that asked the process to end, if one came.
  public static var received: Int32? {
    let signal = cle_received_termination()
    return signal == 0 ? nil : signal
  }
}
