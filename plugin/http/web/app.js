'use strict';
// The main page: search as you type (debounced, stale requests aborted, top hits only), concept
// cards, TM concordance, hearing sheets.
(() => {
  const { getJson, request, latest, el } = tolkApi;
  const $ = (id) => document.getElementById(id);
  const debounce = (fn, ms) => { let timer; return (...a) => { clearTimeout(timer); timer = setTimeout(() => fn(...a), ms); }; };
  const TOP = 12;

  function card(hit) {
    const concept = hit.concept;
    const box = el('article', { class: 'card', 'data-concept': concept.id });
    const title = el('h3', {}, hit.matched_term.text);
    title.append(el('span', { class: 'kind' }, hit.match + ' · ' + concept.id));
    box.append(title);
    if (concept.legal && concept.legal.length)
      box.append(el('div', { class: 'refs' }, concept.legal.join('; ')));
    const table = el('table', { class: 'terms' });
    for (const language of ['nl', 'en', 'ru']) {
      const terms = concept.terms.filter((t) => t.language === language);
      if (!terms.length) continue;
      const cell = el('td', { lang: language });
      terms.forEach((t, i) => {
        if (i) cell.append('; ');
        const span = el('span', { class: (t.status === 'deprecated' ? 'deprecated' : '') + (t.verified === false ? ' unverified' : '') }, t.text);
        cell.append(span);
      });
      table.append(el('tr', {}, el('td', { class: 'lang' }, language), cell));
    }
    box.append(table);
    const definition = concept.definitions && (concept.definitions.en || concept.definitions.nl);
    if (definition) box.append(el('p', {}, definition));
    for (const citation of (concept.citations || []).slice(0, 3))
      box.append(el('div', { class: 'citation' }, citation.file + ':' + citation.line + ' — “' + citation.quote + '”'));
    return box;
  }

  const nextSearch = latest();
  async function search() {
    const query = $('query').value.trim();
    const signal = nextSearch();
    if (!query) { $('results').replaceChildren(); $('status').textContent = ''; return; }
    const language = $('language').value;
    try {
      const answer = await getJson('/api/v1/lookup?q=' + encodeURIComponent(query) + '&limit=' + TOP + (language ? '&lang=' + language : ''), signal);
      $('results').replaceChildren(...answer.hits.slice(0, TOP).map(card));
      $('status').textContent = answer.hits.length ? '' : 'No concept found for “' + query + '”.';
    } catch (error) {
      if (error.name !== 'AbortError') $('status').textContent = error.message;
    }
  }
  $('query').addEventListener('input', debounce(search, 120));
  $('language').addEventListener('change', search);

  const nextConcordance = latest();
  async function concordance() {
    const query = $('concordance-query').value.trim();
    const signal = nextConcordance();
    if (!query) { $('concordance-results').replaceChildren(); return; }
    try {
      const answer = await getJson('/api/v1/tm/concordance?q=' + encodeURIComponent(query) + '&lang=' + $('concordance-language').value + '&limit=20', signal);
      $('concordance-results').replaceChildren(...answer.hits.map((hit) => {
        const line = el('p', {});
        let at = 0;
        const bytes = new TextEncoder().encode(hit.text);
        const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
        for (const h of hit.highlights) { line.append(decode(at, h.begin), el('mark', {}, decode(h.begin, h.end))); at = h.end; }
        line.append(decode(at, bytes.length));
        const box = el('div', { class: 'card' }, line);
        for (const [language, text] of Object.entries(hit.variants))
          if (text !== hit.text) box.append(el('div', { class: 'citation' }, language + ': ' + text));
        return box;
      }));
      if (!answer.hits.length) $('concordance-results').textContent = 'Nothing in the TM.';
    } catch (error) {
      if (error.name !== 'AbortError') $('concordance-results').textContent = error.message;
    }
  }
  $('concordance-query').addEventListener('input', debounce(concordance, 200));
  $('concordance-language').addEventListener('change', concordance);

  const chosenDomains = () => [...document.querySelectorAll('#domains input:checked')].map((i) => i.value).join(',');
  const sheetPath = (format) => '/api/v1/glossary?format=' + format + (chosenDomains() ? '&domains=' + encodeURIComponent(chosenDomains()) : '');
  async function showSheet() {
    const html = await (await request(sheetPath('sheet-html'))).text();
    $('sheet-frame').srcdoc = html;
    $('print-sheet').disabled = false;
  }
  async function download(format, name) {
    const blob = await (await request(sheetPath(format))).blob();
    const link = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(link); link.click(); link.remove();
  }
  $('show-sheet').addEventListener('click', showSheet);
  $('print-sheet').addEventListener('click', () => $('sheet-frame').contentWindow.print());
  $('download-html').addEventListener('click', () => download('sheet-html', 'hearing-sheet.html'));
  $('download-md').addEventListener('click', () => download('sheet-md', 'hearing-sheet.md'));
  getJson('/api/v1/domains').then((answer) => {
    for (const d of answer.domains)
      $('domains').append(el('label', {}, el('input', { type: 'checkbox', value: d.domain }), ' ' + d.domain + ' (' + d.concepts + ')'));
  }).catch((error) => { $('domains').append(error.message); });
})();
