import _FolioLAPACK

/// The linked LAPACK's version, `major.minor.patch`; proves the bridge links.
public func lapackVersion() -> String {
  var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
  LAPACKE_ilaver(&major, &minor, &patch)
  return "\(major).\(minor).\(patch)"
}
