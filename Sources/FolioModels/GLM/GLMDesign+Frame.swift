import FolioData
import FolioStats

/// A design built from a frame: the matrix, the frame rows it uses and how
/// many rows were dropped for missing values (statsmodels `missing='drop'`).
public struct GLMDesignData: Sendable {
  public var design: GLMDesign
  /// Zero-based frame row of each design row.
  public var rows: [Int]
  /// Rows dropped because a used column was missing there.
  public var droppedRows: Int
}

/// How one factor reads its column.
enum ResolvedFactor {
  case numeric([Double])
  /// Codes per row into `levels` (sorted like patsy), −1 missing.
  case categorical(codes: [Int32], levels: [String])
}

extension GLMDesign {
  /// Builds the design of `formula` over `frame`, dropping rows where the
  /// response, any factor's column or any of `extraColumns` is missing.
  ///
  /// Terms are ordered as patsy orders them: grouped by their set of numeric
  /// factors (the intercept's empty group first, then groups in order of
  /// first appearance), lower degree first within a group. A categorical
  /// factor uses treatment coding with the first level in sorted order as
  /// reference when its group's lower-order term is present (the intercept for
  /// plain `C(g)`), and full dummy coding otherwise.
  ///
  /// - Throws: `.unknownColumn` (with the formula offset), `.formula` for a
  ///   term with two categorical factors, `.unsupportedColumnType` for dates,
  ///   `.tooFewRows` when nothing is left.
  public static func build(
    _ formula: GLMFormula, from frame: Frame, extraColumns: [String] = []
  ) throws(GLMError) -> GLMDesignData {
    func column(_ name: String, offset: Int?) throws(GLMError) -> Column {
      guard let c = frame[name] else { throw .unknownColumn(name, offset: offset, available: frame.columnNames) }
      return c
    }
    // Which rows are complete.
    let n = frame.rowCount
    var keep = [Bool](repeating: true, count: n)
    var used: [(String, Int?)] = [(formula.response, formula.responseOffset)]
    for t in formula.terms { for f in t { used.append((f.column, f.offset)) } }
    for e in extraColumns { used.append((e, nil)) }
    var seen = Set<String>()
    for (name, off) in used where seen.insert(name).inserted {
      let c = try column(name, offset: off)
      if case .date = c { throw .unsupportedColumnType(name, role: "a model variable", type: .date) }
      for i in 0..<n where keep[i] && c.isMissing(i) { keep[i] = false }
    }
    let rows = (0..<n).filter { keep[$0] }
    let m = rows.count

    // Resolve every distinct factor once, over the kept rows.
    var resolved: [GLMFormula.Factor: ResolvedFactor] = [:]
    for t in formula.terms {
      for f in t where resolved[f] == nil {
        let c = try column(f.column, offset: f.offset)
        let categorical = f.explicitCategorical || c.type == .string
        resolved[f] = categorical ? categoricalFactor(c, rows: rows) : .numeric(numericValues(c, rows: rows))
      }
    }
    func isCategorical(_ f: GLMFormula.Factor) -> Bool {
      if case .categorical = resolved[f] { return true }
      return false
    }
    func factorName(_ f: GLMFormula.Factor) -> String { f.text }

    // Group and order terms like patsy.
    var groups: [[GLMFormula.Factor]] = [[]]
    for t in formula.terms {
      let key = t.filter { !isCategorical($0) }
      if !groups.contains(where: { Set($0) == Set(key) }) { groups.append(key) }
    }
    var names: [String] = []
    var denseCols: [[Double]] = []
    var denseIdx: [Int] = []
    var blocks: [GLMDesign.FactorBlock] = []
    for g in groups {
      let members = formula.terms.filter { t in Set(t.filter { !isCategorical($0) }) == Set(g) }
        .enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
      var spanned = g.isEmpty ? formula.hasIntercept : members.contains { $0.allSatisfy { !isCategorical($0) } }
      if g.isEmpty && formula.hasIntercept {
        names.append("Intercept")
        denseIdx.append(0)
        denseCols.append([Double](repeating: 1, count: m))
      }
      for t in members {
        let cats = t.filter(isCategorical)
        var product: [Double]? = nil
        for f in t where !isCategorical(f) {
          guard case .numeric(let v)? = resolved[f] else { continue }
          product = product.map { p in zip(p, v).map { $0 * $1 } } ?? v
        }
        if cats.isEmpty {
          denseIdx.append(names.count)
          names.append(t.map(factorName).joined(separator: ":"))
          denseCols.append(product ?? [Double](repeating: 1, count: m))
          continue
        }
        if cats.count > 1 {
          throw .formula(
            "interactions between two categorical factors are not supported", formula: formula.text,
            offset: cats[1].offset)
        }
        let cat = cats[0]
        guard case .categorical(let codes, let levels)? = resolved[cat] else { continue }
        let full = !spanned
        spanned = true
        let used = full ? levels : Array(levels.dropFirst())
        let shift: Int32 = full ? 0 : 1
        let first = names.count
        let prefix = cat.explicitCategorical ? "C(\(cat.column))" : cat.column
        for level in used {
          let levelName = prefix + (full ? "[\(level)]" : "[T.\(level)]")
          names.append(t.map { $0 == cat ? levelName : factorName($0) }.joined(separator: ":"))
        }
        let index = codes.map { $0 - shift }
        blocks.append(GLMDesign.FactorBlock(firstColumn: first, width: used.count, index: index, values: product))
      }
    }
    // Intercept's dense index is 0 only if present; recompute positions.
    let design = GLMDesign(
      columnNames: names, rowCount: m, dense: Matrix(columns: denseCols.isEmpty ? [] : denseCols),
      denseColumns: denseIdx, blocks: blocks)
    if m == 0 || m < names.count {
      throw .tooFewRows(remaining: m, parameters: names.count, dropped: n - m)
    }
    return GLMDesignData(design: design.withRowCount(m), rows: rows, droppedRows: n - m)
  }

