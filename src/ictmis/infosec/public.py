"""What other apps may use of infosec: the headline figures (for the indicators app)."""

from ictmis.infosec.selectors import headline

__all__ = ["headline"]
