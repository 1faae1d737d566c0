"""Preview: a live-reload server on loopback that rebuilds on every save.

``serve`` (HTTP server and rebuild loop), ``watch`` (file watcher), ``livereload`` (reload events).
"""
