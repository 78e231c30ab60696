import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Terminal set-up that libedit needs.
public enum TerminalLocale {
  /// Selects a UTF-8 `LC_CTYPE` so libedit edits multibyte characters as units.
  ///
  /// Uses the user's locale when it is UTF-8, and `C.UTF-8` otherwise.
  public static func adoptUTF8() {
    if let name = setlocale(LC_CTYPE, ""), String(cString: name).lowercased().contains("utf") {
      return
    }
    _ = setlocale(LC_CTYPE, "C.UTF-8")
  }
}
