"""What sector apps may use of the licensing engine: register their licence families."""

from ictmis.licensing.families import Family
from ictmis.licensing.families import register as register_family

__all__ = ["Family", "register_family"]
