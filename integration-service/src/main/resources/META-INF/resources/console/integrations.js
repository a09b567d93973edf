// Settings → Integrations → Shopify: connect (store, one of the two kinds of credentials, Test Connection, Save),
// and once connected: the store, its features and webhooks, test again, replace the credentials, disconnect.
import { h, clear, api, ApiError, session, field, fieldErrors, showFieldErrors, problem, time, add, fill } from './lib.js';

/** What the suite does with a store and the scopes each needs (README, "Shopify app scopes"; Feature in the service). */
const SCOPES = [
  ['Importing orders (required)', 'read_orders'],
  ['Marking orders fulfilled with tracking', 'read_merchant_managed_fulfillment_orders, write_merchant_managed_fulfillment_orders'],
  ['Choosing the fulfillment location', 'read_locations'],
  ['Products, variants and SKUs', 'read_products'],
  ['Inventory sync both ways', 'read_inventory, write_inventory'],
  ['History older than 60 days (optional)', 'read_all_orders'],
];

/** What a merchant types for the store: "store", "store.myshopify.com" or "https://store.myshopify.com/admin". */
export function storeDomain(input) {
  let value = (input || '').trim().toLowerCase();
  value = value.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (value && !value.includes('.')) value += '.myshopify.com';
  return value;
}

export async function integrationsPage(view) {
  add(view, h('h1', {}, 'Integrations · Shopify'));
  let connection = null;
  try {
    connection = await api('GET', '/integrations/shopify');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  if (connection && connection.status === 'connected') {
    add(view, await connectedView(connection));
  } else {
    if (connection && connection.status === 'disconnected') {
      add(view, h('div', { class: 'notice' }, `${connection.shop_domain} was disconnected ${time(connection.disconnected_at)}`
        + (connection.disconnect_reason ? ` (${connection.disconnect_reason.replace(/_/g, ' ')})` : '')
        + '. Its orders are still in the queue.'));
    }
    add(view, connectForm(null));
  }
}

async function connectedView(connection) {
  // the webhooks' health as the sync status reports it (kept by the maintenance pass and Test Connection)
  const health = await api('GET', '/sync/status').then((s) => s.webhooks).catch(() => null);
  const card = h('section', { class: 'card', id: 'connected' },
    h('h2', {}, 'Connected'),
    h('table', {},
      h('tr', {}, h('th', {}, 'Store'), h('td', { id: 'shop-domain' }, connection.shop_domain)),
      h('tr', {}, h('th', {}, 'Credentials'), h('td', {}, connection.credential_kind === 'client_credentials'
        ? `Dev Dashboard app (client id ${connection.client_id})` : 'App made in the store\'s admin (Admin API token)')),
      h('tr', {}, h('th', {}, 'Connected'), h('td', {}, time(connection.connected_at))),
      h('tr', {}, h('th', {}, 'Webhooks'), h('td', { id: 'webhook-health', class: health?.status === 'ok' ? 'ok' : 'warn' },
        health ? `${health.status}, checked ${time(health.checked_at)}` + (health.error ? `: ${health.error}` : '')
          : 'not known yet'))),
    h('h2', {}, 'Features'),
    features(connection.features || []));
  const report = h('div', { id: 'test-report' });
  add(card, report);
  if (session.canManage()) {
    const replace = h('div');
    add(card, 
      h('button', { type: 'button', id: 'test-saved', onclick: async () => {
        fill(report, h('p', {}, 'Testing…'));
        try {
          showReport(clear(report), await api('POST', '/integrations/shopify/test', {}), true);
        } catch (e) {
          fill(report, problem(e));
        }
      } }, 'Test Connection'),
      h('button', { type: 'button', onclick: () => fill(replace, connectForm(connection.shop_domain)) }, 'Replace credentials'),
      h('button', { type: 'button', class: 'danger', id: 'disconnect', onclick: async () => {
        if (!confirm(`Disconnect ${connection.shop_domain}? Its webhooks are deleted in Shopify and its credentials erased; `
          + 'the orders already in the queue, their shipments and the settings are kept.')) return;
        try {
          await api('DELETE', '/integrations/shopify');
          location.hash = '#/integrations';
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (e) {
          add(report, problem(e));
        }
      } }, 'Disconnect'),
      replace);
  }
  return card;
}

function features(list) {
  return h('table', { id: 'features' },
    h('tr', {}, h('th', {}, 'Feature'), h('th', {}, 'State'), h('th', {}, 'What to do')),
    list.map((f) => h('tr', { 'data-feature': f.feature },
      h('td', {}, f.description),
      h('td', { class: f.enabled ? 'ok' : 'warn' }, f.enabled ? 'on' : `off: missing ${f.missing_scopes.join(', ')}`),
      h('td', {}, f.fix || ''))));
}

function connectForm(shopDomain) {
  const form = h('form', { class: 'card', id: 'connect', novalidate: true });
  const domain = h('input', { type: 'text', name: 'shop_domain', id: 'shop_domain', autocomplete: 'off',
    placeholder: 'your-store.myshopify.com', value: shopDomain || '' });
  const kindDashboard = h('input', { type: 'radio', name: 'kind', id: 'kind-dashboard', value: 'dashboard', checked: true });
  const kindAdmin = h('input', { type: 'radio', name: 'kind', id: 'kind-admin', value: 'admin' });
  const credentials = h('div');
  const inputs = {};
  const showKind = () => {
    clear(credentials);
    for (const key of Object.keys(inputs)) delete inputs[key];
    if (kindDashboard.checked) {
      add(credentials, 
        h('p', { class: 'hint' }, 'In Shopify\'s Dev Dashboard: your app → Settings: copy the Client ID and the secret. '
          + 'Give the app the scopes below and install it on the store.'),
        field('Client ID', inputs.client_id = h('input', { type: 'text', name: 'client_id', id: 'client_id', autocomplete: 'off' })),
        field('Client secret', inputs.client_secret = h('input', { type: 'password', name: 'client_secret', id: 'client_secret', autocomplete: 'off' })));
    } else {
      add(credentials, 
        h('p', { class: 'hint' }, 'In the store\'s admin: Settings → Apps → Develop apps → your app → API credentials: '
          + 'reveal the Admin API access token once and copy it, and the API secret key, which signs the webhooks.'),
        field('Admin API access token', inputs.access_token = h('input', { type: 'password', name: 'access_token', id: 'access_token', autocomplete: 'off' })),
        field('API secret key', inputs.api_secret_key = h('input', { type: 'password', name: 'api_secret_key', id: 'api_secret_key', autocomplete: 'off' })));
    }
  };
  kindDashboard.addEventListener('change', showKind);
  kindAdmin.addEventListener('change', showKind);
  showKind();

  const report = h('div', { id: 'test-report', 'aria-live': 'polite' });
  const body = () => {
    const value = { shop_domain: storeDomain(domain.value) };
    for (const [key, input] of Object.entries(inputs)) value[key] = input.value.trim();
    return value;
  };
  const run = async (button, action) => {
    button.disabled = true;
    showFieldErrors(form, {});
    try {
      await action();
    } catch (e) {
      showFieldErrors(form, fieldErrors(e));
      fill(report, problem(e));
    } finally {
      button.disabled = false;
    }
  };
  const test = h('button', { type: 'button', id: 'test', onclick: () => run(test, async () => {
    fill(report, h('p', {}, 'Testing…'));
    showReport(clear(report), await api('POST', '/integrations/shopify/test', body()), false);
  }) }, 'Test Connection');
  const save = h('button', { type: 'submit', class: 'primary', id: 'save' }, 'Save');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(save, async () => {
      await api('POST', '/integrations/shopify', body());
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
  });
  const copy = h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(
    SCOPES.map(([, s]) => s).join(', ')) }, 'Copy scopes');
  add(form, 
    h('h2', {}, shopDomain ? 'Replace the credentials' : 'Connect Shopify'),
    field('Store', domain, 'The store\'s address: your-store, your-store.myshopify.com or the admin\'s URL.'),
    h('fieldset', {}, h('legend', {}, 'Credentials'),
      kindDashboard, ' ', h('label', { for: 'kind-dashboard' }, 'Dev Dashboard app: client ID and secret'), h('br'),
      kindAdmin, ' ', h('label', { for: 'kind-admin' }, 'App made in the store\'s admin (legacy custom app): Admin API token and API secret key')),
    credentials,
    h('h2', {}, 'Scopes to grant the app'),
    h('table', { id: 'scopes' }, h('tr', {}, h('th', {}, 'For'), h('th', {}, 'Admin API access scopes')),
      SCOPES.map(([what, scopes]) => h('tr', {}, h('td', {}, what), h('td', { class: 'mono' }, scopes)))),
    copy,
    h('div', {}, test, save),
    report);
  if (!session.canManage()) {
    for (const control of form.querySelectorAll('input, button')) control.disabled = true;
    form.prepend(h('p', { class: 'notice' }, 'Only an owner or admin of the tenant connects a store.'));
  }
  return form;
}

