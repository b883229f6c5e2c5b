// A home page's tiles as one element (see tile_grid.py): each tile a label, a figure and a note, and a
// link to the page behind it. Vue escapes every text.
export default {
  template: `
    <div class="w-full grid gap-3" style="grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr))">
      <q-card v-for="tile in tiles" :key="tile.key" tag="a" :href="tile.href" flat bordered
              class="nicegui-card gap-0 q-pa-sm cursor-pointer" style="color: inherit; text-decoration: none"
              :data-tile="tile.key">
        <div class="text-caption text-grey-8">{{ tile.label }}</div>
        <div class="text-h6 text-weight-medium">{{ tile.value }}</div>
        <div v-if="tile.note" class="text-caption text-grey-7">{{ tile.note }}</div>
      </q-card>
    </div>`,
  props: {
    tiles: Array,
  },
};
