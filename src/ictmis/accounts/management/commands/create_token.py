from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ictmis.accounts import services
from ictmis.accounts.models import User
from ictmis.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it is stored hashed and shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="what the token is for")
        parser.add_argument(
            "--days", type=int, default=None, help=f"days until it expires (default {settings.TOKEN_LIFETIME_DAYS})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['username']!r}.")
        try:
            token, raw = services.create_token(
                user=user, name=options["name"], days=options["days"], now=timezone.now()
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(raw)
        expires = timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M")
        self.stderr.write(f"{token.prefix}… expires {expires}")
