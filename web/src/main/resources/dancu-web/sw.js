// dancu's service worker: the last-seen dashboard stays readable offline (a meeting room without network, a weak
// link that drops). Nothing is fetched ahead: what was seen is kept, as it was seen.
// - the page (/, any query): network first, else the saved page;
// - the app's files and its ECharts (/app/<hash>/…, content-addressed; /webjars/…): saved once, served from the copy;
// - the API's answers (GET of cubes, series, indicators, units, maps, who am I): network first, else the saved
//   answer, marked with X-Dancu-Offline: the time it was saved (the page shows "số liệu đến …").
// Downloads, the SQL page, logins and everything that is not a GET go to the network only.
const FILES = 'dancu-files';
const ANSWERS = 'dancu-answers';
const SAVED = /^\/api\/v1\/(cubes(\/[^/]+\/(query|series))?|indicators(\/series)?|units|maps\/[^/]+|auth\/me)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set('X-Dancu-Saved', new Date().toISOString());
      const body = await response.clone().arrayBuffer();
      await cache.put(key, new Response(body, { status: response.status, statusText: response.statusText, headers }));
    }
    return response;
  }
  catch (error) {
    const saved = await cache.match(key);
    if (!saved) throw error;
    const headers = new Headers(saved.headers);
    headers.set('X-Dancu-Offline', headers.get('X-Dancu-Saved') || 'unknown');
    return new Response(await saved.arrayBuffer(), { status: saved.status, statusText: saved.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(FILES);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** A new release of the app: the saved files of the older ones are dropped. */
async function forgetOtherReleases(release) {
  const cache = await caches.open(FILES);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/app/') && !path.startsWith(`/app/${release}/`)) await cache.delete(request);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/') {
    event.respondWith(networkFirst(request, FILES, '/').then((response) => {
      const release = response.headers.get('X-Dancu-App');
      if (release && !response.headers.get('X-Dancu-Offline')) event.waitUntil(forgetOtherReleases(release));
      return response;
    }));
    return;
  }
  if (url.pathname.startsWith('/app/') || url.pathname.startsWith('/webjars/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (SAVED.test(url.pathname)) {
    event.respondWith(networkFirst(request, ANSWERS, request.url));
  }
});
