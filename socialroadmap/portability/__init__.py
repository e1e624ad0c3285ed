"""Moving an organisation out of and into a database: export to a zip, restore from it.

``catalog`` decides which models hold an organisation's data (found generically from
the ``organization`` foreign keys), ``export`` writes them, ``restore`` reads them back.
The format is described in ``docs/export-and-restore.md``.
"""
