// sqlite3_db_config is C-variadic, which Swift cannot call. This wrapper takes fixed arguments.
#pragma once

/// Sets the integer option `option` (an `SQLITE_DBCONFIG_*` value) of the connection `db`
/// (a `sqlite3 *`) to `value`. Returns the SQLite result code; `*now` receives the new setting.
int csc_db_config_int(void *db, int option, int value, int *now);
