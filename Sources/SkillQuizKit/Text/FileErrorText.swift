import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Foundation's file errors in plain words: "permission denied", not
/// "Error Domain=NSCocoaErrorDomain Code=513 …".
public enum FileErrorText {
  /// What went wrong, as a lowercase fragment.
  public static func reason(_ error: any Error) -> String {
    let error = error as NSError
    // On Linux the underlying error is a Swift `Error`, which `as? NSError` does not match.
    if let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
      underlying.domain == NSPOSIXErrorDomain
    {
      return reason(errno: Int32(underlying.code))
    }
    if error.domain == NSPOSIXErrorDomain { return reason(errno: Int32(error.code)) }
    guard error.domain == NSCocoaErrorDomain else {
      return TerminalText.sanitize(error.localizedDescription, keepNewlines: false)
    }
    switch CocoaError.Code(rawValue: error.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "the disk is full"
    case .fileWriteVolumeReadOnly: return "the file system is read-only"
    case .fileWriteFileExists: return "something of that name is in the way"
    case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding:
      return "it is not UTF-8 text"
    case .fileReadTooLarge: return "it is too large"
    default: return "the file system refused (code \(error.code))"
    }
  }

  /// An `errno` value in words: "a part of the path is a file, not a folder".
  public static func reason(errno code: Int32) -> String {
    switch code {
    case ENOENT: "no such file or folder"
    case EACCES, EPERM: "permission denied"
    case ENOTDIR: "a part of the path is a file, not a folder"
    case EISDIR: "it is a folder"
    case EEXIST: "something of that name is in the way"
    case ENOSPC, EDQUOT: "the disk is full"
    case EROFS: "the file system is read-only"
    default: String(cString: strerror(code)).lowercased()
    }
  }
}
