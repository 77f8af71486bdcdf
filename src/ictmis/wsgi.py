import os

from django.core.wsgi import get_wsgi_application

from ictmis.env import load_env_file

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictmis.settings")
load_env_file()
application = get_wsgi_application()
