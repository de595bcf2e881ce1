import sys
from pathlib import Path

# tests import helpers from this folder (casebuilder) without a package
sys.path.insert(0, str(Path(__file__).parent))
