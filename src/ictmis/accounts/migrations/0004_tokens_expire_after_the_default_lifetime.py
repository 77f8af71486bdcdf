import datetime as dt

from django.conf import settings
from django.db import migrations


def set_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    lifetime = dt.timedelta(days=settings.TOKEN_LIFETIME_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at").iterator():
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + lifetime)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_security_events_and_token_expiry")]

    operations = [migrations.RunPython(set_expiry, migrations.RunPython.noop)]
