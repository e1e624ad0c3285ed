"""Enqueue background work after the current transaction commits.

Under the embedded default Celery runs tasks eagerly, in the caller; with a broker they
go to the workers. Either way a job only starts once the rows it reads are committed.
"""

from __future__ import annotations

from typing import Any

from celery import Task
from django.db import transaction


def enqueue(task: Task, *args: Any, **kwargs: Any) -> None:
    """Run ``task`` with ids (never model instances) once the transaction commits."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
