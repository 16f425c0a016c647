from collections import defaultdict

from odoo import api, fields, models


def _same_text(left, right):
    return bool(left and right and left.strip().casefold() == right.strip().casefold())


class BanquetRoutingRule(models.Model):
    """Which hotel (and team) receives an inquiry, by client location, industry and event type.

    Rules are read in sequence; empty conditions match everything.
    """

    _name = "banquet.routing.rule"
    _description = "Banquet Routing Rule"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Hotel",
        required=True,
        default=lambda self: self.env.company,
        help="Hotel receiving the inquiries matching this rule.",
    )
    team_id = fields.Many2one(
        "crm.team",
        check_company=True,
        help="Sales team of the hotel. Empty: the hotel's first banquet team.",
    )
    city = fields.Char(help="Client's city, compared without case.")
    state_id = fields.Many2one("res.country.state")
    country_id = fields.Many2one("res.country")
    industry_id = fields.Many2one("res.partner.industry")
    event_type_id = fields.Many2one("banquet.event.type")

    def _matches(self, lead):
        self.ensure_one()
        return (
            (not self.city or (lead.city or "").strip().lower() == self.city.strip().lower())
            and (not self.state_id or lead.state_id == self.state_id)
            and (not self.country_id or lead.country_id == self.country_id)
            and (not self.industry_id or lead.industry_id == self.industry_id)
            and (not self.event_type_id or lead.event_type_id == self.event_type_id)
        )

    # The routing engine: hotel, team and salesperson of new or re-routed inquiries ----

    @api.model
    def _lead_vals_company(self, vals):
        """The hotel of a lead about to be created, as core would compute it, read from its
        values without computing a new record (the company follows the team)."""
        if vals.get("company_id"):
            return self.env["res.company"].browse(vals["company_id"])
        # sudo: only the team's company is read, to file the lead
        team = self.env["crm.team"].sudo().browse(vals.get("team_id"))
        return team.company_id or self.env.company

    @api.model
    def _route_values(self, vals_list):
        """Add the hotel, banquet team and best salesperson to each dict of ``vals_list``
        (values of leads to create, or ``{"_lead": lead}`` for an existing lead); return
        the hotels chosen.

        Hotel: the one the client asked for, else the group's hotel nearest the client's
        branch (``_branch_hotels``), else the first matching routing rule, else the
        group sales office. Salesperson: a team member experienced in the client's industry
        if any, the one with the fewest open inquiries.
        """
        Company = self.env["res.company"]
        if not vals_list:
            return Company
        # routing crosses hotels: the rules and teams of other hotels are not visible to
        # the user (or the intake user) creating the inquiry
        rules = self.env["banquet.routing.rule"].sudo().search([])
        Team = self.env["crm.team"].sudo()
        office = Company.browse(
            int(
                self.env["ir.config_parameter"]
                # sudo: a system parameter
                .sudo()
                .get_param("hotel_banquet_crm.group_sales_company_id")
                or 0
            )
        )
        banquet_teams = Team.search_fetch([("is_banquet", "=", True)], ["company_id"])
        # the active salespeople of every team routing may choose, in one query
        Member = self.env["crm.team.member"].sudo()
        team_members = defaultdict(lambda: Member)
        for member in Member.search_fetch(
            [
                ("crm_team_id", "in", (banquet_teams | rules.team_id).ids),
                ("user_id.active", "=", True),
            ],
            ["crm_team_id", "user_id"],
        ):
            team_members[member.crm_team_id.id] |= member
        plans = []
        Lead = self.env["crm.lead"]
        # rules read the lead's fields; a new record computes them from the values
        leads = [
            vals.get("_lead") or Lead.new({k: v for k, v in vals.items() if k in Lead._fields})
            for vals in vals_list
        ]
        branch_hotels = self._branch_hotels(leads, banquet_teams.company_id)
        for position, (vals, lead) in enumerate(zip(vals_list, leads, strict=True)):
            rule = next((rule for rule in rules if rule._matches(lead)), rules.browse())
            hotel = (
                lead.requested_company_id
                or branch_hotels.get(position)
                or rule.company_id
                or office
                or (lead.company_id if vals.get("_lead") else self._lead_vals_company(vals))
            )
            team = rule.team_id if rule.team_id.company_id == hotel else Team.browse()
            if not team:
                teams = banquet_teams.filtered(
                    lambda t, hotel=hotel: t.company_id in (hotel, Company)
                )
                team = next((t for t in teams if team_members[t.id]), teams[:1])
            plans.append((vals, lead, hotel, team))
        members = Member.union(*(team_members[team.id] for _v, _l, _h, team in plans))
        load = {
            user.id: count
            for user, count in self.env["crm.lead"]
            # sudo: the load counts every open inquiry of the candidates, readable or not
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", members.user_id.ids),
                    ("is_banquet", "=", True),
                    ("stage_id.is_won", "=", False),
                    ("id", "not in", [v["_lead"].id for v in vals_list if v.get("_lead")]),
                ],
                ["user_id"],
                ["__count"],
            )
        }
        for vals, lead, hotel, team in plans:
            vals["company_id"] = hotel.id
            if team:
                vals["team_id"] = team.id
                # a team shared by several hotels may hold salespeople of another hotel
                candidates = team_members[team.id].filtered(
                    lambda m, hotel=hotel: hotel in m.user_id.company_ids
                )
                experienced = candidates.filtered(
                    lambda m, lead=lead: (
                        lead.industry_id and lead.industry_id in m.banquet_industry_ids
                    )
                )
                candidates = experienced or candidates
                if candidates:
                    best = min(candidates, key=lambda m: (load.get(m.user_id.id, 0), m.id))
                    load[best.user_id.id] = load.get(best.user_id.id, 0) + 1
                    vals["user_id"] = best.user_id.id
        return Company.union(*(hotel for _vals, _lead, hotel, _team in plans))

    # Branch routing: corporate clients with branches --------------------------------

    @api.model
    def _place_rank(self, place, city, state, country):
        """How near ``place`` (a partner or a hotel) is to a city/state/country:
        0 same city, 1 same state, 2 same country, None farther or unknown."""
        if country and place.country_id and place.country_id != country:
            return None
        if _same_text(place.city, city):
            return 0
        if state and place.state_id == state:
            return 1
        if country and place.country_id == country:
            return 2
        return None

    @api.model
    def _branch_hotels(self, leads, hotels):
        """For each lead whose client (the lead's customer or its parent company) has
        branches, the hotel of ``hotels`` nearest the branch nearest the inquiry, as
        ``{position in leads: hotel}``.

        The branch nearest the inquiry is the one in the lead's city, else state, else
        country; a lead without address takes the branch it comes from. The hotel is then
        the one in that branch's city, else state, else country; else no hotel (the other
        routing steps decide).
        """
        # sudo: routing reads the client's company tree and branch addresses, which the
        # user (or the intake user) creating the inquiry may not be allowed to read
        clients = {
            position: lead.partner_id.sudo()._banquet_client_group()
            for position, lead in enumerate(leads)
            if lead.partner_id
        }
        if not clients or not hotels:
            return {}
        branches = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    ("parent_id", "in", list({client.id for client in clients.values()})),
                    ("is_company", "=", True),
                ],
                ["parent_id", "city", "state_id", "country_id"],
            )
        )
        if not branches:
            return {}
        branches_of = {}
        for branch in branches:
            branches_of.setdefault(branch.parent_id.id, []).append(branch)
        result = {}
        for position, client in clients.items():
            lead = leads[position]
            # sudo: routing reads the client's company whoever files the inquiry
            own = lead.partner_id.sudo().commercial_partner_id
            ranked = []
            for branch in branches_of.get(client.id, []):
                rank = self._place_rank(branch, lead.city, lead.state_id, lead.country_id)
                if rank is None and branch == own:
                    rank = 3
                if rank is not None:
                    ranked.append((rank, branch != own, branch.id, branch))
            if not ranked:
                continue
            branch = min(ranked, key=lambda item: item[:3])[3]
            near = [
                (rank, hotel.id, hotel)
                for hotel in hotels
                for rank in [
                    self._place_rank(hotel, branch.city, branch.state_id, branch.country_id)
                ]
                if rank is not None
            ]
            if near:
                result[position] = min(near, key=lambda item: item[:2])[2]
        return result
