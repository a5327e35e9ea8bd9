"""Schema migrations, one sub-package of numbered ``.sql`` files per store kind."""
