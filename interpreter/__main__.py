"""`python -m pslark.interpreter` is the `pslark` command."""
import sys

from pslark.interpreter.cli import main

sys.exit(main())
