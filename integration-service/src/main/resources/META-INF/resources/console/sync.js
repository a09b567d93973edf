// Sync status (connection, webhooks, reconciliation, fulfillments with retry, last error; manual sync and its jobs
// with live progress) and the sync logs.
import { h, clear, api, session, field, fieldErrors, showFieldErrors, problem, time, every, add, fill } from './lib.js';

const STATUSES = ['any', 'unfulfilled', 'partially_fulfilled', 'fulfilled', 'unpaid', 'paid', 'open', 'closed', 'cancelled'];

export async function syncPage(view) {
  add(view, h('h1', {}, 'Sync status'));
  const status = h('section', { class: 'card', id: 'status', 'aria-live': 'polite' });
  const imports = h('section', { class: 'card', id: 'imports' });
  const jobs = h('section', { class: 'card', id: 'jobs' });
  add(view, status, imports, manualSync(), jobs);
  const stopChart = every(30000, async () => {
    try {
      chart(fill(imports), await api('GET', '/orders/stats/hourly?hours=24'));
    } catch (e) {
      fill(imports, problem(e));
    }
  });
  const stopStatus = every(2000, async () => {
    try {
      const [s, list] = await Promise.all([api('GET', '/sync/status'), api('GET', '/sync/jobs')]);
      renderStatus(clear(status), s);
      renderJobs(clear(jobs), list);
    } catch (e) {
      fill(status, problem(e));
    }
  });
  return () => {
    stopChart();
    stopStatus();
  };
}

/** Order events applied per hour over the last day, from webhooks and from pulls: stacked bars, the newest right. */
function chart(target, stats) {
  const hours = stats.hours || [];
  const top = Math.max(1, ...hours.map((x) => x.webhook + x.pull));
  const total = (key) => hours.reduce((sum, x) => sum + x[key], 0);
  const bars = h('div', { class: 'chart', role: 'img',
    'aria-label': `order events in the last ${hours.length} hours: ${total('webhook')} from webhooks, ${total('pull')} from pulls` });
  for (const x of hours) {
    const column = h('div', { class: 'bar', title: `${new Date(x.hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: `
      + `${x.webhook} from webhooks, ${x.pull} from pulls` });
    const pull = h('span', { class: 'pull' });
    const webhook = h('span', { class: 'webhook' });
    pull.style.height = `${(100 * x.pull) / top}%`;
    webhook.style.height = `${(100 * x.webhook) / top}%`;
    add(bars, add(column, pull, webhook));
  }
  add(target, h('h2', {}, 'Orders imported per hour, last 24 hours'),
    h('p', { class: 'hint' }, h('span', { class: 'key webhook' }), ` webhooks ${total('webhook')} `,
      h('span', { class: 'key pull' }), ` pulls ${total('pull')} (highest hour: ${top})`),
    bars);
}

function renderStatus(target, s) {
  const r = s.reconciliation || {};
  const f = s.fulfillments || {};
  const w = s.webhooks || {};
  add(target, 
    h('table', {},
      h('tr', {}, h('th', {}, 'Store'), h('td', { id: 'connection' }, `${s.shop_domain || '—'} · ${s.connection_status || 'not connected'}`)),
      h('tr', {}, h('th', {}, 'Webhooks'), h('td', { class: w.status === 'ok' ? 'ok' : 'bad' },
        `${w.status || '—'} (checked ${time(w.checked_at)})` + (w.error ? ': ' + w.error : ''))),
      h('tr', {}, h('th', {}, 'Reconciliation'), h('td', {},
        `every ${r.interval_minutes || '—'} min; last ${time(r.last_pass_finished)}`
        + (r.last_pass_orders != null ? ` (${r.last_pass_orders} orders)` : '') + `; next ${time(r.next_pass_at)}`
        + (r.last_pass_error ? '; failed: ' + r.last_pass_error : ''))),
      h('tr', {}, h('th', {}, 'Fulfillments'), h('td', { id: 'fulfillments' },
        `${f.pending ?? 0} waiting for Shopify, ${f.failed ?? 0} failed, ${f.synced_last24h ?? 0} in Shopify in the last 24 hours`,
        f.failed > 0 && session.canWork() ? h('button', { type: 'button', id: 'retry-failed', onclick: async (event) => {
          event.target.disabled = true;
          const done = await api('POST', '/orders/shipments/retry-failed');
          event.target.replaceWith(h('span', {}, ` ${done.retried} sent again`));
        } }, 'Retry failed') : null)),
      h('tr', {}, h('th', {}, 'Last error'), h('td', {}, s.last_error ? `${time(s.last_error.at)}: ${s.last_error.message}` : 'none'))));
}

