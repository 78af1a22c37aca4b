"""CSV and TSV files: decoded (:mod:`~benchmark.io.delimited.decode`), then parsed into a
:class:`~benchmark.io.raw.RawTable` (:mod:`~benchmark.io.delimited.read`), a large file in two
halves at once (:mod:`~benchmark.io.delimited.halves`)."""
