import GRDBSQLite

/// What a user's query may do in the SQL lab, as SQLite's authorizer asks it.
///
/// It may read tables, call the functions on an allow-list, and read the pragmas that describe
/// tables. Everything else is refused with a reason a person can act on.
enum SandboxPolicy {
  /// Why SQLite's request `action` (an `SQLITE_*` authorizer code, with its two detail strings
  /// and the database it concerns) is refused, or nil when it is allowed.
  static func refusal(action: Int32, _ first: String?, _ second: String?, database: String?)
    -> String?
  {
    switch action {
    case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
      return nil
    case SQLITE_UPDATE
    where database == "main" && ["sqlite_master", "sqlite_schema"].contains(first ?? ""):
      // SQLite 3.40 asks this, and never runs it, when a query first uses a table-valued
      // function such as pragma_table_info; refusing it fails the query. The connection is
      // read-only and defensive, so the schema cannot be written anyway.
      return nil
    case SQLITE_FUNCTION:
      return refusal(function: second ?? first ?? "")
    case SQLITE_PRAGMA:
      let name = (first ?? "").lowercased()
      if readablePragmas.contains(name) { return nil }
      return "pragma_\(name) is not allowed in the SQL lab (pragmas can change how the database "
        + "engine works); the ones that describe tables are: "
        + readablePragmas.sorted().map { "pragma_\($0)" }.joined(separator: ", ")
    case SQLITE_ATTACH, SQLITE_DETACH:
      return "ATTACH and DETACH are not allowed in the SQL lab (they open or close another "
        + "database file); queries run on the question's dataset only"
    case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
      return "transactions are not used in the SQL lab: each query runs on its own fresh copy of "
        + "the dataset"
    case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
      let table = first.map { " `\($0)`" } ?? ""
      return "this query would change the table\(table); only queries that read (SELECT, WITH) "
        + "are run here"
    default:
      return "this statement would change the database or how it works; only queries that read "
        + "(SELECT, WITH) are run here"
    }
  }

  /// Why calling the SQL function `name` is refused, or nil when it is allowed.
  static func refusal(function name: String) -> String? {
    let key = name.lowercased()
    if allowedFunctions.contains(key) { return nil }
    if let why = dangerousFunctions[key] {
      return "\(key)() is not allowed in the SQL lab (\(why))"
    }
    return "\(key)() is not available in the SQL lab, which allows SQLite's core, aggregate, "
      + "window, date, math and JSON functions"
  }

  /// Functions refused with a specific reason: they reach outside the query.
  static let dangerousFunctions: [String: String] = [
    "fts3_tokenizer": "it can change the database engine itself",
    "load_extension": "it loads code into the program",
    "readfile": "it reads files on your computer",
    "writefile": "it writes files on your computer",
    "edit": "it starts an editor",
    "fts5": "it hands out a pointer into the database engine",
    "sqlite_compileoption_get": "it describes the engine, not the data",
    "sqlite_compileoption_used": "it describes the engine, not the data",
    "sqlite_source_id": "it describes the engine, not the data",
    "sqlite_log": "it writes to the program's log",
  ]

  /// Pragmas a query may read as table-valued functions (`pragma_table_info('t')`): the ones
  /// that describe the dataset's tables.
  static let readablePragmas: Set<String> = [
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list",
  ]

  /// SQLite's core scalar, aggregate, window, date, math and JSON functions (those of recent
  /// releases too, so a newer SQLite finds them allowed), and the full-text search helpers.
  static let allowedFunctions: Set<String> = [
    // Core scalar functions.
    "abs", "changes", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "if",
    "ifnull", "iif", "instr", "last_insert_rowid", "length", "like", "likelihood", "likely",
    "lower", "ltrim", "max", "min", "nullif", "octet_length", "printf", "quote", "random",
    "randomblob", "replace", "round", "rtrim", "sign", "soundex", "sqlite_version", "substr",
    "substring", "total_changes", "trim", "typeof", "unhex", "unicode", "unistr",
    "unistr_quote", "unlikely", "upper", "zeroblob", "subtype",
    // Aggregate functions.
    "avg", "count", "group_concat", "string_agg", "sum", "total", "median", "percentile",
    "percentile_cont", "percentile_disc",
    // Window functions.
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value",
    // Date and time.
    "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
    "current_date", "current_time", "current_timestamp",
    // Math.
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos",
    "cosh", "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow",
    "power", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
    // JSON.
    "->", "->>", "json", "json_array", "json_array_length", "json_error_position",
    "json_extract", "json_group_array", "json_group_object", "json_insert", "json_object",
    "json_patch", "json_pretty", "json_quote", "json_remove", "json_replace", "json_set",
    "json_type", "json_valid", "jsonb", "jsonb_array", "jsonb_extract", "jsonb_group_array",
    "jsonb_group_object", "jsonb_insert", "jsonb_object", "jsonb_patch", "jsonb_remove",
    "jsonb_replace", "jsonb_set",
    // Full-text search on a dataset's FTS tables.
    "match", "bm25", "highlight", "snippet", "offsets", "matchinfo",
  ]
}