function manualSync() {
  const today = new Date().toISOString().slice(0, 10);
  const from = h('input', { type: 'date', name: 'from_date', id: 'from_date', value: today.slice(0, 8) + '01' });
  const to = h('input', { type: 'date', name: 'to_date', id: 'to_date', value: today });
  const status = h('select', { name: 'status', id: 'sync_status' }, STATUSES.map((s) => h('option', { value: s }, s.replace('_', ' '))));
  const start = h('button', { type: 'submit', class: 'primary', id: 'start-sync', disabled: !session.canManage() }, 'Sync now');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'manual-sync', novalidate: true },
    h('h2', {}, 'Sync orders from Shopify'),
    h('div', { class: 'row' }, field('From', from), field('To', to), field('Status', status)),
    start, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showFieldErrors(form, {});
    clear(result);
    try {
      const job = await api('POST', '/sync/shopify', { from_date: from.value, to_date: to.value, status: status.value });
      add(result, h('p', { class: 'notice', role: 'status', id: 'started', 'data-job': job.job_id }, `Started: ${job.subject}.`));
    } catch (e) {
      showFieldErrors(form, fieldErrors(e));
      add(result, problem(e));
    }
  });
  return form;
}

function renderJobs(target, jobs) {
  add(target, h('h2', {}, 'Jobs'),
    h('table', {},
      h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'What'), h('th', {}, 'Status'), h('th', {}, 'Progress'), h('th', {}, '')),
      jobs.slice(0, 10).map((job) => {
        const percent = job.status === 'completed' ? 100 : Math.round(job.percent || 0);
        const running = job.status === 'queued' || job.status === 'running';
        return h('tr', { 'data-job': job.job_id },
          h('td', {}, time(job.created_at)),
          h('td', {}, job.subject, job.orders_seen ? ` · ${job.orders_queued} of ${job.orders_seen} orders queued`
            + (job.orders_filtered ? `, ${job.orders_filtered} held back by the ${job.order_filter} filter` : '') : ''),
          h('td', { class: job.status === 'failed' ? 'bad' : '' }, job.status + (job.error ? ': ' + job.error : '')),
          h('td', {},
            progress(percent),
            ` ${percent} %`,
            running && job.per_second ? ` · ${job.per_second.toFixed(1)}/s` : '',
            running && job.seconds_left != null ? ` · ${job.seconds_left} s left` : ''),
          h('td', {}, running && session.canManage() ? h('button', { type: 'button', onclick: () =>
            api('POST', `/sync/jobs/${job.job_id}/cancel`) }, 'Cancel') : null));
      })));
}

/** A bar (its width set through the CSSOM: the Content-Security-Policy allows no inline style). */
function progress(percent) {
  const bar = h('span');
  bar.style.width = `${percent}%`;
  return h('span', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent }, bar);
}

export async function logsPage(view) {
  add(view, h('h1', {}, 'Sync logs'));
  const level = h('select', { id: 'log-level' }, ['', 'info', 'warn', 'error'].map((l) => h('option', { value: l }, l || 'every level')));
  const kind = h('select', { id: 'log-kind' }, ['', 'sync', 'reconcile', 'fulfillment', 'inventory', 'webhooks'].map((k) =>
    h('option', { value: k }, k || 'every kind')));
  const table = h('div', { id: 'logs' });
  let before = null;
  const load = async (append) => {
    const query = new URLSearchParams({ limit: '50' });
    if (level.value) query.set('level', level.value);
    if (kind.value) query.set('kind', kind.value);
    if (append && before) query.set('before', before);
    const page = await api('GET', '/sync/logs?' + query);
    before = page.next_before;
    if (!append) clear(table);
    add(table, ...page.logs.map((entry) => h('div', { class: 'card', 'data-level': entry.level },
      h('span', { class: entry.level === 'error' ? 'bad' : entry.level === 'warn' ? 'warn' : '' }, `${time(entry.at)} · ${entry.level} · ${entry.kind}`),
      h('div', {}, entry.message),
      entry.level === 'error' ? h('p', { class: 'hint' }, advice(entry)) : null)));
    more.hidden = !before;
  };
  const more = h('button', { type: 'button', id: 'more-logs', onclick: () => load(true) }, 'Older');
  level.addEventListener('change', () => load(false));
  kind.addEventListener('change', () => load(false));
  add(view, h('div', { class: 'row' }, field('Level', level), field('Kind', kind)), table, more);
  await load(false);
}

/** What to do about an error line, by its kind. */
function advice(entry) {
  switch (entry.kind) {
    case 'fulfillment': return 'Fix what it names (location, scopes), then retry the failed shipments on Sync status.';
    case 'webhooks': return 'Test Connection on the Integrations page shows the subscriptions; Check webhooks restores them.';
    case 'inventory': return 'Check the SKU exists once in the store and inventory sync has its scopes.';
    default: return 'If it repeats, Test Connection on the Integrations page says whether the store can be reached.';
  }
}
