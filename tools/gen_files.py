"""Writing or checking the files a tools/gen-*.py generator makes."""
import os


def write_or_check(src, files, check):
    """Write each of files ({path under src: text}) that differs, or with check
    only list them. Returns the paths that were out of date."""
    stale = []
    for rel, text in files.items():
        path = os.path.join(src, rel)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old == text:
            continue
        stale.append(rel)
        if not check:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return stale if check else []
