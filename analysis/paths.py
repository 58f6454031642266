"""Where the package's own files are: its data (`resources/`) and the repository around it."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
RESOURCES = PACKAGE_DIR / "resources"
