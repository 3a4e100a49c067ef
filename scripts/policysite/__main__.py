"""Run the command line: ``python -m policysite``."""

import gc
import sys

from .cli import main

status = main()
# The process ends here: the collections Python runs while it shuts down would only walk every
# object the command made, about a tenth of a check's time, to free memory the exit frees anyway.
gc.freeze()
sys.exit(status)
