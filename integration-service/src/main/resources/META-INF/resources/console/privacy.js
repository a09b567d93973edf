// Customer privacy, for the tenant's owner: Shopify's privacy requests (customers/redact, customers/data_request,
// shop/redact) and what the queue did with each (never the data), the retention passes, and the customers' data
// exports to hand to the merchant. The APIs answer the owner only.
import { h, api, session, problem, time, add, fill } from './lib.js';

export async function privacyPage(view) {
  add(view, h('h1', {}, 'Customer privacy'),
    h('p', { class: 'hint' }, 'Shopify forwards a customer\'s requests about their data. A data request becomes an export '
      + 'below (kept 30 days) for you to send to the merchant; a redaction erases the customer\'s name, address and phone '
      + 'from the queue while order numbers, items and tracking stay. Shipped orders\' personal data is erased after 90 days.'));
  if (!session.roles().includes('owner')) {
    add(view, h('p', { class: 'bad' }, 'Only the tenant\'s owner sees the customers\' privacy requests.'));
    return undefined;
  }
  const exports = h('section', { class: 'card', id: 'exports' });
  const requests = h('section', { class: 'card', id: 'privacy-requests' });
  add(view, exports, requests);
  try {
    const [found, done] = await Promise.all([api('GET', '/privacy/data-requests'), api('GET', '/privacy/requests')]);
    renderExports(exports, found.exports || []);
    renderRequests(requests, done.requests || []);
  } catch (e) {
    fill(exports, problem(e));
  }
  return undefined;
}

function renderExports(target, list) {
  const shown = h('pre', { id: 'export', class: 'mono', hidden: true });
  fill(target, h('h2', {}, 'Data exports'),
    list.length ? h('table', {},
      h('tr', {}, h('th', {}, 'Requested'), h('th', {}, 'Orders'), h('th', {}, 'Kept until'), h('th', {}, '')),
      list.map((x) => h('tr', { 'data-export': x.id },
        h('td', {}, time(x.created_at)), h('td', {}, x.orders), h('td', {}, time(x.expires_at)),
        h('td', {}, h('button', { type: 'button', onclick: () => show(shown, x) }, 'Show'))))) : h('p', {}, 'None.'),
    shown);
}

async function show(target, x) {
  try {
    const document = await api('GET', `/privacy/data-requests/${encodeURIComponent(x.id)}`);
    const text = JSON.stringify(document, null, 2);
    target.textContent = text;
    target.hidden = false;
    const file = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    target.after(h('p', {}, h('a', { href: file, download: `customer-data-${x.shopify_data_request_id || x.id}.json`, id: 'export-file' },
      'Save as a file')));
  } catch (e) {
    target.replaceWith(problem(e));
  }
}

function renderRequests(target, list) {
  fill(target, h('h2', {}, 'Requests and retention'),
    list.length ? h('table', {},
      h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Request'), h('th', {}, 'Outcome'), h('th', {}, 'Orders'), h('th', {}, 'Erased')),
      list.map((r) => h('tr', { 'data-request': r.webhook_id },
        h('td', {}, time(r.completed_at)), h('td', { class: 'mono' }, r.topic), h('td', {}, r.outcome.replace(/_/g, ' ')),
        h('td', {}, r.orders), h('td', {}, r.erased)))) : h('p', {}, 'None yet.'));
}
