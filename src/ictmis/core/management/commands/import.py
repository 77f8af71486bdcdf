from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.errors import DomainError
from ictmis.core.spreadsheets import NotASpreadsheet


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # `check` runs at deployment; an import of a file need not wait for it
    help = "Import a registry or deliveries from Excel/CSV: every row is checked first; all rows or none are written."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("registry", choices=registry.source_keys())
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--user", help="record the import as made by this user (default: system)")
        added: set[str] = set()
        for key in registry.source_keys():
            form = getattr(registry.source(key), "parameters", None)
            for name, field in form.base_fields.items() if form is not None else ():
                if name not in added:
                    added.add(name)
                    parser.add_argument(f"--{name.replace('_', '-')}", dest=f"param_{name}", help=str(field.label))

    def handle(self, *args: Any, **options: Any) -> None:
        spec = registry.source(options["registry"])
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        actor: Any = SYSTEM
        if options["user"]:
            from django.contrib.auth import get_user_model

            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(_("No such user: %(name)s") % {"name": options["user"]})

        params = self._parameters(spec, options)

        def progress(phase: str, done: int, total: int) -> None:
            label = _("checking") if phase == "validating" else _("writing")
            self.stderr.write(f"\r{label}: {done}" + (f"/{total}" if total else ""), ending="")

        try:
            if options["dry_run"]:
                validation = imports.validate(
                    spec, path, actor=actor, progress=progress, params=params, keep_rows=False
                )
                result = None
            else:
                validation, result = imports.import_file(
                    spec, path, actor=actor, now=timezone.now(), progress=progress, params=params
                )
        except NotASpreadsheet as exc:
            raise CommandError(exc.message) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write("")
        for note in validation.notes:
            self.stdout.write(note)
        if not validation.ok:
            for error in validation.errors:
                self.stdout.write(
                    _("row %(row)s, %(column)s: %(message)s")
                    % {"row": error.row, "column": error.column, "message": error.message}
                )
            raise CommandError(
                _("%(n)s error(s) in %(rows)s row(s); nothing was written.")
                % {"n": len(validation.errors), "rows": validation.total}
            )
        if result is None:
            self.stdout.write(
                _("%(rows)s row(s) checked, no error; nothing written (dry run).") % {"rows": validation.total}
            )
            return
        self.stderr.write("")
        self.stdout.write(_("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % result)
        if result.get("restored"):
            self.stdout.write(
                ngettext("%(n)s deleted record restored.", "%(n)s deleted records restored.", result["restored"])
                % {"n": result["restored"]}
            )

    def _parameters(self, spec: Any, options: dict[str, Any]) -> dict[str, Any] | None:
        """An importer's parameters from the `--<field>` options, checked by its form."""
        form_class = getattr(spec, "parameters", None)
        if form_class is None:
            return None
        data = {name: options.get(f"param_{name}") for name in form_class.base_fields}
        form = form_class({name: value for name, value in data.items() if value is not None})
        if not form.is_valid():
            raise CommandError(
                " ".join(f"--{name.replace('_', '-')}: {' '.join(messages)}" for name, messages in form.errors.items())
            )
        cleaned: dict[str, Any] = form.cleaned_data
        return cleaned
