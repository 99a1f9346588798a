from pathlib import Path

import sys


# world.py and probe.py are helpers of this folder, imported by the tests here.
sys.path.insert(0, str(Path(__file__).parent))
