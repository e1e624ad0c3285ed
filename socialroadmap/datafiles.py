"""Reading the JSON or YAML files people hand to the command line (answers, queries)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml


class DataFileError(ValueError):
    """A file that cannot be read or parsed; the message names the file and the reason."""


def read_json_or_yaml(path: Path) -> Any:
    """The parsed content of ``path``: JSON when it ends in ``.json``, YAML otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise DataFileError(f"cannot read {path}: {reason}") from None
    is_json = path.suffix.lower() == ".json"
    try:
        return json.loads(text) if is_json else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DataFileError(
            f"{path}: not valid {'JSON' if is_json else 'YAML'}: {reason}"
        ) from None
