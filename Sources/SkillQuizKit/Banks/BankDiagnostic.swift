/// A problem found in a bank file, with its place and how to fix it.
public struct BankDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Whether the problem stops something from loading.
  public enum Severity: String, Sendable, Codable {
    case error
    case warning
  }

  /// How serious the problem is.
  public let severity: Severity
  /// Where it is.
  public let location: SourceLocation
  /// What is wrong, as a lowercase fragment.
  public let message: String
  /// How to fix it, when there is something to say.
  public let fix: String?

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, at location: SourceLocation, _ message: String, fix: String? = nil
  ) {
    self.severity = severity
    self.location = location
    self.message = message
    self.fix = fix
  }

  /// The compiler-style line, `file:line:column: error: message`, plus the fix.
  ///
  /// Paths and messages quote bank text, so control characters and escape sequences are made
  /// visible: this text goes to terminals.
  public var description: String {
    var text = TerminalText.sanitize(
      "\(location): \(severity.rawValue): \(message)", keepNewlines: false)
    if let fix { text += "\n    fix: " + TerminalText.sanitize(fix, keepNewlines: false) }
    return text
  }
}

/// What happened to one bank file while loading.
public struct BankFileReport: Sendable, Hashable {
  /// The file.
  public let path: String
  /// The area the file declares, when it could be read.
  public let areaID: String?
  /// How many questions loaded.
  public let loadedCount: Int
  /// How many questions were skipped because they had errors.
  public let skippedCount: Int
  /// Why the whole file was skipped, when it was.
  public let skipReason: String?

  /// Creates a report.
  public init(
    path: String, areaID: String?, loadedCount: Int, skippedCount: Int, skipReason: String?
  ) {
    self.path = path
    self.areaID = areaID
    self.loadedCount = loadedCount
    self.skippedCount = skippedCount
    self.skipReason = skipReason
  }
}
