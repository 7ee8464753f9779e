"""`python -m commsdesk`."""

import sys

from commsdesk.app import main

sys.exit(main())
