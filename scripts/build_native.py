"""Compile the optional speed-ups in place (analysis/accel/build.py says how and what).

.venv/bin/python scripts/build_native.py           compile (nothing to do when current)
.venv/bin/python scripts/build_native.py --clean   remove every compiled file
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.accel.build import main

sys.exit(main())
