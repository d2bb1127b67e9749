import FolioData
import FolioModels

/// Fitted parameters that sit at an edge of their search box, said in the
/// search table (a column), in the block's prose (a note on what it means)
/// and in its value (`at_bound`, `at_bound_count`, `channels.<c>.at_bound`).
struct MMMBoundaryReport {
  var hits: [MMMSearch.BoundaryHit]
  var labels: [String]
  var channels: [String]

  static let symbols = ["theta": "θ", "alpha": "α", "gamma": "γ", "shape": "shape", "scale": "scale"]
  static let meanings = [
    "theta": "carry-over", "alpha": "curve shape", "gamma": "half-saturation", "shape": "Weibull shape", "scale": "Weibull scale",
  ]

  /// "γ low, θ high" for the table, "–" when the channel has none.
  func cell(channel c: Int) -> String {
    let mine = hits.filter { $0.channel == c }
    return mine.isEmpty ? "–" : mine.map { "\(Self.symbols[$0.parameter] ?? $0.parameter) \($0.side == .lower ? "low" : "high")" }.joined(separator: ", ")
  }

  /// "GOOGLE γ (half-saturation) at the lower edge, …".
  var text: String {
    MMMText.list(hits.map {
      "\(labels[$0.channel]) \(Self.symbols[$0.parameter] ?? $0.parameter) (\(Self.meanings[$0.parameter] ?? $0.parameter)) at the \($0.side == .lower ? "lower" : "upper") edge"
    })
  }

  /// The explanation shown under the table when any parameter is at an edge.
  var notes: [BlockOutput] {
    guard !hits.isEmpty else { return [] }
    let channelsHit = Set(hits.map(\.channel)).count
    return [.note("\(hits.count) fitted parameter\(hits.count == 1 ? "" : "s") of \(channelsHit) channel\(channelsHit == 1 ? "" : "s") sit at (or within 1% of) the edge of the search range: \(text). The data did not pin these down inside the range, so the channel's ROI, marginal ROI and the plan's advice for it depend on where the range happens to end; treat them as weakly identified (a half-saturation at its lower edge makes a channel look saturated whatever its spend).")]
  }

  /// `value` with the boundary fields added.
  func adding(to value: Value) -> Value {
    guard case .object(var fields) = value else { return value }
    fields.append(("at_bound_count", .integer(hits.count)))
    fields.append(("at_bound", .string(text)))
    if let i = fields.firstIndex(where: { $0.0 == "channels" }), case .object(var perChannel) = fields[i].1 {
      for (k, entry) in perChannel.enumerated() {
        guard case .object(var f) = entry.1, let c = labels.firstIndex(of: entry.0) else { continue }
        f.append(("at_bound", .array(hits.filter { $0.channel == c }.map { .string($0.parameter) })))
        perChannel[k].1 = .object(f)
      }
      fields[i].1 = .object(perChannel)
    }
    return .object(fields)
  }
}
