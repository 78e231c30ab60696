#include "CSQLiteConfig.h"

#include <sqlite3.h>

int csc_db_config_int(void *db, int option, int value, int *now) {
  return sqlite3_db_config((sqlite3 *)db, option, value, now);
}
