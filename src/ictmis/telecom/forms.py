from ictmis.core.registry_forms import registry_form
from ictmis.telecom.models import BtsStation, Technology

BtsStationForm = registry_form(
    BtsStation,
    [
        "operator",
        "site_code",
        "name",
        "unit",
        "address",
        "latitude",
        "longitude",
        "station_type",
        "mast_height",
        "technologies",
        "shared_with",
        "permit_number",
        "permit_date",
        "permit_exemption",
        "plan_conformity",
        "commissioned_on",
        "status",
        "notes",
    ],
    multi={"technologies": Technology.choices},
    dates=("permit_date", "commissioned_on"),
    organisations={"operator": "enterprise", "shared_with": "enterprise"},
    required=("latitude", "longitude"),
)
