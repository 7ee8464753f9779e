"""The bundle's entry point: the same start-up as `commsdesk` from source."""

import sys

from commsdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
