/// Folio version, printed in every report footer and part of every cache key.
public let folioVersion = "0.1.0"
