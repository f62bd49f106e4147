"""Optional dependencies: imported only when a feature needs them, with a helpful error."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional dependency, else an ImportError that names the extra bringing it:
    ``"<feature> needs <module>: pip install 'takedown-film[extra]'"``."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{feature} needs {module}: pip install 'takedown-film[{extra}]'"
        ) from error
