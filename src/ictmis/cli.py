"""The `ictmis` console script: Django's management commands with the project's settings.

Settings come from the environment, completed by the settings file `var/ictmis.env` (or `ICTMIS_ENV_FILE`)
that `make demo` writes, so a fresh shell works.
"""

import os
import sys

from ictmis.env import load_env_file


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictmis.settings")
    load_env_file()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
