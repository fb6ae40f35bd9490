'use strict';
// The jobs page: every job of the cluster (filtered and sorted here), the members and what each hosts, the totals.
// The jobs are read again every two seconds, which keeps the progress of running jobs moving; the totals and
// members every ten.

const columns = [
  { key: 'id', label: 'Job', value: (j) => j.id },
  { key: 'local', label: 'Local path', value: (j) => j.spec.localPath },
  { key: 'remote', label: 'Remote', value: (j) => j.spec.remote },
  { key: 'mode', label: 'Mode', value: (j) => j.spec.mode },
  { key: 'status', label: 'Status', value: (j) => j.status },
  { key: 'last', label: 'Last run', value: (j) => (j.lastRun ? j.lastRun.outcome : '') },
  { key: 'files', label: 'Files', value: (j) => (j.lastRun ? filesOf(j.lastRun) : -1), numeric: true },
  { key: 'bytes', label: 'Bytes', value: (j) => (j.lastRun ? j.lastRun.bytesTransferred : -1), numeric: true },
  { key: 'next', label: 'Next run', value: (j) => j.nextRunAt || '' },
  { key: 'watch', label: 'Watching', value: (j) => (j.spec.watch ? 'yes' : 'no') },
];

const state = { jobs: [], sort: 'id', descending: false, filter: '', status: '' };
const body = h('tbody', {});
const heads = columns.map((c) => h('th', { scope: 'col', 'aria-sort': c.key === state.sort ? 'ascending' : 'none', class: c.numeric ? 'num' : null },
  h('button', { type: 'button', onclick: () => sortBy(c.key) }, c.label)));
const count = h('p', { class: 'muted', role: 'status' });
const totals = h('div', {});
const members = h('div', {});
const problem = h('p', { class: 'message error', role: 'alert' });

function sortBy(key) {
  state.descending = state.sort === key ? !state.descending : false;
  state.sort = key;
  columns.forEach((c, i) => heads[i].setAttribute('aria-sort', c.key === key ? (state.descending ? 'descending' : 'ascending') : 'none'));
  showJobs();
}

function showJobs() {
  const column = columns.find((c) => c.key === state.sort);
  const needle = state.filter.trim().toLowerCase();
  const shown = state.jobs
    .filter((j) => !state.status || j.status === state.status)
    .filter((j) => !needle || [j.id, j.spec.localPath, j.spec.remote].some((t) => t.toLowerCase().includes(needle)))
    .sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return state.descending ? -order : order;
    });
  body.replaceChildren(...shown.map((j) => {
    const cells = [
      h('td', { class: 'path' }, j.spec.localPath),
      h('td', { class: 'path' }, j.spec.remote),
      h('td', {}, j.spec.mode),
      h('td', {}, h('div', {}, statusCell(j))),
      h('td', {}, j.lastRun ? h('span', { class: `outcome-${j.lastRun.outcome}` }, `${j.lastRun.outcome}${j.lastRun.dryRun ? ' (dry run)' : ''}`) : h('span', { class: 'muted' }, 'never run')),
      h('td', { class: 'num' }, j.lastRun ? filesOf(j.lastRun) : '–'),
      h('td', { class: 'num' }, j.lastRun ? fmt.bytes(j.lastRun.bytesTransferred) : '–'),
      h('td', {}, j.nextRunAt ? fmt.time(j.nextRunAt) : h('span', { class: 'muted' }, 'not scheduled')),
      h('td', {}, j.spec.watch ? 'yes' : 'no'),
    ];
    // On a phone each row is a card: every cell says which column it is (the stylesheet shows data-label).
    cells.forEach((cell, i) => cell.setAttribute('data-label', columns[i + 1].label));
    return h('tr', { 'data-job': j.id }, h('th', { scope: 'row' }, h('a', { href: `/jobs/${encodeURIComponent(j.id)}` }, j.id)), cells);
  }));
  count.textContent = `${shown.length} of ${state.jobs.length} jobs shown`;
}

function showTotals(statistics) {
  const t = statistics.total;
  const days = lastDays(t.perDay, 30, (d) => d.bytes);
  totals.replaceChildren(
    h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Runs (30 days)'), h('dd', { 'data-stat': 'runs' }, t.runs.completed + t.runs.failed + t.runs.aborted + t.runs.stopped)),
      h('div', {}, h('dt', {}, 'Completed'), h('dd', { 'data-stat': 'success' }, fmt.percent(t.successRate))),
      h('div', {}, h('dt', {}, 'Mean duration'), h('dd', {}, fmt.seconds(t.meanSeconds))),
      h('div', {}, h('dt', {}, 'Jobs'), h('dd', {}, t.jobs))),
    barChart('Bytes moved per day', days, fmt.bytes));
}

function showMembers(cluster) {
  members.replaceChildren(h('ul', { class: 'members' }, cluster.members.map((m) => {
    const hosted = state.jobs.filter((j) => j.node === m.address).map((j) => j.id).sort();
    return h('li', { 'data-member': m.address },
      h('strong', {}, m.address), ` · ${m.status}${m.reachable ? '' : ' · unreachable'}${m.address === cluster.self ? ' · this node' : ''}${m.address === cluster.leader ? ' · leader' : ''}`,
      h('br', {}), hosted.length ? `hosts ${hosted.join(', ')}` : h('span', { class: 'muted' }, 'hosts no jobs'));
  })));
}

/** Reads the jobs, and with <paramref name="everything"/> the totals and members too (each job asked for its statistics: less often). */
async function refresh(everything) {
  try {
    const [jobs, statistics, cluster] = await Promise.all([
      api.get('/api/jobs'), everything ? api.get('/api/statistics') : null, everything ? api.get('/api/cluster') : null]);
    state.jobs = jobs;
    showJobs();
    if (statistics) showTotals(statistics);
    if (cluster) {
      state.cluster = cluster;
    }
    if (state.cluster) showMembers(state.cluster);
    problem.textContent = '';
  } catch (e) {
    problem.textContent = `The node did not answer: ${e.message}`;
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  const statuses = ['', 'idle', 'running', 'paused', 'completed', 'failed'];
  render('Jobs',
    problem,
    h('section', { 'aria-label': 'Jobs' },
      h('div', { class: 'toolbar' },
        h('label', {}, 'Filter by id or path', h('input', { type: 'search', id: 'filter', oninput: (e) => { state.filter = e.target.value; showJobs(); } })),
        h('label', {}, 'Status', h('select', { id: 'status-filter', onchange: (e) => { state.status = e.target.value; showJobs(); } },
          statuses.map((s) => h('option', { value: s }, s || 'any')))),
        h('a', { class: 'button', href: '/new' }, 'New job')),
      count,
      h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' }, h('caption', { class: 'skip' }, 'Jobs of the cluster'), h('thead', {}, h('tr', {}, heads)), body))),
    h('section', { class: 'panel', 'aria-labelledby': 'totals-heading' }, h('h2', { id: 'totals-heading' }, 'Totals'), totals),
    h('section', { class: 'panel', 'aria-labelledby': 'cluster-heading' }, h('h2', { id: 'cluster-heading' }, 'Cluster'), members));
  await refresh(true);
  let round = 0;
  setInterval(() => refresh(++round % 5 === 0), 2000);
});
