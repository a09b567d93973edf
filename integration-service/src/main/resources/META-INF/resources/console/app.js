// The console: the help page's screens on the suite's own tenant APIs, called with the user's bearer token (no cookies,
// no API of its own). Everything from Shopify or a user is rendered as text (h() never parses HTML), and the page's
// Content-Security-Policy allows no inline script.
import { h, clear, session, problem, add, fill } from './lib.js';
import { integrationsPage } from './integrations.js';
import { settingsPage } from './settings.js';
import { syncPage, logsPage } from './sync.js';
import { queuePage, orderPage } from './queue.js';
import { problemsPage } from './problems.js';
import { privacyPage } from './privacy.js';

const pages = {
  integrations: integrationsPage,
  settings: settingsPage,
  sync: syncPage,
  logs: logsPage,
  queue: queuePage,
  privacy: privacyPage,
};

/** A page may leave work running (polling); the next page stops it. */
let stopPage = () => {};

async function route() {
  // a sign-in address opened in a tab that has the console already: the new token replaces the old
  if (session.takeFromFragment()) return; // takeFromFragment moved to #/integrations: that hashchange routes
  document.getElementById('who').textContent = !session.token() ? ''
    : session.isOperator() ? `${session.user()} · operator` : `${session.user()} · tenant ${session.tenant()}`;
  stopPage();
  stopPage = () => {};
  const view = document.getElementById('view');
  if (!session.token()) {
    fill(view, h('section', { class: 'card' },
      h('h1', {}, 'Sign in'),
      h('p', {}, 'Open the console from the PROIGN platform, or locally from the sign-in address deploy/local/run.sh prints.')));
    return;
  }
  // the operator (no tenant) has the Problems page; a tenant's user the tenant's pages
  const operator = session.isOperator();
  for (const link of document.querySelectorAll('nav a')) link.hidden = operator !== (link.dataset.page === 'problems');
  const [, name = operator ? 'problems' : 'integrations', id] = (location.hash || (operator ? '#/problems' : '#/integrations')).split('/');
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  clear(view);
  try {
    const page = operator ? (name === 'problems' ? problemsPage : null)
      : name === 'queue' && id ? (v) => orderPage(v, id) : pages[name];
    if (!page) {
      add(view, h('p', {}, 'No such page.'));
      return;
    }
    stopPage = (await page(view)) || (() => {});
  } catch (e) {
    add(view, problem(e));
  }
  view.focus({ preventScroll: true });
}

// what went wrong in the page (errors, refused promises, anything the Content-Security-Policy blocked): kept for the
// browser tests, which expect none
window.__consoleErrors = [];
window.addEventListener('error', (e) => window.__consoleErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__consoleErrors.push(String(e.reason)));
document.addEventListener('securitypolicyviolation', (e) => window.__consoleErrors.push(`blocked ${e.blockedURI} (${e.violatedDirective})`));

session.takeFromFragment();
window.addEventListener('hashchange', route);
route();
