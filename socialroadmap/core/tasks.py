"""Jobs that belong to no area of the roadmap."""

from __future__ import annotations

import socket

from celery import shared_task

from socialroadmap.core.analysis import analyze_lines
from socialroadmap.core.views import database_answers

# Imported so that the worker's task discovery (which reads `tasks` modules) registers it.
__all__ = ["analyze_lines", "check_worker"]


@shared_task(name="core.check_worker")
def check_worker(token: str) -> dict[str, object]:
    """Answer from the worker: echo ``token``, name the host, and say if the database answers.

    Used by operators (`socialroadmap worker --check`) and the broker tests.
    """
    return {"token": token, "hostname": socket.gethostname(), "database": database_answers()}
