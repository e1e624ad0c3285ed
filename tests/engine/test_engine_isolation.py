import pkgutil
import subprocess
import sys

import socialroadmap.engine


def test_importing_the_engine_never_imports_django() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(socialroadmap.engine.__path__, "socialroadmap.engine.")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {['socialroadmap.engine', *modules]!r}: importlib.import_module(name)\n"
        "banned = {'django', 'rest_framework', 'celery'}\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in banned)\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
