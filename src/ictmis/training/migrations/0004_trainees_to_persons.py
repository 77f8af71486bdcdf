"""Each trainee becomes a `parties` person with the same details, audit columns and history; each enrolment (and
its history) points to the person made from its trainee. A person with the same name, year of birth, commune
and creation time (the trainee made from them going back keeps it) is taken instead of a new one, whether they
have a citizen ID since or were deleted, so running this again after going back adds nobody.
Backwards: each person enrolled becomes a trainee again and the enrolments point to them; the persons stay.
Lists of ids are read CHUNK at a time (SQLite and PostgreSQL bound a query's parameters)."""

from django.db import migrations

SHARED = ("full_name", "birth_year", "position", "phone", "unit_id", "organisation_id", "created_by_id",
          "updated_by_id", "version", "deleted_at", "deleted_by_id")  # fmt: skip
BATCH = 1000
CHUNK = 500  # ids in one `__in` query


def _chunks(ids):
    ids = sorted(ids)
    return (ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK))


def _repoint_history(model, old_field, new_field, mapping):
    """The history rows of enrolments pointing to `old_field` ids point to `mapping[id]` in `new_field` too."""
    for ids in _chunks(mapping):
        rows = list(model.objects.filter(**{f"{old_field}__in": ids}).only("history_id", old_field))
        for row in rows:
            setattr(row, new_field, mapping[getattr(row, old_field)])
        model.objects.bulk_update(rows, [new_field], batch_size=BATCH)


def _person_text(row):
    from ictmis.core.text import normalise

    digits = "".join(ch for ch in (row.phone or "") if ch.isdigit())
    words = " ".join(str(getattr(row, name) or "") for name in ("full_name", "citizen_id", "phone", "position"))
    return f"{normalise(words)} {digits}".strip()


def _trainee_text(row):
    from ictmis.core.text import normalise

    return normalise(f"{row.full_name} {row.position or ''}")


def _paths(apps, unit_ids):
    Unit = apps.get_model("units", "AdministrativeUnit")
    return dict(Unit.objects.filter(pk__in={pk for pk in unit_ids if pk}).values_list("pk", "path"))


def _person_values(row, paths):
    from ictmis.core.text import collation_key

    values = {name: getattr(row, name) for name in SHARED}
    values["sort_key"] = collation_key(row.full_name)
    values["unit_path"] = paths.get(row.unit_id, "") or ""
    return values


def trainees_to_persons(apps, schema_editor):
    Trainee = apps.get_model("training", "Trainee")
    HistoricalTrainee = apps.get_model("training", "HistoricalTrainee")
    Person = apps.get_model("parties", "Person")
    HistoricalPerson = apps.get_model("parties", "HistoricalPerson")
    Enrolment = apps.get_model("training", "Enrolment")
    HistoricalEnrolment = apps.get_model("training", "HistoricalEnrolment")

    trainees = list(Trainee.objects.order_by("pk"))
    paths = _paths(apps, [t.unit_id for t in trainees])
    existing = {}
    for person in Person.objects.order_by("-pk").only("pk", "full_name", "birth_year", "unit_id", "created_at"):
        existing[(person.full_name, person.birth_year, person.unit_id, person.created_at)] = person.pk
    mapping, made = {}, []
    for trainee in trainees:
        key = (trainee.full_name, trainee.birth_year, trainee.unit_id, trainee.created_at)
        if key in existing:
            mapping[trainee.pk] = existing.pop(key)
            continue
        person = Person(**_person_values(trainee, paths))
        person.search_text = _person_text(person)
        made.append((trainee, person))
    for start in range(0, len(made), BATCH):
        Person.objects.bulk_create([person for _trainee, person in made[start : start + BATCH]])
    for trainee, person in made:
        mapping[trainee.pk] = person.pk
        person.created_at, person.updated_at = trainee.created_at, trainee.updated_at  # not the migration's time
    Person.objects.bulk_update([person for _trainee, person in made], ["created_at", "updated_at"], batch_size=BATCH)

    created = {trainee.pk for trainee, _person in made}
    for ids in _chunks(created):
        history = []
        for row in HistoricalTrainee.objects.filter(id__in=ids).order_by("history_id"):
            copy = HistoricalPerson(
                id=mapping[row.id], created_at=row.created_at, updated_at=row.updated_at, history_date=row.history_date,
                history_change_reason=row.history_change_reason, history_type=row.history_type,
                history_user_id=row.history_user_id, **_person_values(row, paths),
            )  # fmt: skip
            copy.search_text = _person_text(copy)
            history.append(copy)
        HistoricalPerson.objects.bulk_create(history, batch_size=BATCH)

    enrolments = list(Enrolment.objects.filter(trainee_id__isnull=False).only("pk", "trainee_id"))
    for enrolment in enrolments:
        enrolment.person_id = mapping[enrolment.trainee_id]
    Enrolment.objects.bulk_update(enrolments, ["person_id"], batch_size=BATCH)
    _repoint_history(HistoricalEnrolment, "trainee_id", "person_id", mapping)


def persons_to_trainees(apps, schema_editor):
    Trainee = apps.get_model("training", "Trainee")
    HistoricalTrainee = apps.get_model("training", "HistoricalTrainee")
    Person = apps.get_model("parties", "Person")
    HistoricalPerson = apps.get_model("parties", "HistoricalPerson")
    Enrolment = apps.get_model("training", "Enrolment")
    HistoricalEnrolment = apps.get_model("training", "HistoricalEnrolment")

    enrolled = set(Enrolment.objects.filter(person_id__isnull=False).values_list("person_id", flat=True))
    persons = [person for ids in _chunks(enrolled) for person in Person.objects.filter(pk__in=ids).order_by("pk")]
    made = []
    for person in persons:
        trainee = Trainee(**{name: getattr(person, name) for name in SHARED})
        trainee.search_text = _trainee_text(person)
        made.append((person, trainee))
    for start in range(0, len(made), BATCH):
        Trainee.objects.bulk_create([trainee for _person, trainee in made[start : start + BATCH]])
    mapping = {}
    for person, trainee in made:
        mapping[person.pk] = trainee.pk
        trainee.created_at, trainee.updated_at = person.created_at, person.updated_at
    Trainee.objects.bulk_update([trainee for _person, trainee in made], ["created_at", "updated_at"], batch_size=BATCH)

    for ids in _chunks(mapping):
        history = [
            HistoricalTrainee(
                id=mapping[row.id],
                created_at=row.created_at,
                updated_at=row.updated_at,
                search_text=_trainee_text(row),
                history_date=row.history_date,
                history_change_reason=row.history_change_reason,
                history_type=row.history_type,
                history_user_id=row.history_user_id,
                **{name: getattr(row, name) for name in SHARED},
            )  # fmt: skip
            for row in HistoricalPerson.objects.filter(id__in=ids).order_by("history_id")
        ]
        HistoricalTrainee.objects.bulk_create(history, batch_size=BATCH)

    enrolments = list(Enrolment.objects.filter(person_id__isnull=False).only("pk", "person_id"))
    for enrolment in enrolments:
        enrolment.trainee_id = mapping[enrolment.person_id]
    Enrolment.objects.bulk_update(enrolments, ["trainee_id"], batch_size=BATCH)
    _repoint_history(HistoricalEnrolment, "person_id", "trainee_id", mapping)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_enrolment_person"),
        ("parties", "0005_persons"),
    ]

    operations = [migrations.RunPython(trainees_to_persons, persons_to_trainees)]
