'use strict';
// Creates a job (/new) or edits one (/jobs/ID/edit). The node validates: its problems are shown at their fields.

const editing = location.pathname.startsWith('/jobs/') ? decodeURIComponent(location.pathname.split('/')[2]) : null;

const fields = [
  { name: 'id', label: 'Job id', hint: "Letters, digits, '.', '_' and '-'.", required: true },
  { name: 'localPath', label: 'Local directory', hint: 'An absolute path under one of the node\'s local roots.', required: true },
  { name: 'remote', label: 'Remote', hint: 'smb://[DOMAIN;]USER@HOST[:PORT]/SHARE[/PATH] (no password: name a credential) or an absolute path.', required: true },
  { name: 'mode', label: 'Mode', options: ['mirror', 'upload', 'download'] },
  { name: 'conflict', label: 'Conflicts', options: ['keep-both', 'newer', 'local', 'remote', 'skip'] },
  { name: 'workers', label: 'Workers', type: 'number', hint: 'Transfers at once (1 to 64).', value: 8 },
  { name: 'intervalSeconds', label: 'Schedule (seconds between runs)', type: 'number', hint: 'Empty: no schedule.' },
  { name: 'credential', label: 'Credential', hint: "The name of a credential the node knows; empty for the node's default." },
  { name: 'include', label: 'Include', list: true, hint: 'Globs, one per line; empty: everything.' },
  { name: 'exclude', label: 'Exclude', list: true, hint: 'Globs, one per line.' },
  { name: 'keepVersionsDays', label: 'Keep versions (days)', type: 'number', hint: 'What runs delete or overwrite is kept this long; 0 keeps none.', value: 30 },
  { name: 'checksum', label: 'Compare contents when only times differ', check: true },
  { name: 'watch', label: 'Watch both sides and sync changes within seconds', check: true },
];
// The API names a few problems by more than one field.
const aliases = { 'exclude/include': 'exclude', body: null, request: null };

const summary = h('div', { id: 'form-problems', class: 'message error', role: 'alert' });
const inputs = {};
const errors = {};

function fieldOf(f) {
  const id = `field-${f.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  errors[f.name] = h('p', { class: 'field-error', id: errorId });
  const described = [f.hint ? hintId : null, errorId].filter(Boolean).join(' ');
  let input;
  if (f.options) {
    input = h('select', { id, name: f.name, 'aria-describedby': described }, f.options.map((o) => h('option', { value: o }, o)));
  } else if (f.list) {
    input = h('textarea', { id, name: f.name, rows: 2, 'aria-describedby': described });
  } else if (f.check) {
    input = h('input', { id, name: f.name, type: 'checkbox', 'aria-describedby': described });
  } else {
    input = h('input', { id, name: f.name, inputmode: f.type === 'number' ? 'numeric' : null, 'aria-describedby': described, 'aria-required': f.required ? 'true' : null, autocomplete: 'off', spellcheck: 'false' });
  }
  if (f.value !== undefined) input.value = String(f.value);
  inputs[f.name] = input;
  if (f.check) {
    return h('div', { class: 'field' }, h('div', { class: 'check' }, input, h('label', { for: id }, f.label)), errors[f.name]);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, f.label + (f.required ? ' (required)' : '')), f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null, input, errors[f.name]);
}

/** The spec the form holds; numbers left as typed when they are not numbers, so that the node names the field. */
function specOfForm() {
  const spec = {};
  for (const f of fields) {
    const input = inputs[f.name];
    if (f.check) spec[f.name] = input.checked;
    else if (f.list) spec[f.name] = input.value.split('\n').map((l) => l.trim()).filter(Boolean);
    else if (f.type === 'number') {
      const text = input.value.trim();
      if (text !== '') spec[f.name] = /^-?\d+$/.test(text) ? Number(text) : text;
    } else {
      const text = input.value.trim();
      if (text !== '' || f.required) spec[f.name] = text;
    }
  }
  if (spec.credential === undefined) spec.credential = null;
  return spec;
}

function fill(spec) {
  for (const f of fields) {
    const value = spec[f.name];
    if (f.check) inputs[f.name].checked = !!value;
    else if (f.list) inputs[f.name].value = (value || []).join('\n');
    else if (value !== undefined && value !== null) inputs[f.name].value = String(value);
  }
}

function showProblems(problem) {
  const unplaced = [];
  let first = null;
  for (const [field, reasons] of Object.entries((problem && problem.errors) || {})) {
    const name = field in aliases ? aliases[field] : field;
    if (name && inputs[name]) {
      errors[name].textContent = reasons.join('; ');
      inputs[name].setAttribute('aria-invalid', 'true');
      first = first || inputs[name];
    } else {
      unplaced.push(`${field}: ${reasons.join('; ')}`);
    }
  }
  summary.textContent = problem && problem.errors
    ? `The node refused the job: fix the fields marked below.${unplaced.length ? ' ' + unplaced.join(' ') : ''}`
    : (problem && (problem.detail || problem.title)) || 'The node refused the job.';
  (first || summary).focus();
}

function clearProblems() {
  summary.textContent = '';
  for (const f of fields) {
    errors[f.name].textContent = '';
    inputs[f.name].removeAttribute('aria-invalid');
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const form = h('form', { class: 'spec-form', novalidate: true, id: 'job-form' },
    fields.map(fieldOf),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit' }, editing ? 'Save the job' : 'Create the job'),
      h('a', { href: editing ? `/jobs/${encodeURIComponent(editing)}` : '/' }, 'Cancel')));
  summary.setAttribute('tabindex', '-1');
  render(editing ? `Edit job ${editing}` : 'New job', summary, form);
  if (editing) {
    // Nothing can be typed until the job's spec is in (filling the fields would overwrite it), nor saved without it.
    const controls = [...form.elements];
    controls.forEach((c) => { c.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
      fill((await api.get(`/api/jobs/${encodeURIComponent(editing)}`)).spec);
      inputs.id.readOnly = true;
      controls.forEach((c) => { c.disabled = false; });
    } catch (e) {
      summary.textContent = e.message;
    }
    form.removeAttribute('aria-busy');
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems();
    const spec = specOfForm();
    try {
      const saved = editing ? await api.put(`/api/jobs/${encodeURIComponent(editing)}`, spec) : await api.post('/api/jobs', spec);
      location.assign(`/jobs/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      showProblems(e.problem);
    }
  });
});
