"""Where the package's own files are: its data (`resources/`) and the repository around it.

Defined here, in a module that is never compiled, rather than from each module's `__file__`:
a module imported from the compiled build (native.py) has its `__file__` in build/native.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
RESOURCES = PACKAGE_DIR / "resources"
