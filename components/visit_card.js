// One visit of the day at the desk as one element (see visit_card.py): the time, the patient (a link to
// their page), who sees them for what, the status and token, and the taps the desk may make. Vue escapes
// every text; a tap is an `act` event with the action's key, the token print a plain link to a new tab.
export default {
  template: `
    <q-card flat bordered class="nicegui-card w-full">
      <div class="nicegui-row w-full items-start no-wrap gap-3">
        <div class="nicegui-column gap-0 items-center" style="min-width: 4.5rem">
          <div class="text-h6">{{ time }}</div>
          <div class="text-caption text-grey-7">{{ minutes }}</div>
        </div>
        <div class="nicegui-column gap-0 col">
          <a class="nicegui-link text-subtitle1" :href="href">{{ name }}</a>
          <div class="text-caption">{{ line }}</div>
          <div class="text-body2">{{ details }}</div>
        </div>
        <div class="nicegui-column gap-1 items-end">
          <q-badge class="q-px-sm text-white text-body2" :style="{ backgroundColor: colour }" :label="status" />
          <div v-if="token" class="text-caption text-weight-medium">{{ token }}</div>
        </div>
      </div>
      <div v-if="actions.length || remarks" class="nicegui-row w-full gap-2">
        <q-btn v-for="action in actions" :key="action.key" color="primary" :label="action.label"
               :outline="action.outlined" :unelevated="!action.outlined" :data-act="action.key"
               @click="$emit('act', action.key)" />
        <q-space />
        <q-btn v-if="remarks" flat color="primary" icon="edit_note" :label="remarks" data-act="remarks"
               @click="$emit('act', 'remarks')" />
        <q-btn v-if="print" flat color="primary" icon="print" :label="print" type="a" :href="printlink"
               target="_blank" />
      </div>
    </q-card>`,
  props: {
    time: String,
    minutes: String,
    name: String,
    href: String,
    line: String,
    details: String,
    status: String,
    colour: String,
    token: String,
    actions: Array,
    remarks: String,
    print: String,
    printlink: String,
  },
  emits: ['act'],
};
