"""`socialroadmap worker --beat` runs Celery beat inside the worker."""

from __future__ import annotations

from click.testing import CliRunner

from socialroadmap.celery_app import app
from socialroadmap.cli import main


def test_the_worker_runs_beat_when_asked(monkeypatch, tmp_path) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(app, "worker_main", started.append)
    env = {"REDIS_URL": "redis://127.0.0.1:1/0", "SOCIALROADMAP_DATA_DIR": str(tmp_path)}

    plain = CliRunner().invoke(main, ["worker"], env=env)
    with_beat = CliRunner().invoke(main, ["worker", "--beat"], env=env)

    assert plain.exit_code == 0 and with_beat.exit_code == 0, (plain.output, with_beat.output)
    assert "--beat" not in started[0]
    assert "--beat" in started[1]
    assert any(arg.startswith("--schedule=") for arg in started[1])
