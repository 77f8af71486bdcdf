from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ictmis.accounts import services
from ictmis.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Revoke the API token(s) whose prefix is PREFIX (as shown on the account page)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = list(ApiToken.objects.filter(prefix=options["prefix"].rstrip("…"), revoked_at__isnull=True))
        if not tokens:
            raise CommandError("No active token has this prefix.")
        for token in tokens:
            services.revoke_token(token=token, actor=None, now=timezone.now(), reason="cli")
        self.stdout.write(f"{len(tokens)} token(s) revoked.")
