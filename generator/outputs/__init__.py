"""Extra products of the build (handouts, LMS packages, exports), one folder each."""
