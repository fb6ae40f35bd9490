'use strict';
// One job: its spec, the run in flight (from the job's server-sent events), its history and statistics, and the
// actions of the API. The page follows the job's event stream, so it changes as the job does, whoever acts on it.

const jobId = decodeURIComponent(location.pathname.split('/')[2]);
const base = `/api/jobs/${encodeURIComponent(jobId)}`;
const view = {
  status: h('span', { id: 'job-status', class: 'status' }),
  message: h('p', { id: 'message', class: 'message', role: 'status', 'aria-live': 'polite' }),
  progress: h('div', { id: 'live' }),
  plan: h('div', { id: 'plan' }),
  spec: h('dl', { class: 'spec', id: 'spec' }),
  statistics: h('div', {}),
  history: h('div', {}),
  buttons: {},
};
let job = null;
let lastRunId = null;
let pendingDryRun = null;

function say(text, error) {
  view.message.textContent = text;
  view.message.classList.toggle('error', !!error);
}

async function act(label, action) {
  try {
    say(`${label}…`);
    const answer = await action();
    say(`${label}: done${answer && answer.runId ? ` (run ${answer.runId})` : ''}.`);
    return answer || {};
  } catch (e) {
    say(`${label}: ${e.message}`, true);
    return null;
  }
}

function button(label, handler, className) {
  const b = h('button', { type: 'button', class: className || null, onclick: handler }, label);
  view.buttons[label] = b;
  return b;
}

function showJob(j) {
  job = j;
  view.status.textContent = j.status;
  view.status.className = `status status-${j.status}`;
  const running = j.status === 'running';
  const paused = j.status === 'paused';
  const busy = running || paused;
  view.buttons.Sync.disabled = busy;
  view.buttons['Dry run'].disabled = busy;
  view.buttons.Pause.disabled = !running;
  view.buttons.Resume.disabled = !paused;
  view.buttons.Stop.disabled = !busy;
  view.buttons.Delete.disabled = busy;
  showProgress(j);
  showSpec(j);
  const finished = j.lastRun ? j.lastRun.runId : null;
  if (finished !== lastRunId) {
    lastRunId = finished;
    loadHistory();
    if (pendingDryRun && finished === pendingDryRun) {
      pendingDryRun = null;
      showPlan(j.lastRun);
    }
  }
}

function showProgress(j) {
  const p = j.progress;
  if (!(j.status === 'running' || j.status === 'paused') || !p) {
    view.progress.replaceChildren(h('p', { class: 'muted' }, j.status === 'running' ? 'Starting…' : 'No run in progress.'));
    return;
  }
  const eta = fmt.timeSpan(p.eta);
  view.progress.replaceChildren(
    progressBar(p, { id: 'run-progress', 'aria-label': 'Run progress' }),
    h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Phase'), h('dd', { id: 'phase' }, j.status === 'paused' ? `${p.phase} (paused)` : p.phase)),
      h('div', {}, h('dt', {}, 'Done'), h('dd', { id: 'percent' }, percentText(p))),
      h('div', {}, h('dt', {}, 'Items'), h('dd', {}, `${p.itemsDone} / ${p.itemsTotal}`)),
      h('div', {}, h('dt', {}, 'Bytes'), h('dd', {}, `${fmt.bytes(p.bytesDone)} / ${fmt.bytes(p.bytesTotal)}`)),
      h('div', {}, h('dt', {}, 'Rate'), h('dd', {}, `${fmt.bytes(p.bytesPerSecond)}/s`)),
      h('div', {}, h('dt', {}, 'ETA'), h('dd', { id: 'eta' }, eta === null ? '–' : fmt.seconds(eta)))),
    h('p', { class: 'path' }, 'Current file: ', h('span', { id: 'current' }, p.currentPath || '–')));
}

function showSpec(j) {
  const s = j.spec;
  const rows = [
    ['Local path', s.localPath], ['Remote', s.remote], ['Mode', s.mode], ['Conflicts', s.conflict], ['Workers', s.workers],
    ['Schedule', s.intervalSeconds ? `every ${fmt.seconds(s.intervalSeconds)}` : 'none'], ['Next run', j.nextRunAt ? fmt.time(j.nextRunAt) : '–'],
    ['Watching', s.watch ? 'yes' : 'no'], ['Checksum', s.checksum ? 'yes' : 'no'], ['Credential', s.credential || 'default'],
    ['Include', s.include.length ? s.include.join(', ') : 'everything'], ['Exclude', s.exclude.length ? s.exclude.join(', ') : 'nothing'],
    ['Keep versions', s.keepVersionsDays === undefined ? '30 days (default)' : `${s.keepVersionsDays} days`],
    ['Hosted by', j.node || '–'], ['Tracked paths', j.trackedPaths],
  ];
  view.spec.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

function showPlan(run) {
  const steps = run.plan || [];
  setChildren(view.plan,
    h('h2', { id: 'plan-heading', tabindex: '-1' }, 'Dry run plan'),
    h('p', {}, steps.length ? `${run.planned ?? steps.length} steps would be taken${run.planned > steps.length ? ` (the first ${steps.length} listed)` : ''}:` : 'Nothing to do: both sides agree.'),
    steps.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'plan-steps' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, 'To / why'))),
      h('tbody', {}, steps.map((s) => h('tr', {}, h('td', {}, s.action), h('td', { class: 'path' }, s.path), h('td', { class: 'path' }, s.target || s.reason || '')))))) : null);
  document.getElementById('plan-heading').focus();
}

function itemList(title, items) {
  return items && items.length
    ? h('details', {}, h('summary', {}, `${items.length} ${title}`), h('ul', { class: 'plain' }, items.map((e) => h('li', {}, h('span', { class: 'path' }, e.path), ` (${e.action}): ${e.message}`))))
    : null;
}

