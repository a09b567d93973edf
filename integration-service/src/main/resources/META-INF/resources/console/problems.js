// Problems (the platform's operator): each service's dead letters — records that can never be applied as they are —
// with their reason and time, and a replay once the cause is fixed (each service's replay API; replaying twice is
// harmless, the consumers deduplicate).
import { h, add, fill, ops, problem, time } from './lib.js';

const SERVICES = [
  ['Orders (order-service)', '/ops/orders/dead-letters'],
  ['Sync (sync-service)', '/ops/sync/dead-letters'],
  ['Connections (integration-service)', '/ops/integrations/dead-letters'],
];

export async function problemsPage(view) {
  add(view, h('h1', {}, 'Problems'),
    h('p', { class: 'hint' }, 'Records a service could never apply as they are. Fix the cause (a release, a setting), then replay.'));
  for (const [title, path] of SERVICES) {
    const section = h('section', { class: 'card', 'data-service': path });
    add(view, section);
    await load(section, title, path);
  }
}

async function load(section, title, path) {
  try {
    const page = await ops('GET', `${path}?limit=50`);
    const rows = page.dead_letters || [];
    fill(section, h('h2', {}, `${title}: ${rows.length}${page.next_cursor ? '+' : ''}`),
      rows.length ? h('table', {},
        h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Tenant'), h('th', {}, 'Reason'), h('th', {}, 'Record'), h('th', {}, '')),
        rows.map((d) => h('tr', { 'data-dead-letter': d.id },
          h('td', {}, time(d.dead_lettered_at)),
          h('td', {}, d.tenant || '—'),
          h('td', {}, d.reason, d.cause ? h('div', { class: 'hint' }, d.cause) : null),
          h('td', { class: 'mono' }, `${d.source_topic || ''} ${d.record_key || ''}`),
          h('td', {}, d.replayed_at ? `replayed ${time(d.replayed_at)}` : h('button', { type: 'button', onclick: async (event) => {
            event.target.disabled = true;
            try {
              const answer = await ops('POST', `${path}/replay`, { ids: [d.id] });
              const outcome = (answer.results || [])[0];
              event.target.replaceWith(h('span', {}, outcome ? `${outcome.result}${outcome.detail ? ': ' + outcome.detail : ''}` : 'replayed'));
            } catch (e) {
              event.target.replaceWith(problem(e));
            }
          } }, 'Replay'))))) : h('p', {}, 'None.'));
  } catch (e) {
    fill(section, h('h2', {}, title), problem(e));
  }
}
