"""The Django-free engine: text analysis, the query language and the maturity model.

Nothing under this package may import Django, the database or the network; its tests
run without either (see ``tests/engine``).
"""
