"""Run the pipeline: every stage in order, into an atomically replaced output folder.

``build`` (the stages, output safety), ``cache`` (per-article results kept between builds),
``digest`` (fast pickles and hashes for the cache).
"""
