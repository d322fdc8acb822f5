#!/usr/bin/env python3
"""Put a section into datasets/MANIFEST.md: replace what stands between "<!-- NAME:begin -->" and
"<!-- NAME:end -->" with FILE's text (which carries both markers), or append it when the
manifest has no such section yet (a missing manifest starts with its title).

  python3 datasets/lab/apps/manifest_section.py MANIFEST.md NAME SECTION_FILE
"""
import re
import sys
from pathlib import Path

manifest, name, section = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]).read_text()
text = manifest.read_text() if manifest.exists() else "# Datasets manifest\n\n"
pat = re.compile(r"<!-- %s:begin -->.*?<!-- %s:end -->\n?" % (re.escape(name), re.escape(name)), re.S)
text = pat.sub(lambda _: section, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + section
manifest.write_text(text)
