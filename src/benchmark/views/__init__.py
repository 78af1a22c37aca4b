"""Views: analysis results turned into format-free :class:`~benchmark.render.view.TableView`
tables (columns with their kinds, rows, captions and notes) that every renderer can draw."""
