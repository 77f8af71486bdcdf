from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ictmis.accounts import services
from ictmis.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it is stored hashed and shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['username']!r}.")
        _token, raw = services.create_token(user=user, name=options["name"], now=timezone.now())
        self.stdout.write(raw)
