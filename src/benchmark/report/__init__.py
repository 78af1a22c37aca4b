"""The compendium: what it holds (``content``) and how it is laid out (``layout``), both free of
any file format; the Excel writer (and any later renderer) draws the same sections."""
