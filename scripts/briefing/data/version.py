"""The data's version: a short digest of the YAML in data/, shown on printed pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

LENGTH = 12


def data_version(data_dir: Path) -> str:
    """The first 12 hex digits of SHA-256 over every YAML file under `data_dir`, each as its
    relative path and its bytes, in path order: the same data gives the same version anywhere,
    and any edit to it another. (The JSON schemas in data/schemas/ come from the model.)"""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.yml")):
        relative = path.relative_to(data_dir)
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:LENGTH]
