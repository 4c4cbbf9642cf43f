import sys

from smsworks_pipeline.cli import main

sys.exit(main())
