// Sync settings: order status filter, fulfillment location (the store's), auto-sync interval, inventory sync, notify
// customer; how the warehouse fulfils (at the merchant's location, or as the store's fulfillment service, with how
// it answers the merchant's requests); a refused value is shown beside its field.
import { h, api, session, field, fieldErrors, showFieldErrors, problem, clear, add } from './lib.js';

const FILTERS = [
  ['paid', 'Paid orders only'],
  ['authorized', 'Paid or payment authorized'],
  ['any', 'Every order, whatever its payment'],
];

const MODES = [
  ['merchant_managed', 'At a location the merchant manages'],
  ['fulfillment_service', 'As the store\'s fulfillment service (3PL)'],
];
const REQUEST_RULES = [
  ['accept_when_stocked', 'Accept when every item is in stock and the address is complete; reject otherwise'],
  ['manual', 'The warehouse accepts or rejects each one in the queue'],
];
const CANCELLATION_RULES = [
  ['accept_before_picking', 'Accept before picking starts; reject once packed (while picking, the warehouse decides)'],
  ['manual', 'The warehouse accepts or rejects each one in the queue'],
];

const options = (list, current) => list.map(([value, label]) => h('option', { value, selected: current === value }, label));

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
  const mode = h('select', { name: 'fulfillment_mode', id: 'fulfillment_mode' }, options(MODES, settings.fulfillment_mode));
  const serviceName = h('input', { type: 'text', name: 'fulfillment_service_name', id: 'fulfillment_service_name', maxlength: 255,
    value: settings.fulfillment_service_name || 'PROIGN Warehouse' });
  const requestRule = h('select', { name: 'fulfillment_request_rule', id: 'fulfillment_request_rule' },
    options(REQUEST_RULES, settings.fulfillment_request_rule));
  const cancellationRule = h('select', { name: 'cancellation_request_rule', id: 'cancellation_request_rule' },
    options(CANCELLATION_RULES, settings.cancellation_request_rule));
  const locationField = field('Fulfillment location', location, locationsProblem
    ? 'The store\'s locations cannot be read now: ' + locationsProblem
    : 'Where the warehouse ships from: Shopify\'s fulfillments and stock are set there.');
  const asService = h('fieldset', { id: 'fulfillment-service-settings' },
    h('legend', {}, 'Fulfillment service'),
    field('Name in Shopify', serviceName, 'Shopify gives the service a location of this name; the merchant\'s order routing '
      + 'sends it orders, and the merchant sees the warehouse\'s answers in Shopify.'),
    field('Fulfillment requests', requestRule, 'Orders the merchant sends the warehouse wait as "requested" until they are accepted.'),
    field('Cancellation requests', cancellationRule, 'The merchant asks before cancelling an order the warehouse accepted.'));
  // a fulfillment service fulfils at its own location: the merchant's location is for the other mode
  const showService = () => {
    asService.hidden = mode.value !== 'fulfillment_service';
    locationField.hidden = mode.value === 'fulfillment_service';
  };
  mode.addEventListener('change', showService);
  showService();
  const result = h('div', { id: 'settings-result', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-settings' }, 'Save settings');
  add(form, 
    field('How the warehouse fulfils', mode, 'At a location the merchant manages: the warehouse ships what Shopify assigns '
      + 'there. As the fulfillment service: the warehouse is registered in the store like a 3PL; Shopify asks it to fulfil '
      + 'each order and it accepts or rejects, and answers cancellation requests. Orders in flight are kept when this changes.'),
    asService,
    field('Orders to import', filter, 'Which of the store\'s orders enter the fulfillment queue.'),
    locationField,
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
        fulfillment_mode: mode.value,
        fulfillment_service_name: serviceName.value.trim() || null,
        fulfillment_request_rule: requestRule.value,
        cancellation_request_rule: cancellationRule.value,
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
