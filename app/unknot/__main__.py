import sys

from unknot.cli import main

sys.exit(main())
