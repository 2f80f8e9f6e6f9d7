// The public registry page: plain JavaScript over the registry API, no build step.
// Routes (in the URL fragment): #/ the registry at a glance, #/search?q=..., #/organisations/{id}?asOf=,
// #/certificates/{number}. Public pages show names, dates, certificate numbers and reasons; event ids stay under
// "Technical details".
'use strict';

const api = '/api/v1/registry';
const view = document.getElementById('view');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function tier(t) { return el('span', { class: 'tier tier-' + t, 'data-tier': t }, t); }

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function show(...nodes) { view.replaceChildren(...nodes); }

async function search(params) {
  const query = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v) query.set(k, v); });
  const { status, body } = await getJson(api + '/organisations?' + query);
  if (status !== 200) return show(el('p', { class: 'error' }, body.detail || 'Search failed'));
  const rows = body.items.map(o => el('tr', { class: 'result' },
    el('td', {}, el('a', { href: '#/organisations/' + encodeURIComponent(o.organisationId)
      + (params.asOf ? '?asOf=' + params.asOf : ''), class: 'organisation-link' }, o.name)),
    el('td', {}, o.country), el('td', {}, o.memberBody), el('td', {}, tier(o.tier)),
    el('td', {}, o.status || ''), el('td', {}, o.certificateNumber || '')));
  show(el('p', { id: 'result-count' }, body.total + ' organisation' + (body.total === 1 ? '' : 's')),
    el('div', { class: 'scroll' }, el('table', { id: 'results' },
      el('thead', {}, el('tr', {}, ['Name', 'Country', 'Member body', 'Tier', 'Status', 'Certificate']
        .map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))));
}

function condition(c) {
  const extra = c.met
    ? (c.holdsThrough ? ' — holds through ' + c.holdsThrough : '')
    : (c.metFrom ? ' — met from ' + c.metFrom : '');
  return el('li', { class: (c.met ? 'met' : 'missing') + ' condition', 'data-code': c.code },
    (c.met ? '✔ ' : '✘ ') + c.code.replaceAll('_', ' ').toLowerCase() + ': ' + c.explanation + extra);
}

// The events behind what the page says, for compliance staff: folded away under one toggle.
function technical(rows) {
  const shown = rows.filter(r => r[1].length);
  if (!shown.length) return '';
  return el('details', { class: 'technical' }, el('summary', {}, 'Technical details (event ids)'),
    el('dl', { class: 'ids' }, shown.flatMap(r => [el('dt', {}, r[0]), el('dd', {}, r[1].join(', '))])));
}

const changeNames = { GOLD_AWARDED: 'Gold awarded', CERTIFIED: 'Certified', SUSPENDED: 'Suspended',
  REINSTATED: 'Reinstated', WITHDRAWN: 'Withdrawn', EXPIRED: 'Expired' };

function organisationLink(id, name) {
  return el('a', { href: '#/organisations/' + encodeURIComponent(id), class: 'organisation-link' }, name);
}

