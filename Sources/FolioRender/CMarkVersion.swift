import _FolioCMark

/// The linked libcmark's version string.
public func cmarkVersionString() -> String { String(cString: cmark_version_string()) }
