// The service worker (/sw.js) keeps the last-seen dashboard readable without a network: the page, the app's files,
// ECharts and the API answers last seen. Answers served from that copy carry X-Dancu-Offline (the time they were
// saved), and the page then shows a banner "số liệu đến …". Logging out forgets the saved answers.
const ANSWERS = 'dancu-answers';

export function registerOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => console.warn('service worker', error));
}

export async function forgetAnswers() {
  if ('caches' in window) await caches.delete(ANSWERS).catch(() => false);
}
