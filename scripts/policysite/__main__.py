"""Run the command line: ``python -m policysite``."""

import sys

from .cli import main

sys.exit(main())
