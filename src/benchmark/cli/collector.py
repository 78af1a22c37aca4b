"""Python's cyclic garbage collector around a command: paused while the libraries load, then told
to leave what they loaded alone.

Importing pandas, numpy, Rich and Typer makes about half a million objects that live until the
process ends. With the collector running, each collection during the imports walks all of them
again (about 0.1 s of `benchmark rank` on the sample), and the collection Python makes as it
exits walks them once more (about 0.2 s). Nothing among them is garbage, so :func:`pause` stops
collections while the command starts up and reads its data, :func:`resume` moves every object
alive by then out of the collector's sight (``gc.freeze``) and collects as usual from there, and
:func:`before_exit` does the same for whatever a command leaves. Measured in docs/performance.md.

Objects are still freed as soon as nothing refers to them. A reference cycle that becomes garbage
while collections are paused is frozen with the rest and kept until the process exits (importing
pandas leaves about 800 such objects), so the reading code keeps no caught exception with its
traceback, the usual way to make one that holds data.
"""

from __future__ import annotations

import gc

_paused = False  # by main(), the console entry point; not when the app is run some other way


def pause() -> None:
    """No collections from here until :func:`resume` (start-up: imports and reading the data)."""
    global _paused
    _paused = True
    gc.disable()


def resume() -> None:
    """After :func:`pause`, leave the objects alive now out of every later collection, and collect
    as usual again; otherwise (a test, the app called from Python) nothing changes."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def before_exit() -> None:
    """Spare the exit's walk over objects that live to the end anyway, and leave the collector
    on, as it was found (for a caller of main() that goes on running)."""
    resume()
    gc.freeze()
