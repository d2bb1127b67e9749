import Foundation

/// A `--params-file` batch for the sharding tests: a notebook, its data and
/// a params file of seven runs, and a way to read an output folder's files.
enum BatchFixture {
  /// Seven runs, two of them with the same params (so one stem depends on an
  /// earlier row, which a shard may not render), a CSV export, a GLM and
  /// summary cards in the index.
  static func make() throws -> URL {
    let dir = try FolioProcess.temporaryDirectory()
    var csv = "REGION,WEEK,PRICE,SALES\n"
    for (r, region) in ["North", "South", "East", "West"].enumerated() {
      for w in 0..<12 {
        let price = 2.0 + Double((w * 7 + r * 3) % 11) / 10
        csv += "\(region),\(w + 1),\(price),\(100 + r * 20 + (w * 13) % 17 - Int(price * 9))\n"
      }
    }
    try csv.write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    try "region,min_week\nNorth,1\nSouth,1\nEast,3\nNorth,1\nWest,2\nSouth,5\nEast,1\n"
      .write(to: dir.appendingPathComponent("runs.csv"), atomically: true, encoding: .utf8)
    try """
      ---
      title: Price response by region
      params: {region: North, min_week: 1}
      seed: 3
      ---
      ```{data} d
      csv: d.csv
      filter: REGION == '{{ params.region }}' and WEEK >= {{ params.min_week }}
      ```

      ```{glm} fit
      data: d
      formula: SALES ~ PRICE
      ```

      ```{table} weeks
      data: d
      export: true
      ```

      ```{summary}
      headline: "In {{ params.region }} a price rise of 1 changes sales by {{ fit.params.PRICE | fixed: 2 }}."
      cards:
        - value: "{{ fit.params.PRICE | fixed: 3 }}"
          label: Price slope
        - value: "{{ d.rows }}"
          label: Weeks
      ```
      """.write(to: dir.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Every regular file under `root` (the block cache left out, which is
  /// not part of the outputs) by relative path, with its bytes.
  static func files(under root: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let base = root.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return out }
    while let relative = walker.nextObject() as? String {
      if relative == ".folio-cache" { walker.skipDescendants(); continue }
      var isFolder: ObjCBool = false
      let path = (base as NSString).appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        out[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
      }
    }
    return out
  }
}
