// A home page's short list as one element (see short_list.py): each row a time, a name (a link to the
// patient), a caption, badges, a figure or a tap. Vue escapes every text; a tap is a `tap` event with
// the row's key.
export default {
  template: `
    <q-list :separator="separator" dense class="w-full">
      <q-item v-for="row in rows" :key="row.key" class="q-px-none" :data-row="row.key">
        <q-item-section v-if="row.lead" side style="min-width: 3.5rem">
          <div class="text-body1 text-weight-medium">{{ row.lead }}</div>
        </q-item-section>
        <q-item-section>
          <a v-if="row.href" class="nicegui-link text-body1" :href="row.href">{{ row.title }}</a>
          <q-item-label v-else :class="{ 'text-weight-medium': row.strong }">{{ row.title }}</q-item-label>
          <q-item-label v-if="row.caption" caption>{{ row.caption }}</q-item-label>
          <div v-if="row.reasons.length" class="nicegui-row gap-1">
            <q-badge v-for="reason in row.reasons" :key="reason" outline color="deep-orange-9" class="q-px-sm"
                     :label="reason" />
          </div>
        </q-item-section>
        <q-item-section v-if="row.badge || row.side || row.tap" side>
          <q-badge v-if="row.badge" class="q-px-sm text-white" :style="{ backgroundColor: row.colour }"
                   :label="row.badge" />
          <div v-if="row.side" :class="row.side_class">{{ row.side }}</div>
          <q-btn v-if="row.tap" flat dense no-caps color="primary" :label="row.tap" :data-tap="row.key"
                 @click="$emit('tap', row.key)" />
        </q-item-section>
      </q-item>
    </q-list>`,
  props: {
    rows: Array,
    separator: Boolean,
  },
  emits: ['tap'],
};
