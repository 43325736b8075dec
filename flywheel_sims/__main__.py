"""Entry point for ``python -m flywheel_sims``."""

import sys

from flywheel_sims.cli import main

sys.exit(main())
