import Foundation
import GRDBSQLite
import SkillQuizKit
import Synchronization

/// Built datasets kept as SQLite images, so each dataset is built once and every query gets a
/// fresh copy of it.
///
/// A dataset is built on its own connection and serialized (`sqlite3_serialize`); each query
/// opens a new in-memory connection and loads a private copy of the image
/// (`sqlite3_deserialize`), so a query never sees another's connection, settings or temporary
/// state. Keyed by dataset id and checked against the whole dataset, so two datasets that share
/// an id are never confused. A dataset that fails to build is remembered with its error.
final class DatasetImages: Sendable {
  private struct Built {
    var dataset: SQLDataset
    var image: Result<Data, SandboxSQLiteError>
  }

  private struct State {
    var built: [String: Built] = [:]
    var builds = 0
  }

  private let state = Mutex(State())

  /// Creates an empty cache.
  init() {}

  /// How many times a dataset was built (not copied) so far.
  var builds: Int { state.withLock { $0.builds } }

  /// A fresh database holding `dataset`: a copy of its image, built now if it was not yet.
  func database(holding dataset: SQLDataset) throws(SandboxSQLiteError) -> SandboxDatabase {
    let image = try image(of: dataset).get()
    return try SandboxDatabase.loading(image)
  }

  /// The image of `dataset`, or why it does not build.
  private func image(of dataset: SQLDataset) -> Result<Data, SandboxSQLiteError> {
    if let known = state.withLock({ $0.built[dataset.id] }), known.dataset == dataset {
      return known.image
    }
    let image = Result { () throws(SandboxSQLiteError) -> Data in
      try SandboxDatabase.holding(dataset).serialized()
    }
    state.withLock {
      $0.built[dataset.id] = Built(dataset: dataset, image: image)
      $0.builds += 1
    }
    return image
  }
}
