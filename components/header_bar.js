// The header's contents as one element (see header_bar.py): menu, clinic and branch, who is signed in,
// the dark-or-light toggle and sign-out. Vue escapes the names as text; sign-out is a plain link.
export default {
  template: `
    <div class="row no-wrap items-center gap-2 w-full">
      <q-btn flat round color="white" icon="menu" aria-label="Menu" @click="$emit('menu')" />
      <div class="column gap-0">
        <div class="text-subtitle1 text-weight-medium">{{ clinic }}</div>
        <div class="text-caption" data-header="branch">{{ branch }}</div>
      </div>
      <q-space />
      <div class="column gap-0 items-end gt-xs">
        <div class="text-body2" data-header="user">{{ person }}</div>
        <div class="text-caption" data-header="role">{{ role }}</div>
      </div>
      <q-btn flat round color="white" icon="dark_mode" aria-label="Dark or light" @click="$emit('dark')">
        <q-tooltip>Dark or light</q-tooltip>
      </q-btn>
      <q-btn flat color="white" icon="logout" :label="signout" type="a" href="/logout" role="button" />
    </div>`,
  props: {
    clinic: String,
    branch: String,
    person: String,
    role: String,
    signout: String,
  },
  emits: ['menu', 'dark'],
};
