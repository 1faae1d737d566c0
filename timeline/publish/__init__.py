"""Publish and check a built site.

``deploy`` (sync into a folder or push a gh-pages branch), ``check`` (links, citations, exports).
"""
