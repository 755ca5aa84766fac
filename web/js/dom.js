// Small DOM and formatting helpers shared by every view. Data is only ever put into the page as text
// (textContent), never as HTML, so names and notes from the store cannot inject markup.

// h('div.card#x', {onclick: fn, dataset: {id: 1}, class: 'a'}, child, 'text', [more]) -> Element.
export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement((m && m[1]) || 'div');
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1));
      else el.id = part.slice(1);
    }
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const kCompact = new Intl.NumberFormat('en', {notation: 'compact', maximumFractionDigits: 1});
const kFull = new Intl.NumberFormat('en');

// 12345 -> "12.3K"; small numbers stay exact.
export function num(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
  const x = Number(n);
  if (!Number.isInteger(x)) {
    if (x !== 0 && Math.abs(x) < 0.01) return x.toPrecision(2);  // PageRank-sized numbers
    return Math.abs(x) < 10000 ? x.toFixed(Math.abs(x) < 10 ? 2 : 1) : kCompact.format(x);
  }
  return Math.abs(x) < 10000 ? kFull.format(x) : kCompact.format(x);
}

export function money(n, currency = 'USD') {
  if (n === null || n === undefined) return '–';
  return new Intl.NumberFormat('en', {style: 'currency', currency, maximumFractionDigits: 0}).format(n);
}

export function ago(iso) {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  if (s < 86400 * 30) return `${Math.round(s / 86400)} d ago`;
  return new Date(t).toISOString().slice(0, 10);
}

export function dateTime(iso) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso || '';
  return new Date(t).toLocaleString('en-GB', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}

export function label(stage) {
  return stage ? stage[0].toUpperCase() + stage.slice(1) : '';
}

export function stageBadge(stage) {
  return h('span.stage', {class: `stage-${stage}`}, label(stage));
}

// Turns "recent_citations" into "Recent citations".
export function humanKey(k) {
  const s = String(k).replace(/_/g, ' ');
  return s[0].toUpperCase() + s.slice(1);
}

export function toast(message, kind = 'info', ms = 6000) {
  const box = document.getElementById('toasts');
  const t = h('div.toast', {class: `toast-${kind}`, role: kind === 'error' ? 'alert' : 'status'}, message);
  box.append(t);
  setTimeout(() => t.remove(), ms);
  return t;
}

export function spinner(text = 'Loading…') {
  return h('div.loading', h('span.spin'), text);
}

export function errorBox(err) {
  return h('div.error-box', {role: 'alert'}, err && err.message ? err.message : String(err));
}

export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// One colour per stage, shared by the badges (css/app.css mirrors it) and the charts.
export const kStageColors = {
  identified: '#94a3b8', contacted: '#60a5fa', replied: '#38bdf8', meeting: '#a78bfa', offer: '#f59e0b',
  accepted: '#34d399', declined: '#f87171', joined: '#059669', withdrawn: '#cbd5e1',
};
