// EventCalendar (vkurko/calendar) inside a NiceGUI element; see event_calendar.py for the Python side.
// The vendored build and its CSS are loaded from this server (the element's resource path): the
// build is a classic script that defines the global `EventCalendar`.
import { loadResource } from "../../static/utils/resources.js";

// EventCalendar hands callbacks Dates whose local fields hold the wall-clock time it shows.
function naiveIso(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

// Fresh objects every time: EventCalendar ignores an option value it already holds, and it
// must never keep a reference into Vue's reactive props.
function copy(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// Quasar styles bare <h2>/<h4> as display headings (a 60 px light title, 40 px line height), while
// EventCalendar's CSS expects the browser's defaults for the tags it uses (the toolbar title, event
// titles, list day headings). Unlayered, these beat Quasar's layer; :where() keeps them below every
// EventCalendar rule.
const QUASAR_HEADING_RESET = `
:where(.prospine-event-calendar) :where(h2) { font-size: 1.5em; line-height: normal; font-weight: 700; letter-spacing: normal; }
:where(.prospine-event-calendar) :where(h4) { font-size: 1em; line-height: normal; font-weight: 700; letter-spacing: normal; }
`;

function addHeadingReset() {
  if (document.getElementById("prospine-event-calendar-reset")) return;
  const style = Object.assign(document.createElement("style"), {
    id: "prospine-event-calendar-reset",
    textContent: QUASAR_HEADING_RESET,
  });
  document.head.append(style);
}

function resourceId(resource) {
  return resource ? String(resource.id) : null;
}

export default {
  template: "<div></div>",
  // emitted under EventCalendar's own callback names, with naive local ISO times
  emits: ["eventClick", "dateClick", "select", "eventDrop", "eventResize", "datesSet"],
  props: {
    options: Object,
    events: Array,
    resources: Array,
    eventsRevision: Number,
    resourcesRevision: Number,
    resourcePath: String,
  },
  async mounted() {
    await this.$nextTick(); // window.path_prefix is set by then
    const base = window.path_prefix + this.resourcePath;
    await Promise.all([
      loadResource(`${base}/event-calendar.min.css`),
      loadResource(`${base}/event-calendar.min.js`),
    ]);
    if (this.isGone) return; // unmounted while the files were loading
    addHeadingReset();
    this.revertMoves = new Map(); // event id -> EventCalendar's revert(), until Python answers
    this.calendar = window.EventCalendar.create(this.$el, {
      ...copy(this.options),
      events: copy(this.events),
      resources: copy(this.resources),
      ...this.callbacks(),
    });
  },
  beforeUnmount() {
    this.isGone = true;
    if (this.calendar) {
      window.EventCalendar.destroy(this.calendar);
      this.calendar = null;
    }
  },
  watch: {
    eventsRevision() {
      if (!this.calendar) return; // mounted() reads the newest props
      this.revertMoves.clear();
      this.calendar.setOption("events", copy(this.events));
    },
    resourcesRevision() {
      if (!this.calendar) return;
      this.calendar.setOption("resources", copy(this.resources));
    },
  },
  methods: {
    set_option(name, value) {
      this.calendar?.setOption(name, copy(value));
    },
    set_view(view, date) {
      if (!this.calendar) return;
      this.calendar.setOption("view", view);
      if (date) this.calendar.setOption("date", date);
    },
    unselect() {
      this.calendar?.unselect();
    },
    accept_move(eventId) {
      this.revertMoves?.delete(String(eventId));
    },
    undo_move(eventId) {
      const revert = this.revertMoves?.get(String(eventId));
      this.revertMoves?.delete(String(eventId));
      if (revert) revert();
    },
    callbacks() {
      return {
        eventClick: (info) =>
          this.$emit("eventClick", {
            event_id: String(info.event.id),
            start: naiveIso(info.event.start),
            end: naiveIso(info.event.end),
            resource_ids: info.event.resourceIds.map(String),
            all_day: info.event.allDay,
          }),
        dateClick: (info) =>
          this.$emit("dateClick", {
            date: info.dateStr,
            all_day: info.allDay,
            resource_id: resourceId(info.resource),
          }),
        select: (info) =>
          this.$emit("select", {
            start: info.startStr,
            end: info.endStr,
            all_day: info.allDay,
            resource_id: resourceId(info.resource),
          }),
        eventDrop: (info) => this.emitMove("eventDrop", info),
        eventResize: (info) => this.emitMove("eventResize", info),
        datesSet: (info) =>
          this.$emit("datesSet", { view: info.view.type, start: info.startStr, end: info.endStr }),
      };
    },
    emitMove(kind, info) {
      const eventId = String(info.event.id);
      this.revertMoves.set(eventId, info.revert);
      this.$emit(kind, {
        event_id: eventId,
        start: naiveIso(info.event.start),
        end: naiveIso(info.event.end),
        old_start: naiveIso(info.oldEvent.start),
        old_end: naiveIso(info.oldEvent.end),
        resource_id: resourceId(info.newResource) ?? info.event.resourceIds.map(String)[0] ?? null,
        old_resource_id: resourceId(info.oldResource) ?? info.oldEvent.resourceIds.map(String)[0] ?? null,
      });
    },
  },
};
