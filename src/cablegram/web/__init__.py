"""The web UI and JSON API over an archive (``cablegram serve``)."""

from cablegram.web.app import create_app

__all__ = ["create_app"]