/** Test Connection's report: reachable, authenticated, each scope, each feature, the webhooks, what to fix. */
function showReport(target, report, saved) {
  add(target, 
    h('div', { class: report.ok ? 'notice' : 'notice bad', id: 'test-result', role: 'status' },
      report.ok ? `Connected to ${report.shop_name || 'the store'} (API ${report.api_version}).`
        : 'The store cannot be used as it is: ' + (report.problems || []).join(' ')),
    h('h2', {}, 'Scopes'),
    h('table', { id: 'report-scopes' },
      h('tr', {}, h('th', {}, 'Scope'), h('th', {}, 'Granted'), h('th', {}, 'For')),
      (report.scopes || []).map((s) => h('tr', { 'data-scope': s.scope },
        h('td', { class: 'mono' }, s.scope),
        h('td', { class: s.present ? 'ok' : (s.required ? 'bad' : 'warn') }, s.present ? 'yes' : (s.required ? 'missing: required' : 'missing')),
        h('td', {}, s.needed_for || '')))),
    h('h2', {}, 'Features'),
    features(report.features || []),
    h('h2', {}, 'Webhooks'),
    saved || !(report.will_register || []).length
      ? h('table', { id: 'report-webhooks' },
        h('tr', {}, h('th', {}, 'Topic'), h('th', {}, 'State')),
        (report.webhooks || []).map((w) => h('tr', {},
          h('td', { class: 'mono' }, w.topic),
          h('td', { class: w.registered && w.subscriptions === 1 ? 'ok' : 'bad' }, !w.registered ? 'missing: Check webhooks restores it'
            : w.subscriptions > 1 ? `subscribed ${w.subscriptions} times: Check webhooks removes the others` : 'registered'))))
      : h('p', { id: 'will-register' }, 'Save registers: ' + report.will_register.join(', ')),
    (report.warnings || []).map((w) => h('p', { class: 'warn' }, w)));
}
