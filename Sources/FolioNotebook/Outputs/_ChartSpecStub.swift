public struct ChartSpec: Sendable, Equatable {}  // TEMP stub until charts merge
