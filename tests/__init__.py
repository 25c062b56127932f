"""The test suite. Imported before any test module or conftest, so this runs first:

bytecode is cached even where the environment turns caching off (PYTHONDONTWRITEBYTECODE), or
every `incident` started in a subprocess, and every worker's test modules, would compile the
package again; that costs the suite about a third of its time on two cores.
"""

import os
import sys

sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
