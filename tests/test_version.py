"""The data's version: the same YAML gives the same 12 hex digits; any edit gives others."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.data.version import data_version
from conftest import MINI


def test_the_version_follows_the_yaml_and_nothing_else(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    version = data_version(data)
    assert len(version) == 12 and int(version, 16) >= 0
    assert data_version(MINI / "data") == version  # the folder's place does not matter
    (data / "notes.txt").write_text("not data", "utf-8")
    assert data_version(data) == version
    themes = data / "themes.yml"
    themes.write_text(themes.read_text("utf-8") + "\n", "utf-8")
    assert data_version(data) != version
    themes.rename(data / "themes-renamed.yml")
    assert data_version(data) not in (version, "")
