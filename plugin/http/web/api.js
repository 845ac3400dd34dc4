// Shared by the pages: API calls with the token (from the URL fragment #token=..., kept for the
// tab's session), and stale requests aborted.
'use strict';
const tolkApi = (() => {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem('tolk-token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname);
  }
  const headers = () => {
    const token = sessionStorage.getItem('tolk-token');
    return token ? { Authorization: 'Bearer ' + token } : {};
  };
  async function request(path, options = {}) {
    const response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
    if (!response.ok) {
      let message = response.status + '';
      try { message = (await response.json()).error.message; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  }
  const getJson = async (path, signal) => (await request(path, { signal })).json();
  const postJson = async (path, body, signal) =>
    (await request(path, { method: 'POST', body: JSON.stringify(body), signal,
                           headers: { 'Content-Type': 'application/json' } })).json();
  // One search at a time: a new one aborts the one before.
  function latest() {
    let controller = null;
    return () => { if (controller) controller.abort(); controller = new AbortController(); return controller.signal; };
  }
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'class') node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }
  return { request, getJson, postJson, latest, el };
})();