  private func withRowCount(_ m: Int) -> GLMDesign {
    var d = self
    if denseColumns.isEmpty { d.dense = Matrix(rows: m, columns: 0) }
    return d
  }

  static func numericValues(_ c: Column, rows: [Int]) -> [Double] {
    switch c {
    case .number(let v): return rows.map { v[$0] }
    case .integer(let ic): return rows.map { Double(ic.values[$0]) }
    default: return [Double](repeating: .nan, count: rows.count)
    }
  }

  /// Levels present in `rows`, sorted: strings by Unicode scalars (Python's
  /// order), numbers numerically; codes index that sorted list.
  static func categoricalFactor(_ c: Column, rows: [Int]) -> ResolvedFactor {
    switch c {
    case .string(let sc):
      var present = [Bool](repeating: false, count: sc.levels.count)
      for r in rows where sc.codes[r] >= 0 { present[Int(sc.codes[r])] = true }
      let order = (0..<sc.levels.count).filter { present[$0] }.sorted {
        sc.levels[$0].unicodeScalars.lexicographicallyPrecedes(sc.levels[$1].unicodeScalars)
      }
      var remap = [Int32](repeating: -1, count: sc.levels.count)
      for (k, old) in order.enumerated() { remap[old] = Int32(k) }
      return .categorical(codes: rows.map { remap[Int(sc.codes[$0])] }, levels: order.map { sc.levels[$0] })
    case .integer(let ic):
      let vals = Array(Set(rows.map { ic.values[$0] })).sorted()
      let pos = Dictionary(uniqueKeysWithValues: vals.enumerated().map { ($1, Int32($0)) })
      return .categorical(codes: rows.map { pos[ic.values[$0]] ?? -1 }, levels: vals.map(String.init))
    case .number(let v):
      let vals = Array(Set(rows.map { v[$0] })).sorted()
      let pos = Dictionary(uniqueKeysWithValues: vals.enumerated().map { ($1, Int32($0)) })
      return .categorical(codes: rows.map { pos[v[$0]] ?? -1 }, levels: vals.map { $0.description })
    case .date(let dc):
      let vals = Array(Set(rows.map { dc.days[$0] })).sorted()
      let pos = Dictionary(uniqueKeysWithValues: vals.enumerated().map { ($1, Int32($0)) })
      return .categorical(codes: rows.map { pos[dc.days[$0]] ?? -1 }, levels: vals.map { CivilDate.isoString(days: Int($0)) })
    }
  }
}
