import sys

from pkdesk.cli import main

sys.exit(main())
