/// The data transforms a notebook `data` directive may name, for static
/// validation of options (`TransformStep.allCases`).
public enum TransformStep: String, Sendable, CaseIterable, CustomStringConvertible {
  case select
  case rename
  case fill
  case fillForward = "fill_forward"
  case filter
  case derive
  case groupBy = "group_by"
  case aggregate
  case join
  case pivot
  case sort
  case limit

  public var description: String { rawValue }
}
