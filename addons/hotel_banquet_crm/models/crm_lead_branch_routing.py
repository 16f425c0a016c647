from odoo import api, models


def _same_text(left, right):
    return bool(left and right and left.strip().casefold() == right.strip().casefold())


class CrmLead(models.Model):
    """Routing step for corporate clients with branches: the group's hotel nearest the
    client's branch nearest the inquiry."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _banquet_place_rank(self, place, city, state, country):
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
    def _banquet_branch_hotels(self, leads, hotels):
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
                rank = self._banquet_place_rank(branch, lead.city, lead.state_id, lead.country_id)
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
                    self._banquet_place_rank(hotel, branch.city, branch.state_id, branch.country_id)
                ]
                if rank is not None
            ]
            if near:
                result[position] = min(near, key=lambda item: item[:2])[2]
        return result
