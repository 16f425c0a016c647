import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

/**
 * Function diary as a room-by-day grid: one row per function room, one column per
 * day of the week. Bookings of a combined room also show, greyed, on its sections
 * (and a section booking on the combined room), since they occupy them as well.
 */
export class BanquetRoomGrid extends Component {
    static template = "hotel_banquet_contract.RoomGrid";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ start: DateTime.local().startOf("week"), grid: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.grid = await this.orm.call("banquet.room.booking", "get_room_grid", [
            this.state.start.toISODate(),
        ]);
    }

    async move(weeks) {
        this.state.start = weeks
            ? this.state.start.plus({ weeks })
            : DateTime.local().startOf("week");
        await this.load();
    }

    dayLabel(day) {
        return DateTime.fromISO(day).toFormat("ccc d LLL");
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
