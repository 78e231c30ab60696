import GRDB

/// The versioned schema of the progress database; append migrations, never edit one.
enum StoreMigrations {
  static var migrator: DatabaseMigrator {
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
    return migrator
  }
}
