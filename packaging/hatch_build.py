"""Hatchling build hook: put resources/ in the wheel as reader/resources/, less what is not read at
run time.

A static ``force-include`` copies whole folders and ignores ``exclude``, so the folders are listed
here instead, every one of resources/ but those in ``NOT_AT_RUN_TIME`` (the README screenshot).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

NOT_AT_RUN_TIME = {"screenshots"}


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        resources = Path(self.root) / "resources"
        for entry in sorted(resources.iterdir()):
            if entry.name in NOT_AT_RUN_TIME or entry.name.startswith("."):
                continue
            build_data["force_include"][str(entry)] = f"reader/resources/{entry.name}"
