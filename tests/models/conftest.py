"""The models speak English in these tests, with its plural forms, as the window does at start."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english_interface(qapp):
    from reader.widgets.translations import install_translators

    install_translators(qapp, "en")
    yield
