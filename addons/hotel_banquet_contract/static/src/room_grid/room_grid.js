import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

/**
 * Function diary as a room-by-day grid: one row per function room, one column per day.
 * Bookings of a combined room also show, greyed, on its sections (and a section booking
 * on the combined room), since they occupy them as well. Times are each hotel's own.
 * On a phone the grid shows one day at a time and moves day by day, within the width of
 * the screen; the room names stay in view.
 */
export class BanquetRoomGrid extends Component {
    static template = "hotel_banquet_contract.RoomGrid";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.ui = useService("ui");
        this.state = useState({
            start: this.defaultStart(DateTime.local()),
            grid: null,
            companyId: "",
            roomType: "",
            minPax: "",
            status: "",
        });
        onWillStart(() => this.load());
    }

    get isSmall() {
        return this.ui.isSmall;
    }

    /** Days shown at once: a week on a desktop, a day on a phone. */
    get dayCount() {
        return this.isSmall ? 1 : 7;
    }

    get prevTitle() {
        return this.isSmall ? _t("Previous day") : _t("Previous week");
    }

    get nextTitle() {
        return this.isSmall ? _t("Next day") : _t("Next week");
    }

    defaultStart(day) {
        return this.ui.isSmall ? day.startOf("day") : day.startOf("week");
    }

    async load() {
        const minPax = parseInt(this.state.minPax, 10);
        this.state.grid = await this.orm.call("banquet.room", "get_room_grid", [
            this.state.start.toISODate(),
        ], {
            days: this.dayCount,
            company_ids: this.state.companyId ? [parseInt(this.state.companyId, 10)] : null,
            room_type: this.state.roomType || null,
            min_pax: Number.isNaN(minPax) ? 0 : minPax,
            states: this.state.status ? [this.state.status] : null,
        });
    }

    /** Previous / next page: by one day on a phone, by a week on a desktop. */
    async move(step) {
        this.state.start = step
            ? this.state.start.plus(this.isSmall ? { days: step } : { weeks: step })
            : this.defaultStart(DateTime.local());
        await this.load();
    }

    async jumpTo(ev) {
        const day = DateTime.fromISO(ev.target.value);
        if (day.isValid) {
            this.state.start = this.defaultStart(day);
            await this.load();
        }
    }

    async setFilter(name, ev) {
        this.state[name] = ev.target.value;
        await this.load();
    }

    async clearFilters() {
        Object.assign(this.state, { companyId: "", roomType: "", minPax: "", status: "" });
        await this.load();
    }

    get hasFilters() {
        const { companyId, roomType, minPax, status } = this.state;
        return Boolean(companyId || roomType || minPax || status);
    }

    dayLabel(day) {
        return DateTime.fromISO(day).toFormat("ccc d LLL");
    }

    isToday(day) {
        return Object.values(this.state.grid.today).includes(day);
    }

    bookingTitle(booking) {
        const parts = [booking.name, booking.time, this.state.grid.states[booking.state]];
        if (booking.pax) {
            parts.push(_t("%s guests", booking.pax));
        }
        if (booking.via) {
            parts.push(_t("booked as %s", booking.via));
        }
        return parts.join(" · ");
    }

    openBooking(bookingId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "banquet.room.booking",
            res_id: bookingId,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("hotel_banquet_contract.room_grid", BanquetRoomGrid);
