// The fulfillment queue: the list (status, order number, SKU, dates; new orders appear without a reload) and an
// order: what to pick, where it goes, its shipments and whether Shopify has them; pick, pack, ship, hold, release;
// and, with the warehouse as the store's fulfillment service, the merchant's requests to accept or reject.
import { h, clear, api, ApiError, session, field, problem, time, every, add, fill } from './lib.js';

const STATUSES = ['', 'requested', 'pending', 'picking', 'packed', 'partially_shipped', 'shipped', 'on_hold', 'cancelled',
  'refunded', 'assigned_elsewhere', 'rejected'];

// Shopify's reasons a fulfillment service may reject a request with (FulfillmentOrderRejectionReason), in words
const REJECTION_REASONS = [
  ['INVENTORY_OUT_OF_STOCK', 'Out of stock'],
  ['INVALID_SKU', 'SKU not stocked by the warehouse'],
  ['INELIGIBLE_PRODUCT', 'Product the warehouse cannot ship'],
  ['INCORRECT_ADDRESS', 'Incorrect address'],
  ['UNDELIVERABLE_DESTINATION', 'Undeliverable destination'],
  ['INTERNATIONAL_SHIPPING_UNAVAILABLE', 'No international shipping'],
  ['MISSING_CUSTOMS_INFO', 'Missing customs information'],
  ['INVALID_CONTACT_INFORMATION', 'Invalid contact information'],
  ['INCORRECT_PRODUCT_INFO', 'Incorrect product information'],
  ['ORDER_TOO_LARGE', 'Order too large'],
  ['PACKAGE_PREFERENCE_NOT_SET', 'Package preference not set'],
  ['PAYMENT_DECLINED', 'Payment declined'],
  ['MERCHANT_BLOCKED_OR_SUSPENDED', 'Merchant blocked or suspended'],
  ['OTHER', 'Other'],
];

export async function queuePage(view) {
  add(view, h('h1', {}, 'Fulfillment queue'));
  const status = h('select', { id: 'queue-status' }, STATUSES.map((s) => h('option', { value: s }, s ? s.replace('_', ' ') : 'every status')));
  const number = h('input', { type: 'text', id: 'queue-number', placeholder: '#1001' });
  const sku = h('input', { type: 'text', id: 'queue-sku' });
  const from = h('input', { type: 'date', id: 'queue-from' });
  const to = h('input', { type: 'date', id: 'queue-to' });
  const list = h('div', { id: 'queue', 'aria-live': 'polite' });
  const load = async () => {
    const query = new URLSearchParams({ limit: '50' });
    if (status.value) query.set('status', status.value);
    if (number.value.trim()) query.set('order_number', number.value.trim());
    if (sku.value.trim()) query.set('sku', sku.value.trim());
    if (from.value) query.set('ordered_from', from.value + 'T00:00:00Z');
    if (to.value) query.set('ordered_to', to.value + 'T23:59:59Z');
    try {
      const page = await api('GET', '/orders?' + query);
      fill(list, h('table', {},
        h('tr', {}, h('th', {}, 'Order'), h('th', {}, 'Placed'), h('th', {}, 'Status'), h('th', {}, 'Items'), h('th', {}, 'Ship to')),
        page.orders.map((o) => h('tr', { 'data-order': o.id, 'data-shopify-order': o.shopify_order_id },
          h('td', {}, h('a', { href: `#/queue/${o.id}` }, o.shopify_order_number)),
          h('td', {}, time(o.ordered_at)),
          h('td', {}, o.status.replace('_', ' '), o.changed_after_picking
            ? h('span', { class: 'bad', title: 'Shopify changed the order after picking started' }, ' · changed') : null,
          o.cancellation_request === 'requested'
            ? h('span', { class: 'bad', title: 'The merchant asks to cancel it' }, ' · cancellation requested') : null),
          h('td', {}, o.items.map((i) => `${i.quantity} × ${i.sku || i.title}`).join(', ')),
          h('td', {}, o.shipping_address ? `${o.shipping_address.name || ''}, ${o.shipping_address.city || ''}` : '—')))),
        page.orders.length ? null : h('p', {}, 'No order matches.'));
    } catch (e) {
      fill(list, problem(e));
    }
  };
  for (const input of [status, number, sku, from, to]) input.addEventListener('change', load);
  add(view, h('div', { class: 'row' }, field('Status', status), field('Order number', number), field('SKU', sku),
    field('Placed from', from), field('to', to)), list);
  return every(3000, load);
}

