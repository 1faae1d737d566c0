"""timeline: turn a folder of news articles into an annotated, source-cited HTML timeline."""

__version__ = "0.1.0"
