"""Who may read what: readers, the policy, users and credentials, releases, the audit log.

Read paths use ``AccessControl.policy`` (the single gate, ``policy.Policy``) with the
``Reader`` that ``AccessControl.reader_for`` gives them; see ``docs/access.md``.
"""

from __future__ import annotations

from cablegram.access.config import DEMO, AccessConfig, ConfigError, load_config
from cablegram.access.decision import Assessment, DeclassifiedBy, Visibility
from cablegram.access.marks import CableMarks, Requirement, effective_level, marks_of
from cablegram.access.policy import NoReleases, Policy, ReleaseLookup, SearchScope
from cablegram.access.reader import ALL, Reader, parse_clearance
from cablegram.access.records import AuditAction, Role, User
from cablegram.access.service import AccessControl

__all__ = [
    "ALL",
    "DEMO",
    "AccessConfig",
    "AccessControl",
    "Assessment",
    "AuditAction",
    "CableMarks",
    "ConfigError",
    "DeclassifiedBy",
    "NoReleases",
    "Policy",
    "Reader",
    "ReleaseLookup",
    "Requirement",
    "Role",
    "SearchScope",
    "User",
    "Visibility",
    "effective_level",
    "load_config",
    "marks_of",
    "parse_clearance",
]
