"""The production web server: gunicorn serving the WSGI application (whitenoise for static)."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from socialroadmap.wsgi import application

        return application


def run_server(bind: str, *, workers: int, threads: int, access_log: bool) -> None:
    """Serve until interrupted."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    options: dict[str, Any] = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 120,
        "graceful_timeout": 20,
        # Idle keep-alive connections stay open this long: longer than a browser's or a
        # script's usual pause between requests, so a request does not race the server
        # closing its connection (the client then sees "connection reset").
        "keepalive": 15,
        "forwarded_allow_ips": "127.0.0.1",
        "accesslog": "-" if access_log else None,
        # Gunicorn's usual line plus the time the request took in the server, in ms.
        "access_log_format": (
            '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
        ),
        "errorlog": "-",
        "loglevel": "info" if settings.DEBUG else "warning",
        "preload_app": True,
    }
    _Gunicorn(options).run()
