// Talks to the API: every failure becomes an ApiError whose message is the API's one-line title (meant for the user).
export class ApiError extends Error {
  constructor(status, type, title, detail) {
    super(title);
    this.status = status;
    this.type = type;
    this.detail = detail;
  }
}

/** When the last answer came from the offline copy (the service worker's), the time it was saved; else null. */
let offline = null;
export function offlineSince() {
  return offline;
}

/** A URL of the API with its parameters; arrays repeat the parameter (filter=a:1&filter=b:2). */
export function url(path, params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of [].concat(value)) {
      if (item !== undefined && item !== null && item !== '') search.append(name, item);
    }
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function send(target, options = {}) {
  let response;
  try {
    response = await fetch(target, { credentials: 'same-origin', ...options, headers: { Accept: 'application/json', ...(options.headers || {}) } });
  }
  catch (error) {
    throw new ApiError(0, 'offline', navigator.onLine === false ? 'offline' : error.message);
  }
  const saved = response.headers.get('X-Dancu-Offline');
  if (saved) offline = saved;
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.type || 'error', body.title || `${response.status} ${response.statusText}`, body.details);
  return body;
}

export function getJson(path, params) {
  return send(url(path, params));
}

/** A write to the API (POST, PATCH, DELETE) with an optional JSON body; the answer's JSON, or null for 204. */
export function sendJson(method, path, body) {
  return send(path, body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Requests of one rendering of a page: the same URL is fetched once, however many charts draw from it. */
export class Requests {
  constructor() {
    this.pending = new Map();
  }

  /** reference: boundaries and unit lists, cached by the browser; not counted as a chart's data request. */
  get(path, params, { reference = false } = {}) {
    const target = url(path, params);
    if (!this.pending.has(target)) this.pending.set(target, { reference, answer: send(target) });
    return this.pending.get(target).answer;
  }

  /** How many data requests this rendering made (each URL once). */
  count() {
    return [...this.pending.values()].filter((request) => !request.reference).length;
  }
}

export function login(username, password) {
  return send('/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
}

export function logout() {
  return send('/api/v1/auth/logout', { method: 'POST' });
}

export function putSettings(settings) {
  return send('/api/v1/admin/settings', {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings),
  });
}

/** POSTs a JSON body; an error answer becomes an ApiError with the API's title. */
export function postJson(path, body) {
  return send(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}
