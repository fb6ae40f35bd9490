'use strict';
// What every page of the dashboard shares: calls to the node's JSON API, building elements (always as text, never
// as HTML: paths and names come from users and servers), formats, and a small bar chart.

const api = {
  async call(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    if (response.status === 401 && location.pathname !== '/login') {
      location.assign('/login');
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.problem = data;
      throw error;
    }
    return data;
  },
  get(path) { return this.call('GET', path); },
  post(path, body) { return this.call('POST', path, body); },
  put(path, body) { return this.call('PUT', path, body); },
  del(path) { return this.call('DELETE', path); },
};

const svgTags = new Set(['svg', 'rect', 'line', 'text', 'title', 'g']);

/** An element with attributes (on* are listeners) and children (strings become text). */
function h(tag, attrs, ...children) {
  const node = svgTags.has(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces a node's children, leaving out what is null or false (as h does). */
function setChildren(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

const fmt = {
  bytes(n) {
    if (n === null || n === undefined) return '–';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
  },
  seconds(s) {
    if (s === null || s === undefined) return '–';
    if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
    return `${Math.floor(m / 60)} h ${m % 60} min`;
  },
  /** A .NET TimeSpan as JSON writes it ("[d.]hh:mm:ss[.fffffff]") in seconds. */
  timeSpan(text) {
    if (!text) return null;
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
    return m ? (+(m[1] || 0)) * 86400 + (+m[2]) * 3600 + (+m[3]) * 60 + (+m[4]) : null;
  },
  time(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    const pad = (x) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  },
  percent(x) { return x === null || x === undefined ? '–' : `${Math.round(x * 1000) / 10} %`; },
};

/** Files a run copied or deleted. */
function filesOf(run) {
  return run.uploaded + run.downloaded + run.deletedLocal + run.deletedRemote + (run.moved || 0);
}

/** The status of a job as text with its class, and a progress bar with the ETA while a run is in flight. */
function statusCell(job) {
  const cell = [h('span', { class: `status status-${job.status}` }, job.status)];
  if ((job.status === 'running' || job.status === 'paused') && job.progress) {
    const p = job.progress;
    cell.push(progressBar(p, { 'aria-label': `progress of ${job.id}` }));
    const eta = fmt.timeSpan(p.eta);
    cell.push(h('span', { class: 'eta' }, `${p.phase} · ${percentText(p)}${eta !== null ? ` · ETA ${fmt.seconds(eta)}` : ''}`));
  }
  return cell;
}

/** As SyncProgress.Percent: by bytes when there are any, else by items; null before the plan says how much there is. */
function progressPercent(p) {
  if (p.bytesTotal > 0) return 100 * p.bytesDone / p.bytesTotal;
  if (p.itemsTotal > 0) return 100 * p.itemsDone / p.itemsTotal;
  return null;
}

/** A progress bar: indeterminate while the amount of work is not known yet. */
function progressBar(p, attrs) {
  const percent = progressPercent(p);
  return h('progress', { max: 100, value: percent === null ? null : percent.toFixed(1), ...attrs });
}

/** The share done as text. */
function percentText(p) {
  const percent = progressPercent(p);
  return percent === null ? 'starting' : `${Math.floor(percent)} %`;
}

/** A bar chart as inline SVG: one bar per point, its value in the bar's tooltip and in a table for screen readers. */
function barChart(caption, points, format) {
  const width = 400;
  const height = 100;
  const peak = Math.max(0, ...points.map((p) => p.value));
  const max = peak > 0 ? peak : 1;
  const step = width / Math.max(points.length, 20); // a few points stay bars, not blocks
  const svg = h('svg', { class: 'bars', viewBox: `0 0 ${width} ${height + 14}`, role: 'img', 'aria-label': caption },
    h('line', { x1: 0, y1: height, x2: width, y2: height }),
    points.map((p, i) => {
      const barHeight = p.value > 0 ? Math.max(2, height * p.value / max) : 1;
      return h('rect', { x: (i * step + step * 0.1).toFixed(1), y: (height - barHeight).toFixed(1), width: (step * 0.8).toFixed(1), height: barHeight.toFixed(1), class: p.value > 0 ? null : 'empty' },
        h('title', {}, `${p.label}: ${format(p.value)}`));
    }),
    points.length ? h('text', { x: 0, y: height + 12 }, points[0].label) : null,
    points.length >= 10 ? h('text', { x: step * points.length, y: height + 12, 'text-anchor': 'end' }, points[points.length - 1].label) : null);
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return h('figure', { class: 'chart' }, svg, h('figcaption', {}, `${caption} (max ${format(peak)}, total ${format(total)})`));
}

/** The last <paramref name="count"/> UTC days, oldest first, with the totals of those that have any. */
function lastDays(perDay, count, value) {
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  const today = new Date();
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (count - 1 - i))).toISOString().slice(0, 10);
    return { label: day, value: byDay.has(day) ? value(byDay.get(day)) : 0 };
  });
}

/** Replaces what the page's main element shows with its heading and <paramref name="children"/>. */
function render(title, ...children) {
  const main = document.getElementById('main');
  document.title = `${title} · smbsync`;
  setChildren(main, h('h1', {}, title), ...children);
}

/** Shows a sign-out button when this node needs a token (and so the browser holds a session). */
async function setUpSignOut() {
  const button = document.getElementById('sign-out');
  if (!button) return;
  const session = await api.get('/ui/session');
  button.hidden = !session.tokenRequired;
  button.addEventListener('click', async () => {
    await api.del('/ui/session');
    location.assign('/login');
  });
}

document.addEventListener('DOMContentLoaded', () => { setUpSignOut().catch(() => {}); });
