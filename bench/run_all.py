"""Run every benchmark on SQLite and PostgreSQL (local server at 127.0.0.1:5432) and print the figures."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/acuclinic_bench"

for script, extra in [
    ("pages.py", []),
    ("slots.py", []),
    ("slots.py", ["--database-url", POSTGRES]),
    ("booking.py", []),
    ("booking.py", ["--database-url", POSTGRES]),
]:
    print(f"== {script} {' '.join(extra)}", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *extra], cwd=HERE, check=True)
