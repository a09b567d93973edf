// Sync settings: order status filter, fulfillment location (the store's), auto-sync interval, inventory sync, notify
// customer; a refused value is shown beside its field. The fulfillment mode is sent back as it is.
import { h, api, session, field, fieldErrors, showFieldErrors, problem, clear, add } from './lib.js';

const FILTERS = [
  ['paid', 'Paid orders only'],
  ['authorized', 'Paid or payment authorized'],
  ['any', 'Every order, whatever its payment'],
];

export async function settingsPage(view) {
  add(view, h('h1', {}, 'Sync settings'));
  const settings = await api('GET', '/integrations/shopify/settings');
  let locations = [];
  let locationsProblem = null;
  try {
    locations = await api('GET', '/integrations/shopify/locations');
  } catch (e) {
    locationsProblem = e.message;
  }
  const form = h('form', { class: 'card', id: 'settings', novalidate: true });
  const filter = h('select', { name: 'order_status_filter', id: 'order_status_filter' },
    FILTERS.map(([value, label]) => h('option', { value, selected: settings.order_status_filter === value }, label)));
  const location = h('select', { name: 'fulfillment_location_id', id: 'fulfillment_location_id' },
    h('option', { value: '' }, 'Not chosen'),
    locations.map((l) => h('option', { value: String(l.id), selected: String(settings.fulfillment_location_id) === String(l.id) },
      l.name + (l.active ? '' : ' (inactive)'))));
  const interval = h('input', { type: 'number', name: 'auto_sync_interval_minutes', id: 'auto_sync_interval_minutes', min: 1,
    max: 1440, value: settings.auto_sync_interval_minutes });
  const inventory = h('input', { type: 'checkbox', name: 'inventory_sync', id: 'inventory_sync', checked: settings.inventory_sync });
  const notify = h('input', { type: 'checkbox', name: 'notify_customer', id: 'notify_customer', checked: settings.notify_customer });
  const result = h('div', { id: 'settings-result', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save settings');
  add(form, 
    field('Orders to import', filter, 'Which of the store\'s orders enter the fulfillment queue.'),
    field('Fulfillment location', location, locationsProblem
      ? 'The store\'s locations cannot be read now: ' + locationsProblem
      : 'Where the warehouse ships from: Shopify\'s fulfillments and stock are set there.'),
    field('Reconcile every (minutes)', interval, 'How often the store is checked for orders a webhook missed.'),
    h('p', {}, inventory, ' ', h('label', { for: 'inventory_sync' }, 'Sync inventory both ways')),
    h('p', { class: 'field-error', 'data-field': 'inventory_sync' }),
    h('p', {}, notify, ' ', h('label', { for: 'notify_customer' }, 'Email the customer when an order ships')),
    save, result);
  if (!session.canManage()) {
    for (const control of form.querySelectorAll('input, select, button')) control.disabled = true;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    showFieldErrors(form, {});
    clear(result);
    try {
      const saved = await api('PUT', '/integrations/shopify/settings', {
        order_status_filter: filter.value,
        fulfillment_location_id: location.value || null,
        auto_sync_interval_minutes: interval.value === '' ? null : Number(interval.value),
        inventory_sync: inventory.checked,
        notify_customer: notify.checked,
        // the mode is kept as it is (the settings page does not offer fulfillment-service mode yet)
        fulfillment_mode: settings.fulfillment_mode || 'merchant_managed',
        fulfillment_service_name: settings.fulfillment_service_name || null,
      });
      add(result, h('div', { class: 'notice', role: 'status' }, 'Saved' + (saved.fulfillment_mode === 'fulfillment_service'
        ? `: the warehouse is the store's fulfillment service ${saved.fulfillment_service_name}.`
        : saved.fulfillment_location_name ? `: shipping from ${saved.fulfillment_location_name}.` : '.')));
    } catch (e) {
      showFieldErrors(form, fieldErrors(e));
      add(result, problem(e));
    } finally {
      save.disabled = !session.canManage();
    }
  });
  add(view, form);
}
