import GRDB
import SkillQuizKit

/// The versioned schema of the progress database; append migrations, never edit one.
enum StoreMigrations {
  static var migrator: DatabaseMigrator { migrator(progress: SilentProgress()) }

  /// The migrator; long migrations report how far they have got to `progress`.
  static func migrator(progress: any ProgressReporter) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-quizzes-and-answers") { db in
      try db.execute(
        sql: """
          CREATE TABLE quiz (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at DATETIME NOT NULL,
            finished_at DATETIME,
            scope TEXT NOT NULL,
            requested_count INTEGER NOT NULL,
            difficulty TEXT,
            seed INTEGER,
            status TEXT NOT NULL
          );
          CREATE TABLE answer (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            quiz_id INTEGER REFERENCES quiz(id) ON DELETE SET NULL,
            question_id TEXT NOT NULL,
            area_id TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            difficulty TEXT NOT NULL,
            mode TEXT NOT NULL DEFAULT 'quiz',
            response TEXT,
            score REAL NOT NULL,
            correct BOOLEAN NOT NULL,
            skipped BOOLEAN NOT NULL DEFAULT 0,
            unsure BOOLEAN NOT NULL DEFAULT 0,
            answered_at DATETIME NOT NULL,
            duration_ms INTEGER
          );
          CREATE INDEX answer_by_question ON answer(question_id, answered_at);
          CREATE INDEX answer_by_area ON answer(area_id, topic_id, answered_at);
          CREATE INDEX answer_by_quiz ON answer(quiz_id);
          """)
    }
    migrator.registerMigration("v2-review-cards") { db in
      try db.execute(
        sql: """
          CREATE TABLE card (
            question_id TEXT PRIMARY KEY,
            area_id TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due DATETIME NOT NULL,
            last_review DATETIME,
            reviews INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX card_by_due ON card(due);
          CREATE TABLE review_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            answer_id INTEGER REFERENCES answer(id) ON DELETE SET NULL,
            question_id TEXT NOT NULL,
            rating INTEGER NOT NULL,
            state_before INTEGER NOT NULL,
            reviewed_at DATETIME NOT NULL,
            due_after DATETIME NOT NULL,
            duration_ms INTEGER
          );
          CREATE INDEX review_log_by_question ON review_log(question_id, reviewed_at);
          CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          """)
      try CardReplay.rebuild(db)
    }
    migrator.registerMigration("v3-assessments-and-calibration") { db in
      try db.execute(
        sql: """
          CREATE TABLE assessment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            quiz_id INTEGER REFERENCES quiz(id) ON DELETE SET NULL,
            scope TEXT NOT NULL,
            area_id TEXT NOT NULL,
            finished_at DATETIME NOT NULL,
            theta REAL NOT NULL,
            standard_error REAL NOT NULL,
            items INTEGER NOT NULL
          );
          CREATE INDEX assessment_by_scope ON assessment(scope, finished_at);
          CREATE TABLE item_calibration (
            question_id TEXT PRIMARY KEY,
            b REAL NOT NULL,
            responses INTEGER NOT NULL,
            updated_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v4-calibrated-discrimination") { db in
      try db.execute(sql: "ALTER TABLE item_calibration ADD COLUMN a REAL")
    }
    migrator.registerMigration("v5-imported-openings") { db in
      try db.execute(
        sql: """
          CREATE TABLE imported_opening (
            id TEXT PRIMARY KEY,
            opening_json TEXT NOT NULL,
            imported_at DATETIME NOT NULL
          );
          """)
    }
    migrator.registerMigration("v6-evidence-and-incomplete-assessments") { db in
      // A question's evidence is its first answer, given before its key was ever shown; the
      // table is rebuilt here from the stored answers and kept by `record` from now on.
      try db.execute(
        sql: """
          CREATE TABLE first_answer (
            question_id TEXT PRIMARY KEY,
            answer_id INTEGER NOT NULL,
            correct BOOLEAN NOT NULL,
            skipped BOOLEAN NOT NULL,
            answered_at DATETIME NOT NULL
          );
          INSERT INTO first_answer (question_id, answer_id, correct, skipped, answered_at)
            SELECT question_id, id, correct, skipped, answered_at FROM (
              SELECT *, ROW_NUMBER() OVER (
                PARTITION BY question_id ORDER BY answered_at, id) AS position
              FROM answer)
            WHERE position = 1;
          ALTER TABLE assessment ADD COLUMN status TEXT NOT NULL DEFAULT 'complete';
          ALTER TABLE assessment ADD COLUMN minimum_items INTEGER NOT NULL DEFAULT 8;
          """)
    }
    migrator.registerMigration("v7-application-id-and-identity") { db in
      // The application id tells a skillquiz database from another program's; the random
      // identity ties a `-wal` file to its database (see `WriteAheadLog`).
      try db.execute(sql: "PRAGMA application_id = \(DatabaseHeader.skillquizApplicationID)")
      try db.execute(sql: "PRAGMA user_version = \(Int32.random(in: 1...Int32.max))")
    }
    migrator.registerMigration(HistoryAggregates.migration) { db in
      // Running totals beside the answers, kept by `record` from now on, so that no command
      // reads every answer; built here from the stored answers (see `HistoryAggregates`).
      try HistoryAggregates.createSchema(db)
      try HistoryAggregates.rebuild(db, progress: progress)
    }
    migrator.registerMigration("v9-openings-index") { db in
      // Every opening, shipped (`openings.yaml`) or imported, indexed for `jobs`: the columns
      // filters test, the requirements as (kind, weight) records over numbered requirement
      // kinds for ranking, and the whole opening apart, read only for the few shown. The index is derived data: shipped openings are
      // synced when the file's fingerprint in `opening_sync` changes, imported ones are
      // written with `imported_opening` and indexed again whenever the counts disagree.
      try db.execute(
        sql: """
          CREATE TABLE opening (
            key INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            workplace TEXT NOT NULL,
            employment_type TEXT NOT NULL,
            seniority_min INTEGER,
            seniority_max INTEGER,
            date_posted TEXT,
            requirements BLOB NOT NULL,
            UNIQUE (kind, id)
          );
          CREATE TABLE opening_requirement_kind (
            id INTEGER PRIMARY KEY,
            skills TEXT NOT NULL,
            threshold REAL NOT NULL,
            UNIQUE (skills, threshold)
          );
          CREATE INDEX opening_by_workplace ON opening(workplace);
          CREATE INDEX opening_by_employment_type ON opening(employment_type);
          CREATE TABLE opening_json (
            opening_key INTEGER PRIMARY KEY REFERENCES opening(key) ON DELETE CASCADE,
            json TEXT NOT NULL
          );
          CREATE TABLE opening_place (
            opening_key INTEGER NOT NULL REFERENCES opening(key) ON DELETE CASCADE,
            part TEXT NOT NULL
          );
          CREATE INDEX opening_place_by_opening ON opening_place(opening_key);
          CREATE TABLE opening_sync (
            kind TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            file_signature TEXT NOT NULL DEFAULT '',
            diagnostics_json TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("v10-answers-by-time") { db in
      // Every answer in time order: `export` streams them in that order instead of sorting a
      // million rows in temporary files (190 MB written at 1M answers). The partial index of
      // right timed answers stays: a long run of misses or skips must not lengthen the median's
      // read. Each entry is appended at the end, so a commit adds one hot page.
      progress.begin("Indexing answers by time", total: 0)
      defer { progress.end() }
      try db.execute(sql: "CREATE INDEX answer_by_time ON answer(answered_at)")
    }
    return migrator
  }
}
