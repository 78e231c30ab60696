import Foundation
import GRDB
import GRDBSQLite
import SkillQuizKit

/// Reads answers from the columns of `AnswerRowDecoder.sql`, by position, straight from SQLite.
///
/// Streaming every answer spends its time per row, so this skips what GRDB's by-name lookup
/// costs (a lowercased name per column) and parses the stored time by hand. The values are the
/// ones `AnswerStore.answer(from:)` reads; the tests hold the two equal.
struct AnswerRowDecoder {
  /// Every answer, oldest first, in the columns `decode` reads.
  static let sql = """
    SELECT quiz_id, question_id, area_id, topic_id, difficulty, mode, response, score, skipped,
      unsure, answered_at, duration_ms
    FROM answer INDEXED BY answer_by_time ORDER BY answered_at, id
    """

  /// The answer at the statement's current row.
  static func decode(_ statement: SQLiteStatement) throws(UnreadableTime) -> AnswerRecord {
    AnswerRecord(
      quizID: sqlite3_column_type(statement, 0) == SQLITE_NULL
        ? nil : sqlite3_column_int64(statement, 0),
      questionID: text(statement, 1), areaID: text(statement, 2), topicID: text(statement, 3),
      difficulty: Difficulty(rawValue: text(statement, 4)) ?? .medium,
      mode: AnswerMode(rawValue: text(statement, 5)) ?? .quiz,
      response: sqlite3_column_type(statement, 6) == SQLITE_NULL ? nil : text(statement, 6),
      score: sqlite3_column_double(statement, 7),
      isSkipped: sqlite3_column_int64(statement, 8) != 0,
      isUnsure: sqlite3_column_int64(statement, 9) != 0,
      answeredAt: try date(statement, 10),
      duration: sqlite3_column_type(statement, 11) == SQLITE_NULL
        ? nil : Double(sqlite3_column_int64(statement, 11)) / 1000)
  }

  /// A stored answer time that is not a date GRDB can read.
  struct UnreadableTime: Error {
    /// What is stored.
    let text: String
  }

  /// A column's text, cut at a NUL as GRDB reads it.
  private static func text(_ statement: SQLiteStatement, _ column: Int32) -> String {
    guard let characters = sqlite3_column_text(statement, column) else { return "" }
    return String(cString: characters)
  }

  /// The answer's time: `yyyy-MM-dd HH:mm:ss.SSS` in UTC (how GRDB stores dates) by hand for
  /// 1900–9999, any other form GRDB reads by GRDB.
  private static func date(_ statement: SQLiteStatement, _ column: Int32) throws(UnreadableTime)
    -> Date
  {
    if sqlite3_column_type(statement, column) == SQLITE_TEXT,
      sqlite3_column_bytes(statement, column) == 23,
      let characters = sqlite3_column_text(statement, column),
      let date = storedDate(UnsafeBufferPointer(start: characters, count: 23))
    {
      return date
    }
    guard let date = Date(sqliteStatement: statement, index: column) else {
      throw UnreadableTime(
        text: sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "NULL")
    }
    return date
  }

  /// `yyyy-MM-dd HH:mm:ss.SSS` as a date, or nil for another form, a field out of range, or a
  /// year outside 1900–9999 (where the calendar GRDB uses is not the proleptic one).
  static func storedDate(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
    guard text.count == 23, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
      text[10] == UInt8(ascii: " "), text[13] == UInt8(ascii: ":"),
      text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: ".")
    else { return nil }
    func number(_ start: Int, _ count: Int) -> Int? {
      var value = 0
      for index in start..<(start + count) {
        let digit = Int(text[index]) - Int(UInt8(ascii: "0"))
        guard (0...9).contains(digit) else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    guard let year = number(0, 4), (1900...9999).contains(year),
      let month = number(5, 2), (1...12).contains(month),
      let day = number(8, 2), day >= 1, day <= daysIn(month: month, year: year),
      let hour = number(11, 2), hour < 24, let minute = number(14, 2), minute < 60,
      let second = number(17, 2), second < 60, let millis = number(20, 3)
    else { return nil }
    let days = daysFrom1970(year: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
    // The same sum Foundation's calendar makes for GRDB, from the reference date: the `Date`
    // can differ from GRDB's in its last bit near 2001, never in its millisecond.
    return Date(
      timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millis) / 1000)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Howard Hinnant's days_from_civil: days from 1970-01-01 in the proleptic Gregorian calendar.
  static func daysFrom1970(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}

extension AnswerStore {
  /// Calls `body` with every answer, oldest first, one at a time.
  ///
  /// Memory stays constant whatever the history's size. `body` may throw to stop.
  public func forEachAnswer(_ body: (AnswerRecord) throws -> Void) throws(any Error) {
    do {
      try pool.read { db in
        try AnswerStore.withStreamingCache(db)
        defer { AnswerStore.restoreReaderCache(db) }
        let statement = try db.makeStatement(sql: AnswerRowDecoder.sql)
        let rows = try Row.fetchCursor(statement)
        while try rows.next() != nil {
          try body(try AnswerRowDecoder.decode(statement.sqliteStatement))
        }
      }
    } catch let error as DatabaseError {
      throw Self.translate(error, path: path)
    } catch let error as AnswerRowDecoder.UnreadableTime {
      throw StoreError.corrupt(path: path, reason: "an answer's time '\(error.text)' is not a date")
    }
  }
}