async function loadHistory() {
  try {
    const [runs, statistics] = await Promise.all([api.get(`${base}/history`), api.get(`${base}/statistics`)]);
    const recent = runs.filter((r) => !r.dryRun).slice(-30); // as the statistics, which leave dry runs out
    setChildren(view.history,
      recent.length ? h('div', { class: 'charts' },
        barChart('Duration per run', recent.map((r) => ({ label: fmt.time(r.startedAt), value: r.durationMs / 1000 })), fmt.seconds),
        barChart('Bytes per run', recent.map((r) => ({ label: fmt.time(r.startedAt), value: r.bytesTransferred })), fmt.bytes)) : null,
      runs.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'history' },
        h('thead', {}, h('tr', {}, ['Started', 'Outcome', 'Duration', 'Up', 'Down', 'Deleted', 'Conflicts', 'Skipped', 'Failed', 'Bytes', 'Items failed or skipped'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, runs.slice().reverse().map((r) => h('tr', { 'data-run': r.runId },
          h('td', {}, fmt.time(r.startedAt)),
          h('td', {}, h('span', { class: `outcome-${r.outcome}` }, r.outcome + (r.dryRun ? ' (dry run)' : '')), r.reason ? h('div', { class: 'muted' }, r.reason) : null),
          h('td', { class: 'num' }, fmt.seconds(r.durationMs / 1000)),
          h('td', { class: 'num' }, r.uploaded), h('td', { class: 'num' }, r.downloaded), h('td', { class: 'num' }, r.deletedLocal + r.deletedRemote),
          h('td', { class: 'num' }, r.conflicts), h('td', { class: 'num' }, r.skipped), h('td', { class: 'num' }, r.failed),
          h('td', { class: 'num' }, fmt.bytes(r.bytesTransferred)),
          h('td', {}, itemList('failed', r.errors), itemList('skipped', r.skips))))))) : h('p', { class: 'muted' }, 'No runs yet.'));
    view.statistics.replaceChildren(h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Runs (30 days)'), h('dd', {}, statistics.runs.completed + statistics.runs.failed + statistics.runs.aborted + statistics.runs.stopped)),
      h('div', {}, h('dt', {}, 'Completed'), h('dd', {}, fmt.percent(statistics.successRate))),
      h('div', {}, h('dt', {}, 'Mean'), h('dd', {}, fmt.seconds(statistics.meanSeconds))),
      h('div', {}, h('dt', {}, '95th percentile'), h('dd', {}, fmt.seconds(statistics.p95Seconds)))));
  } catch (e) {
    say(`The history could not be read: ${e.message}`, true);
  }
}

function confirmDelete() {
  const s = job.spec;
  const dialog = h('dialog', { id: 'confirm-delete', 'aria-labelledby': 'confirm-heading' },
    h('h2', { id: 'confirm-heading' }, `Delete job ${jobId}?`),
    h('p', {}, `The job's definition, schedule and run history are removed from the cluster. No file is touched: ${s.localPath} and ${s.remote} stay as they are, and a new job over them starts without this job's memory of past syncs.`),
    h('form', { method: 'dialog', class: 'toolbar' },
      h('button', { value: 'cancel', class: 'secondary' }, 'Keep the job'),
      h('button', { value: 'delete', class: 'danger' }, 'Delete the job')));
  dialog.addEventListener('close', async () => {
    dialog.remove();
    if (dialog.returnValue === 'delete' && await act('Delete', () => api.del(base)) !== null) {
      location.assign('/');
    }
  });
  document.body.append(dialog);
  dialog.showModal();
}

function follow() {
  const events = new EventSource(`${base}/events`);
  events.addEventListener('job', (e) => showJob(JSON.parse(e.data)));
  events.addEventListener('error', async () => {
    try {
      await api.get(base);
    } catch (e) {
      if (e.status === 404) {
        events.close();
        say(`Job ${jobId} no longer exists.`, true);
      }
    }
  });
}

document.addEventListener('DOMContentLoaded', async () => {
  render(`Job ${jobId}`,
    h('p', {}, 'Status: ', view.status),
    h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Actions' },
      button('Sync', () => act('Sync', () => api.post(`${base}/sync`))),
      button('Dry run', async () => {
        const answer = await act('Dry run', () => api.post(`${base}/sync?dryRun=true`));
        pendingDryRun = answer ? answer.runId : null;
        if (pendingDryRun && job.lastRun && job.lastRun.runId === pendingDryRun) {
          pendingDryRun = null;
          showPlan(job.lastRun); // it ended before its answer came
        }
      }, 'secondary'),
      button('Pause', () => act('Pause', () => api.post(`${base}/pause`)), 'secondary'),
      button('Resume', () => act('Resume', () => api.post(`${base}/resume`)), 'secondary'),
      button('Stop', () => act('Stop', () => api.post(`${base}/stop`)), 'secondary'),
      h('a', { class: 'button', href: `/jobs/${encodeURIComponent(jobId)}/edit` }, 'Edit'),
      button('Delete', confirmDelete, 'danger')),
    view.message,
    h('section', { class: 'panel', 'aria-labelledby': 'live-heading' }, h('h2', { id: 'live-heading' }, 'Run in progress'), view.progress),
    view.plan,
    h('section', { 'aria-labelledby': 'spec-heading' }, h('h2', { id: 'spec-heading' }, 'Spec'), view.spec),
    h('section', { 'aria-labelledby': 'history-heading' }, h('h2', { id: 'history-heading' }, 'History'), view.statistics, view.history));
  try {
    showJob(await api.get(base));
    follow();
  } catch (e) {
    say(e.status === 404 ? `Job ${jobId} does not exist.` : `The node did not answer: ${e.message}`, true);
  }
});