export async function orderPage(view, id) {
  const render = async (notice) => {
    const order = await api('GET', `/orders/${encodeURIComponent(id)}`);
    const edits = order.changed_after_picking ? await api('GET', `/orders/${encodeURIComponent(id)}/edits`) : [];
    fill(view, 
      h('p', {}, h('a', { href: '#/queue' }, '← Fulfillment queue')),
      h('h1', {}, `Order ${order.shopify_order_number}`),
      notice || null,
      h('section', { class: 'card' },
        h('p', { id: 'order-status' }, `Status: ${order.status.replace('_', ' ')}`
          + (order.hold_reason ? ` (${order.hold_reason})` : '') + ` · placed ${time(order.ordered_at)}`
          + ` · ${order.financial_status || ''} ${order.total_price || ''} ${order.currency || ''}`),
        order.cancelled_after_shipping ? h('p', { class: 'bad' }, 'Cancelled in Shopify after it shipped.') : null,
        order.status === 'assigned_elsewhere' ? h('p', { class: 'hint', id: 'assigned-elsewhere' },
          'Shopify assigned all of this order to other locations or fulfillment services: it is not this warehouse\'s to ship. '
          + 'It returns to the queue if some of it is assigned here again.') : null,
        order.changed_after_picking ? changed(order, edits) : null,
        order.fulfillment_request || order.cancellation_request ? requests(order) : null,
        h('h2', {}, 'To pick'),
        h('table', { id: 'items' },
          h('tr', {}, h('th', {}, 'SKU'), h('th', {}, 'Item'), h('th', {}, 'Quantity'), h('th', {}, 'To pick'), h('th', {}, 'Elsewhere')),
          order.items.map((i) => h('tr', {}, h('td', { class: 'mono' }, i.sku || '—'),
            h('td', {}, i.title + (i.variant_title ? ` · ${i.variant_title}` : '')), h('td', {}, i.quantity), h('td', {}, i.quantity_to_pick),
            h('td', { class: 'hint' }, i.elsewhere_quantity ? `${i.elsewhere_quantity} at ${i.assigned_elsewhere || 'another location'}` : '')))),
        h('h2', {}, 'Ship to'),
        order.personal_data_erased_at
          ? h('p', { id: 'address', class: 'hint' }, `The customer's personal data was erased (${time(order.personal_data_erased_at)}): `
            + `Shopify's privacy request, or the retention period. Ships to: ${(order.shipping_address || {}).country || '—'}.`)
          : address(order.shipping_address),
        h('h2', {}, 'Shipments'),
        order.shipments.length ? h('table', { id: 'shipments' },
          h('tr', {}, h('th', {}, 'Shipped'), h('th', {}, 'Carrier and tracking'), h('th', {}, 'In Shopify')),
          order.shipments.map((s) => h('tr', { 'data-shipment': s.id },
            h('td', {}, time(s.shipped_at)),
            h('td', {}, `${s.carrier || ''} ${(s.tracking_numbers || []).join(', ')}`),
            h('td', { class: s.sync_status === 'synced' ? 'ok' : s.sync_status === 'failed' ? 'bad' : '', 'data-sync': s.sync_status },
              s.sync_status === 'synced' ? `yes, ${time(s.synced_at)}` : s.sync_status === 'failed'
                ? `refused: ${s.sync_error || ''}` : 'waiting for Shopify',
              s.sync_status === 'failed' && session.canWork() ? h('button', { type: 'button', onclick: () =>
                act(`/orders/${id}/shipments/${s.id}/retry`) }, 'Retry') : null)))) : h('p', {}, 'None yet.'),
        session.canWork() ? actions(order) : null));
    return order;
  };
  const act = async (path, body, version) => {
    try {
      await api('POST', path, body, version != null ? { 'If-Match': `"${version}"` } : {});
      await render();
    } catch (e) {
      const moved = e instanceof ApiError && e.status === 409;
      await render(moved ? h('div', { class: 'notice bad', role: 'alert' },
        'Someone else moved this order meanwhile; it is shown as it is now. ' + e.message) : problem(e));
    }
  };

  // Shopify changed the order after picking started: what changed, in words; the pick list stays as it was until
  // someone acknowledges (then it becomes the order as Shopify has it, what shipped staying shipped)
  function changed(order, edits) {
    const waiting = edits.find((e) => e.state === 'awaiting_acknowledgement') || edits[0];
    return h('div', { class: 'notice bad', id: 'order-changed', role: 'alert' },
      h('p', {}, `Changed in Shopify after picking started${waiting ? ' (' + time(waiting.detected_at) + ')' : ''}. `
        + 'The pick list below is still the one picking started with.'),
      waiting ? h('ul', {}, waiting.changes.map((c) => h('li', {}, c.text))) : null,
      session.canWork() ? h('button', { type: 'button', id: 'action-acknowledge', class: 'primary',
        onclick: () => act(`/orders/${id}/edits/acknowledge`, undefined, order.version) },
      'Acknowledge and update the pick list') : null);
  }

  // The merchant's requests to the warehouse as the store's fulfillment service: what was asked and answered, and
  // (for staff) accept, or reject with Shopify's reason
  function requests(order) {
    const box = h('div', { class: order.fulfillment_request === 'submitted' || order.cancellation_request === 'requested' ? 'notice' : 'hint',
      id: 'requests', role: 'status', 'data-request': (order.request_note || '').endsWith('(sent to Shopify)') ? 'sent' : null },
    h('p', { id: 'request-note' }, order.request_note || (order.fulfillment_request === 'accepted'
      ? 'The warehouse accepted the merchant\'s fulfillment request.' : '')));
    if (!session.canWork()) return box;
    if (order.fulfillment_request === 'submitted') {
      const message = h('input', { type: 'text', id: 'request-message', maxlength: 500, placeholder: 'Message for the merchant' });
      const shipDate = h('input', { type: 'date', id: 'request-ship-date' });
      const reason = h('select', { id: 'request-reason' }, REJECTION_REASONS.map(([value, label]) => h('option', { value }, label)));
      add(box, h('div', { class: 'row' }, field('Message', message), field('Expected to ship', shipDate), field('Reason to reject', reason)),
        h('button', { type: 'button', class: 'primary', id: 'action-accept-request', onclick: () =>
          act(`/orders/${id}/fulfillment-request/accept`, { message: message.value.trim() || null,
            estimated_ship_date: shipDate.value || null }, order.version) }, 'Accept the request'),
        ' ',
        h('button', { type: 'button', id: 'action-reject-request', onclick: () =>
          act(`/orders/${id}/fulfillment-request/reject`, { reason: reason.value, message: message.value.trim() || null },
            order.version) }, 'Reject the request'));
    }
    if (order.cancellation_request === 'requested') {
      const message = h('input', { type: 'text', id: 'cancellation-message', maxlength: 500, placeholder: 'Message for the merchant' });
      add(box, field('Message', message),
        h('button', { type: 'button', id: 'action-accept-cancellation', onclick: () =>
          act(`/orders/${id}/cancellation-request/accept`, { message: message.value.trim() || null }, order.version) },
        'Accept the cancellation'),
        ' ',
        h('button', { type: 'button', id: 'action-reject-cancellation', onclick: () =>
          act(`/orders/${id}/cancellation-request/reject`, { message: message.value.trim() || null }, order.version) },
        'Reject the cancellation'));
    }
    return box;
  }

  function actions(order) {
    const box = h('div', { id: 'actions' });
    const move = (label, path, enabled) => enabled ? h('button', { type: 'button', id: `action-${path}`,
      onclick: () => act(`/orders/${id}/${path}`, undefined, order.version) }, label) : null;
    add(box, 
      move('Pick', 'pick', order.status === 'pending'),
      move('Pack', 'pack', order.status === 'picking'),
      move('Release', 'release', order.status === 'on_hold' && !order.held_in_shopify),
      ['pending', 'picking', 'packed'].includes(order.status) ? h('button', { type: 'button', id: 'action-hold', onclick: () => {
        const reason = prompt('Why is the order held?');
        if (reason !== null) act(`/orders/${id}/hold`, { reason }, order.version);
      } }, 'Hold') : null,
      ['packed', 'partially_shipped'].includes(order.status) ? shipForm(order) : null);
    return box;
  }

  function shipForm(order) {
    const carrier = h('input', { type: 'text', name: 'carrier', id: 'carrier' });
    // one number per parcel, separated by commas or spaces
    const tracking = h('input', { type: 'text', name: 'tracking_numbers', id: 'tracking_number' });
    const url = h('input', { type: 'url', name: 'tracking_url', id: 'tracking_url' });
    const lines = order.items.filter((i) => i.quantity_to_pick > 0).map((i) => ({
      item: i,
      input: h('input', { type: 'number', min: 0, max: i.quantity_to_pick, value: i.quantity_to_pick, id: `line-${i.shopify_line_item_id}` }),
    }));
    const form = h('form', { id: 'ship', novalidate: true },
      h('h2', {}, 'Ship'),
      h('div', { class: 'row' }, field('Carrier', carrier), field('Tracking numbers (one per parcel)', tracking), field('Tracking URL', url)),
      lines.map(({ item, input }) => field(`${item.sku || item.title}: quantity in this shipment`, input)),
      h('button', { type: 'submit', class: 'primary', id: 'action-ship' }, 'Ship'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const all = lines.every(({ item, input }) => Number(input.value) === item.quantity_to_pick);
      act(`/orders/${id}/ship`, {
        carrier: carrier.value || null,
        tracking_numbers: tracking.value.split(/[\s,;]+/).filter(Boolean),
        tracking_url: url.value || null,
        lines: all ? null : lines.filter(({ input }) => Number(input.value) > 0)
          .map(({ item, input }) => ({ shopify_line_item_id: item.shopify_line_item_id, quantity: Number(input.value) })),
      }, order.version);
    });
    return form;
  }

  await render();
  // the shipments' Shopify state, and Shopify's taking of an answer sent, change by themselves: shown as they do
  return every(3000, async () => {
    const shown = view.querySelector('[data-sync="pending"], [data-request="sent"]');
    if (shown && !view.querySelector('form#ship input:focus, #requests input:focus')) await render().catch(() => {});
  });
}

function address(a) {
  if (!a) return h('p', {}, '—');
  return h('p', { id: 'address' }, [a.name, a.company, a.address1, a.address2, [a.zip, a.city].filter(Boolean).join(' '),
    a.province, a.country].filter(Boolean).map((line) => [line, h('br')]));
}
