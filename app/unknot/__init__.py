"""unknot: guided back care in the terminal."""

__version__ = "0.1.0"
