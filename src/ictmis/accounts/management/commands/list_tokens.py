from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ictmis.accounts.models import ApiToken


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "-"


class Command(BaseCommand):
    help = "List API tokens (of USERNAME, or everyone's): prefix, status, created, expires, last used."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        self.stdout.write("user\tprefix\tname\tstatus\tcreated\texpires\tlast used")
        for token in tokens:
            self.stdout.write(
                "\t".join(
                    [
                        token.user.username,
                        f"{token.prefix}…",
                        token.name,
                        token.status(now),
                        _when(token.created_at),
                        _when(token.expires_at),
                        _when(token.last_used_at),
                    ]
                )
            )
