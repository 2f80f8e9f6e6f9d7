// The performance report viewer: the report endpoints need an API key in a header, which a browser cannot send
// when it follows a link; this page fetches the report with the key and shows it in a frame (no scripts run in
// it), and follows the report's own links (earlier audits, the PDF) the same way.
'use strict';

const form = document.getElementById('report-form');
const frame = document.getElementById('report-frame');
const status = document.getElementById('report-status');
const field = id => document.getElementById(id);

function reportUrl(file, audit) {
  const base = '/api/v1/reports/organisations/' + encodeURIComponent(field('organisation-id').value.trim()) + '/';
  return base + file + (audit ? '?audit=' + encodeURIComponent(audit) : '');
}

async function fetchWithKey(url, accept) {
  const response = await fetch(url, { headers: { 'X-API-Key': field('api-key').value, Accept: accept } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(response.status + ' ' + (problem.title || response.statusText)
      + (problem.detail ? ': ' + problem.detail : ''));
  }
  return response;
}

async function openReport(audit) {
  status.textContent = 'Loading…';
  try {
    const html = await (await fetchWithKey(reportUrl('report.html', audit), 'text/html')).text();
    frame.srcdoc = html;
    status.textContent = '';
  } catch (e) {
    frame.removeAttribute('srcdoc');
    frame.hidden = true;
    status.textContent = e.message;
  }
}

async function downloadPdf(audit) {
  status.textContent = 'Rendering the PDF…';
  try {
    const blob = await (await fetchWithKey(reportUrl('report.pdf', audit), 'application/pdf')).blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'icss-report-' + field('organisation-id').value.trim() + (audit ? '-' + audit : '') + '.pdf';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = '';
  } catch (e) {
    status.textContent = e.message;
  }
}

// The report's links are relative (report.html?audit=..., report.pdf?audit=...): fetch them with the key instead.
frame.addEventListener('load', () => {
  frame.hidden = !frame.srcdoc;
  const doc = frame.contentDocument;
  if (!doc || !doc.body) return;
  frame.style.height = doc.documentElement.scrollHeight + 'px';
  doc.addEventListener('click', event => {
    const link = event.target.closest('a[href]');
    if (!link) return;
    const href = link.getAttribute('href');
    const target = new URL(href, 'http://report/');
    if (!/^report\.(html|pdf)/.test(href)) return;
    event.preventDefault();
    const audit = target.searchParams.get('audit') || '';
    field('audit-id').value = audit;
    if (target.pathname.endsWith('.pdf')) downloadPdf(audit); else openReport(audit);
  });
});

form.addEventListener('submit', event => {
  event.preventDefault();
  openReport(field('audit-id').value.trim());
});
field('download-pdf').addEventListener('click', () => {
  if (form.reportValidity()) downloadPdf(field('audit-id').value.trim());
});

const params = new URLSearchParams(location.search);
if (params.get('organisation')) field('organisation-id').value = params.get('organisation');
if (params.get('audit')) field('audit-id').value = params.get('audit');
