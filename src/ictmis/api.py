"""The JSON API at /api/v1/: every app's router behind one authentication and one error shape."""

from typing import Any

from ninja import NinjaAPI

from ictmis.accounts.api import router as accounts_router
from ictmis.core.api_support import Authorised, StrictJsonParser, install_error_handlers
from ictmis.directives.api import router as directives_router
from ictmis.enforcement.api import router as enforcement_router
from ictmis.indicators.api import router as indicators_router
from ictmis.infosec.api import router as infosec_router
from ictmis.licensing.api import router as licensing_router
from ictmis.notifications.api import router as notifications_router
from ictmis.parties.api import router as parties_router
from ictmis.portal.api import router as portal_router
from ictmis.programmes.api import router as programmes_router
from ictmis.training.api import router as training_router
from ictmis.units.api import router as units_router


class IctmisAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """`<app>_<function>` (e.g. `licensing_list_cases`): short and unique across the document, for the
        method names a generated client takes. Registry operations name their own (`bts_stations_list`)."""
        module = operation.view_func.__module__.split(".")
        app = module[1] if len(module) > 2 else module[-1]
        return f"{app}_{operation.view_func.__name__}"


api = IctmisAPI(
    title="ictmis API",
    version="1",
    urls_namespace="api",
    auth=Authorised(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=StrictJsonParser(),
)
install_error_handlers(api)
api.add_router("", accounts_router)
api.add_router("", units_router)
api.add_router("", parties_router)
api.add_router("", portal_router)
api.add_router("", notifications_router)
api.add_router("", licensing_router)
api.add_router("", programmes_router)
api.add_router("", directives_router)
api.add_router("", training_router)
api.add_router("", indicators_router)
api.add_router("", infosec_router)
api.add_router("", enforcement_router)


def _registry_routers() -> None:
    from ictmis.core import registry
    from ictmis.core.registry_api import build_router

    for spec in registry.all_registries():
        api.add_router("", build_router(spec))


_registry_routers()
