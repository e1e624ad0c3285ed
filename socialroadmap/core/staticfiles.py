"""plotly.js for the dashboards, served as ``vendor/plotly/plotly.min.js`` straight from
the installed plotly package: no copy in the repository, no CDN, and none of the rest of
the package's data (its 5 MB widget bundle and datasets would only slow down
``collectstatic``, which compresses every file)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage
from whitenoise import storage
from whitenoise.compress import Compressor

PREFIX = "vendor/plotly"
NAME = "plotly.min.js"
BROTLI_QUALITY = 5


def _package_data() -> Path | None:
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "package_data"
    return folder if (folder / NAME).is_file() else None


class PlotlyFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.folder = _package_data()

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        found = (
            [str(self.folder / NAME)]
            if self.folder is not None and path == f"{PREFIX}/{NAME}"
            else []
        )
        return found if (find_all or kwargs.get("all")) else (found[0] if found else [])

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        if self.folder is not None:
            storage = FileSystemStorage(location=self.folder)
            storage.prefix = PREFIX  # type: ignore[attr-defined]
            yield NAME, storage


class _QuickBrotli(Compressor):
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        import brotli

        result: bytes = brotli.compress(data, quality=BROTLI_QUALITY)
        return result


class CompressedStaticFilesStorage(storage.CompressedStaticFilesStorage):
    """Whitenoise's compressed storage, with brotli (when it is installed) at quality 5
    instead of 11: within a few per cent of the size, in a fraction of the time, which
    matters because ``socialroadmap serve`` collects the static files at every start."""

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return _QuickBrotli(**kwargs)
