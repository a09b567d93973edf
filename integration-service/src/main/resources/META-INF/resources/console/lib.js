// Small helpers the pages share: elements, the API client, the session (the bearer token), time formats.

/** An element with attributes (on* as listeners) and children; strings become text, never markup. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  return add(element, children);
}

/** Appends children as h() does: lists flattened, nothing for null, undefined or false, strings as text. */
export function add(element, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  return add(clear(element), children);
}

/** The signed-in user: a bearer token handed over in the address's fragment (never sent to a server), kept for the tab. */
export const session = {
  takeFromFragment() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return false;
    sessionStorage.setItem('token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + (session.isOperator() ? '#/problems' : '#/integrations'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return true;
  },
  token: () => sessionStorage.getItem('token'),
  claims() {
    try {
      const payload = session.token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload));
    } catch {
      return {};
    }
  },
  tenant: () => session.claims().tenant,
  user: () => session.claims().upn || session.claims().sub || 'signed in',
  roles: () => session.claims().groups || [],
  /** Connecting, settings, syncs: owner or admin, as the APIs decide. */
  canManage: () => session.roles().some((r) => r === 'owner' || r === 'admin'),
  /** The platform's operator (no tenant): the services' dead letters. */
  isOperator: () => !session.tenant() && session.roles().includes('operator'),
  /** Picking, packing, shipping: also the warehouse. */
  canWork: () => session.roles().some((r) => r === 'owner' || r === 'admin' || r === 'warehouse'),
};

/** An API's refusal: its status and problem details, said in plain words. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `the service answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Calls one of the suite's APIs on this origin for the signed-in tenant: path relative to /api/{tenant}. */
export function api(method, path, body, headers = {}) {
  return call(method, `/api/${encodeURIComponent(session.tenant())}${path}`, body, headers);
}

/** Calls an operator's API (/ops/...: no tenant). */
export function ops(method, path, body) {
  return call(method, path, body, {});
}

async function call(method, url, body, headers) {
  const answer = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${session.token()}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's error page): said by its status below
  }
  if (!answer.ok) {
    if (answer.status === 401) throw new ApiError(401, { detail: 'Your sign-in has expired or is not valid: open the console again from the platform.' });
    if (answer.status === 403) throw new ApiError(403, { detail: 'Your role does not allow this.' });
    throw new ApiError(answer.status, json || { detail: answer.status >= 500
      ? `The service is not answering now (${answer.status}); try again in a moment.` : `The request was refused (${answer.status}).` });
  }
  return json;
}

/** A refusal's field errors (problem+json violations), by field name. */
export function fieldErrors(e) {
  const errors = {};
  for (const v of e?.problem?.violations || []) {
    errors[v.field] = v.message;
  }
  if (e?.problem?.field && !errors[e.problem.field]) errors[e.problem.field] = e.problem.detail;
  return errors;
}

export function time(value) {
  return value ? new Date(value).toLocaleString() : '—';
}

export function when(condition, ...children) {
  return condition ? children : [];
}

/** Runs fn now and every ms while the page is shown; returns its stop. */
export function every(ms, fn) {
  let stopped = false;
  let timer;
  const tick = async () => {
    try {
      await fn();
    } finally {
      if (!stopped) timer = setTimeout(tick, ms);
    }
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A labelled input with room for its error. */
export function field(label, input, hint, error) {
  const id = input.id || (input.id = 'f-' + Math.random().toString(36).slice(2));
  return h('div', {},
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', id: id + '-error', 'data-field': input.name }, error || ''));
}

/** Puts each field's error beside it (by the input's name), clearing the others. */
export function showFieldErrors(form, errors) {
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.textContent = errors[slot.dataset.field] || '';
  }
}

/** A refusal in plain words, as an alert. */
export function problem(e) {
  const text = e instanceof ApiError ? e.message : 'Something went wrong: ' + e.message;
  return h('div', { class: 'notice bad', role: 'alert' }, text);
}