async function home() {
  const [overview, platinum] = await Promise.all([getJson(api + '/overview?latest=10'),
    getJson(api + '/platinum?size=12')]);
  if (overview.status !== 200) return show(el('p', { class: 'error' }, 'The registry cannot be read just now.'));
  const o = overview.body;
  show(
    el('section', { class: 'card', id: 'counts', 'aria-labelledby': 'counts-title' },
      el('h2', { id: 'counts-title' }, o.all.total + ' certified organisations on ' + o.asOf),
      el('p', { class: 'tiers' }, tier('PLATINUM'), ' ' + o.all.platinum + '  ', tier('GOLD'), ' ' + o.all.gold
        + '  ', tier('CERTIFIED'), ' ' + o.all.certified),
      el('div', { class: 'scroll' }, el('table', { id: 'by-country' },
        el('caption', {}, 'By country'),
        el('thead', {}, el('tr', {}, ['Country', 'Platinum', 'Gold', 'Certified', 'All']
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, o.byCountry.slice(0, 12).map(c => el('tr', {}, el('th', { scope: 'row' }, c.country),
          el('td', {}, c.platinum), el('td', {}, c.gold), el('td', {}, c.certified), el('td', {}, c.total))))))),
    el('section', { class: 'card', id: 'platinum-holders', 'aria-labelledby': 'platinum-title' },
      el('h2', { id: 'platinum-title' }, 'Platinum holders'),
      platinum.status === 200 && platinum.body.organisations.length
        ? el('ul', { class: 'holders' }, platinum.body.organisations.map(p => el('li', {},
          organisationLink(p.organisation.organisationId, p.organisation.name), ' (' + p.organisation.country + ')')))
        : el('p', {}, 'No organisation holds Platinum today.'),
      platinum.status === 200 && platinum.body.total > platinum.body.organisations.length
        ? el('p', {}, el('a', { href: '#/search?tier=PLATINUM' }, 'All ' + platinum.body.total + ' Platinum holders'))
        : ''),
    el('section', { class: 'card', id: 'latest', 'aria-labelledby': 'latest-title' },
      el('h2', { id: 'latest-title' }, 'Latest certifications and changes'),
      el('div', { class: 'scroll' }, el('table', { id: 'latest-changes' },
        el('thead', {}, el('tr', {}, ['Date', 'Organisation', 'Certificate', 'Change']
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, o.latest.map(c => el('tr', { class: 'latest-change' }, el('td', {}, c.on),
          el('td', {}, organisationLink(c.organisationId, c.organisationName)),
          el('td', {}, c.certificateNumber ? el('a', { href: '#/certificates/' + c.certificateNumber },
            c.certificateNumber) : ''),
          el('td', {}, changeNames[c.change] || c.change))))))));
}

async function organisation(id, asOf) {
  const suffix = asOf ? '?asOf=' + asOf : '';
  const [standing, timeline] = await Promise.all([
    getJson(api + '/organisations/' + encodeURIComponent(id) + suffix),
    getJson(api + '/organisations/' + encodeURIComponent(id) + '/timeline')]);
  if (standing.status !== 200) return show(el('p', { class: 'error' }, standing.body.detail || 'Not found'));
  const s = standing.body;
  const cert = s.certificate;
  const reasons = s.reasons;
  show(
    el('div', { class: 'card', id: 'organisation' },
      el('h2', { id: 'organisation-name' }, s.organisation.name),
      el('p', {}, s.organisation.country + ' · certified by ' + s.organisation.memberBody + ' · on ' + s.asOf),
      el('p', { id: 'standing' }, tier(s.tier), ' ', s.status || 'no certificate'),
      cert ? el('p', {}, 'Certificate ', el('a', { href: '#/certificates/' + cert.certificateNumber,
        id: 'certificate-link' }, cert.certificateNumber), ' (' + cert.tier + ', ' + cert.standardVersion
        + ', awarded ' + cert.awardedOn + ', valid until ' + cert.validUntil + ') · ',
        el('a', { href: api + '/certificates/' + encodeURIComponent(cert.certificateNumber) + '/credential?download=true',
          id: 'credential-download' }, 'download its credential')) : '',
      el('p', { id: 'reason-summary' }, reasons.summary),
      el('h3', {}, reasons.platinum ? 'Why Platinum' : 'Why not Platinum'),
      el('ul', { id: 'platinum-conditions' }, reasons.platinumConditions.map(condition)),
      s.awards.length ? el('p', {}, 'ISEA wins: ' + s.awards.map(a => a.seasonYear + ' ' + a.category
        + ' (' + a.wonOn + ')').join('; ')) : '',
      technical([['Tier', reasons.tierEventIds]].concat(reasons.platinumConditions.map(c =>
        [c.code.replaceAll('_', ' ').toLowerCase(), c.eventIds])))),
    mark(s.organisation),
    el('div', { class: 'card' }, el('h3', {}, 'Timeline'),
      el('div', { class: 'scroll' }, el('table', { id: 'timeline' },
        el('thead', {}, el('tr', {}, ['Date', 'Tier', 'Status', 'Certificate', 'Why']
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, (timeline.body.entries || []).map(e => el('tr', { class: 'timeline-entry' },
          el('td', {}, e.on), el('td', {}, tier(e.tier)), el('td', {}, e.status || ''),
          el('td', {}, e.certificateNumber), el('td', {}, e.reason)))))),
      technical((timeline.body.entries || []).map(e => [e.on, e.eventIds]))));
}

// The live certification mark and the HTML that embeds it on another site.
function mark(organisation) {
  const origin = location.origin;
  const id = encodeURIComponent(organisation.organisationId);
  const src = origin + api + '/organisations/' + id + '/mark.svg';
  const alt = 'ICSS certification mark of ' + organisation.name;
  const snippet = '<a href="' + origin + '/#/organisations/' + id + '"><img src="' + src + '" alt="'
    + alt.replaceAll('"', '&quot;') + '" width="220" height="64"></a>';
  return el('div', { class: 'card', id: 'mark' }, el('h3', {}, 'Certification mark'),
    el('img', { src, alt, width: '220', height: '64', id: 'mark-image' }),
    el('label', { class: 'embed' }, 'Embed this mark on your site (it always shows today\'s standing)',
      el('textarea', { id: 'mark-snippet', readonly: 'readonly', rows: '3' }, snippet)));
}

// Verifying a credential or a signed answer in the browser: the signature against the registry's published keys
// (WebCrypto, ECDSA P-256), the key's presence in the JWKS, the validity dates, and each status list bit.
function b64url(text) {
  const bytes = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(bytes, c => c.charCodeAt(0));
}

async function checkJws(compact, jwks) {
  const parts = compact.trim().split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS (three parts separated by dots)');
  const header = JSON.parse(new TextDecoder().decode(b64url(parts[0])));
  const payload = JSON.parse(new TextDecoder().decode(b64url(parts[1])));
  const jwk = (jwks.keys || []).find(k => k.kid === header.kid);
  let valid = false;
  if (jwk && header.alg === 'ES256') {
    const key = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, b64url(parts[2]),
      new TextEncoder().encode(parts[0] + '.' + parts[1]));
  }
  return { header, payload, keyKnown: !!jwk, valid };
}

async function statusBit(entry, jwks) {
  const response = await fetch(entry.statusListCredential);
  const list = await checkJws(await response.text(), jwks);
  const encoded = list.payload.credentialSubject.encodedList.slice(1);
  const stream = new Blob([b64url(encoded)]).stream().pipeThrough(new DecompressionStream('gzip'));
  const bits = new Uint8Array(await new Response(stream).arrayBuffer());
  const index = Number(entry.statusListIndex);
  return { set: (bits[index >> 3] & (0x80 >> (index & 7))) !== 0, listValid: list.valid };
}

function check(name, ok, detail) {
  return el('li', { class: 'check ' + (ok ? 'met' : 'missing'), 'data-check': name },
    (ok ? '✔ ' : '✘ ') + name + ': ' + detail);
}

async function verifyPasted(text) {
  const out = document.getElementById('verify-result');
  out.replaceChildren(el('p', {}, 'Checking…'));
  try {
    const jwks = await (await fetch('/.well-known/jwks.json')).json();
    const jws = await checkJws(text, jwks);
    const checks = [check('signature', jws.valid, jws.valid ? 'valid (ES256)' : 'does not match the content'),
      check('issuer key', jws.keyKnown, jws.keyKnown ? 'key ' + jws.header.kid + ' is published by this registry'
        : 'key ' + jws.header.kid + ' is not in /.well-known/jwks.json')];
    const p = jws.payload;
    const rows = [];
    if ((p.type || []).includes('VerifiableCredential')) {
      const now = new Date();
      const from = p.validFrom ? new Date(p.validFrom) : null;
      const until = p.validUntil ? new Date(p.validUntil) : null;
      checks.push(check('validity dates', (!from || from <= now) && (!until || now < until),
        'valid from ' + (p.validFrom || '-') + ' until ' + (p.validUntil || '-')));
      for (const entry of [].concat(p.credentialStatus || [])) {
        const bit = await statusBit(entry, jwks);
        checks.push(check(entry.statusPurpose + ' status', !bit.set && bit.listValid,
          (bit.set ? (entry.statusPurpose === 'revocation' ? 'REVOKED' : 'SUSPENDED')
            : (entry.statusPurpose === 'revocation' ? 'not revoked' : 'not suspended'))
          + (bit.listValid ? '' : ' (the status list\'s signature does not check)')));
      }
      const subject = p.credentialSubject || {};
      rows.push(['Credential', p.name], ['Holder', subject.name],
        ['Achievement', subject.achievement && subject.achievement.name]);
    } else if (p.question) {
      rows.push(['Asked', Object.entries(p.question).filter(e => e[1]).map(e => e[0] + ' ' + e[1]).join(', ')],
        ['Answered', Object.entries(p.answer || {}).filter(e => e[1] !== null).map(e => e[0] + ' ' + e[1])
          .join(', ')], ['Answered at', new Date(p.iat * 1000).toISOString()]);
    }
    out.replaceChildren(el('ul', { id: 'verify-checks' }, checks),
      el('table', {}, el('tbody', {}, rows.filter(r => r[1]).map(r => el('tr', {}, el('th', { scope: 'row' }, r[0]),
        el('td', {}, r[1]))))));
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error', id: 'verify-error' }, 'Cannot check this: ' + e.message));
  }
}

function verifier() {
  const area = el('textarea', { id: 'pasted', rows: '6', 'aria-describedby': 'pasted-help' });
  show(el('div', { class: 'card', id: 'verifier' }, el('h2', {}, 'Verify a credential or a signed answer'),
    el('label', { for: 'pasted', id: 'pasted-help' }, 'Paste an ICSS credential (vc+jwt) or a signed registry answer '
      + '(application/jose). It is checked here, in your browser, against the registry\'s published keys.'), area,
    el('button', { id: 'verify-pasted', type: 'button' }, 'Check'),
    el('div', { id: 'verify-result', 'aria-live': 'polite' })));
  document.getElementById('verify-pasted').addEventListener('click', () => verifyPasted(area.value));
}

async function certificate(number) {
  const { body } = await getJson(api + '/certificates/' + encodeURIComponent(number));
  const rows = [['Checked on', body.checkedOn], ['Organisation', body.organisationName], ['Valid from', body.validFrom],
    ['Valid until', body.validUntil], ['Status since', body.statusSince]].filter(r => r[1]);
  show(el('div', { class: 'card', id: 'verification' },
    el('h2', {}, 'Certificate ' + body.certificateNumber),
    el('p', { class: 'verdict verdict-' + body.verdict, id: 'verdict' }, body.verdict),
    el('table', {}, el('tbody', {}, rows.map(r => el('tr', {}, el('th', {}, r[0]), el('td', {}, r[1]))))),
    body.certificate ? el('p', {}, el('a', { href: '#/organisations/' + body.certificate.organisationId },
      'Organisation page')) : ''));
}

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, queryString] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(queryString || ''));
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'organisations' && parts[1]) return organisation(parts[1], params.asOf);
  if (parts[0] === 'certificates' && parts[1]) return certificate(parts[1]);
  if (parts[0] === 'search') return search(params);
  if (parts[0] === 'verify') return verifier();
  return home();
}

// Instant results: typing in the name box searches after a short pause.
let typing;
document.getElementById('q').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    const params = new URLSearchParams();
    ['q', 'country', 'memberBody', 'tier', 'asOf'].forEach(k => {
      const v = document.getElementById(k).value.trim();
      if (v) params.set(k, v);
    });
    const hash = '#/search?' + params;
    if (location.hash === hash) return;
    history.replaceState(null, '', hash);
    route();
  }, 250);
});

document.getElementById('search-form').addEventListener('submit', event => {
  event.preventDefault();
  clearTimeout(typing);
  const params = new URLSearchParams();
  ['q', 'country', 'memberBody', 'tier', 'asOf'].forEach(k => {
    const v = document.getElementById(k).value.trim();
    if (v) params.set(k, v);
  });
  location.hash = '#/search?' + params;
});
document.getElementById('verify-form').addEventListener('submit', event => {
  event.preventDefault();
  location.hash = '#/certificates/' + encodeURIComponent(document.getElementById('certificate-number').value.trim());
});
window.addEventListener('hashchange', route);
route();
