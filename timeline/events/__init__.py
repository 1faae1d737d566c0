"""Build events: dated sentences become events, reports of one event are merged, then enriched.

``sentences`` (splitting) -> ``extract`` (one event per dated sentence) -> ``merge`` (one event,
several citations) -> ``status``, ``headline``, ``annotations`` (editors' corrections).
"""
