"""What other apps may use of the units app."""

from ictmis.units.demo import DemoCommune, demo_communes
from ictmis.units.loading import REFORM_DATE
from ictmis.units.models import AdministrativeUnit, Level, UnitType, unit_label
from ictmis.units.positions import positions_of
from ictmis.units.selectors import ancestors_of, counts, home_units, provinces, unit_by_code, units

__all__ = [
    "REFORM_DATE",
    "AdministrativeUnit",
    "DemoCommune",
    "Level",
    "UnitType",
    "ancestors_of",
    "counts",
    "demo_communes",
    "home_units",
    "positions_of",
    "provinces",
    "unit_by_code",
    "unit_label",
    "units",
]
