from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ictmis.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from ictmis.accounts import signals  # noqa: F401  (connects the receivers)
        from ictmis.accounts.api_auth import session_user, token_user
        from ictmis.accounts.roles import sync_roles_after_migrate
        from ictmis.core import demo
        from ictmis.core.api_support import register_authenticator
        from ictmis.core.navigation import Module, register

        def load_accounts(now: Any, progress: Any) -> object:
            from ictmis.accounts.demo import load_demo

            return load_demo(now=now, progress=progress)

        demo.register("accounts", 10, load_accounts)
        register_authenticator(token_user)
        register_authenticator(session_user)
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="ictmis.accounts.sync_roles")
        register(
            Module(
                "administration",
                _("Administration"),
                "bi-gear",
                90,
                "accounts:user_list",
                "accounts.manage_users",
            )
        )
