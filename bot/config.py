"""Settings that come from the environment, read once at the edge and passed down."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "gremienbot"


def default_db_path() -> Path:
    """The database in the user's data directory (used when neither --db nor GREMIENBOT_DB)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "gremienbot.db"
