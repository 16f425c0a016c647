from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL


def insert_partners(env, count, name, **columns):
    """``count`` companies written in one INSERT ... SELECT generate_series, for the
    query-count tests of the crons at 10,000 customers (10,000 ORM creates take minutes).

    ``columns`` are plain column values (the same for every row); the caches are
    invalidated after, so the ORM reads what was written."""
    env.flush_all()
    values = {
        "is_company": True,
        "active": True,
        "type": "contact",
        "lang": env.lang or "en_US",
        "create_uid": env.uid,
        "write_uid": env.uid,
        **columns,
    }
    # required columns of other addons (e.g. account's autopost_bills) take their default
    env.cr.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = 'res_partner'::regclass"
        " AND attnum > 0 AND NOT attisdropped AND attnotnull AND NOT atthasdef"
    )
    required = [row[0] for row in env.cr.fetchall() if row[0] not in values and row[0] != "id"]
    Partner = env["res.partner"]
    defaults = Partner.default_get(required)
    for column in required:
        values[column] = Partner._fields[column].convert_to_column(defaults.get(column), Partner)
    env.cr.execute(
        SQL(
            """
            WITH new AS (
                SELECT nextval('res_partner_id_seq') AS id, n FROM generate_series(1, %s) AS n
            )
            INSERT INTO res_partner (id, commercial_partner_id, name, complete_name,
                                     create_date, write_date, %s)
            SELECT id, id, %s || ' ' || n, %s || ' ' || n,
                   NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC', %s
              FROM new
            RETURNING id
            """,
            count,
            SQL(", ").join(SQL.identifier(column) for column in values),
            name,
            name,
            SQL(", ").join(SQL("%s", value) for value in values.values()),
        )
    )
    ids = sorted(row[0] for row in env.cr.fetchall())
    env.invalidate_all()
    return env["res.partner"].browse(ids)


def clone_rows(template, partners, **overrides):
    """One copy of the ``template`` record's row per partner of ``partners``, in one
    INSERT ... SELECT: the columns of ``overrides`` take an SQL expression over
    ``p.id`` (the partner) and ``p.n`` (its rank), the others the template's values."""
    env = template.env
    env.flush_all()
    table = template._table
    env.cr.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass"
        " AND attnum > 0 AND NOT attisdropped AND attname != 'id'",
        [table],
    )
    columns = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL(
            """
            INSERT INTO %s (%s)
            SELECT %s FROM %s AS t, unnest(%s::int[]) WITH ORDINALITY AS p(id, n)
             WHERE t.id = %s
            RETURNING id
            """,
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(
                SQL(overrides[column]) if column in overrides else SQL.identifier("t", column)
                for column in columns
            ),
            SQL.identifier(table),
            partners.ids,
            template.id,
        )
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.invalidate_all()
    return template.browse(ids)


class BanquetCrmCommon(TransactionCase):
    """A small hotel group: two hotels, a sales team with a coordinator and a chef."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel = cls.env.company
        cls.other_hotel = cls.env["res.company"].create({"name": "Lakeside Resort"})
        cls.coordinator = new_test_user(
            cls.env,
            login="coordinator",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.colleague = new_test_user(
            cls.env,
            login="colleague",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.outsider = new_test_user(
            cls.env,
            login="outsider",
            groups="hotel_banquet_crm.group_banquet_user",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.chef = new_test_user(
            cls.env,
            login="chef",
            groups="hotel_banquet_crm.group_banquet_department",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.manager = new_test_user(
            cls.env,
            login="banquet_manager",
            groups="hotel_banquet_crm.group_banquet_manager",
            company_ids=[(6, 0, cls.hotel.ids)],
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Banquet Sales",
                "is_banquet": True,
                "sequence": 1,
                "company_id": cls.hotel.id,
                "member_ids": [(6, 0, (cls.coordinator | cls.colleague).ids)],
            }
        )
        cls.wedding = cls.env.ref("hotel_banquet_crm.banquet_event_type_wedding")


def generate_api_key(channel, name="Test key", duration="365"):
    """Make a key for ``channel`` through the manager's wizard; return it in clear."""
    wizard = (
        channel.env["banquet.intake.key.wizard"]
        .with_context(**channel.action_generate_key()["context"])
        .create({"name": name, "duration": duration})
    )
    return wizard.action_make_key()["context"]["default_key"]
