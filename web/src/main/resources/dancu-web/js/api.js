// Fetches JSON from the API; every failure becomes an Error whose message is the API's one-line title.
export async function getJson(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    for (const item of [].concat(value)) {
      if (item !== undefined && item !== null && item !== '') url.searchParams.append(name, item);
    }
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

export function queryCube(cube, params) {
  return getJson(`/api/v1/cubes/${encodeURIComponent(cube)}/query`, params);
}
