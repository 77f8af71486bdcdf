"""What other apps may use of the programmes app (the portal publishes progress by commune)."""

from ictmis.programmes.models import Programme
from ictmis.programmes.selectors import progress

__all__ = ["Programme", "progress"]
