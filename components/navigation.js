// The drawer's list of pages as one element (see navigation.py): each entry a real link, drawn by Vue,
// which escapes the labels as text.
export default {
  template: `
    <q-list class="w-full">
      <q-item v-for="entry in entries" :key="entry.path" clickable tag="a" :href="entry.path"
              :active="entry.path === current" active-class="bg-teal-1 text-teal-10" :data-nav="entry.path">
        <q-item-section avatar><q-icon :name="entry.icon" /></q-item-section>
        <q-item-section>{{ entry.label }}</q-item-section>
      </q-item>
    </q-list>`,
  props: {
    entries: Array,
    current: String,
  },
};
